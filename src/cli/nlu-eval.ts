import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { type EvaluationReport, parseLabelledLines } from '../nlu/evaluate.js';
import type { LabelledExample } from '../nlu/types.js';
import { type Command, UsageError, writeLine } from './io.js';
import { trainAndEvaluate } from './nlu-eval-run.js';

/**
 * The heap a worker gets, in MB: enough for the matchers of the calibration's folds one after the other. Bounded,
 * the garbage collector reclaims each fold's matcher before the next; unbounded, the main thread's heap grew to
 * about 500 MB for 15,000 + 5,500 lines, of which less than 100 MB were alive at any time.
 */
const workerHeapMb = (lines: number) => Math.max(192, Math.ceil(lines / 96));
/**
 * The worker's young generation, in MB. Building a matcher makes many short-lived objects; V8's default nursery
 * (tens of MB) kept about 30 MB more resident for 15,000 + 5,500 lines, and 8 MB was no slower (measured 18.7 s
 * against 19.3 s; 4 MB cost 3 s).
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/**
 * `nlu-eval --train FILE --test FILE [--json]`: builds a matcher from the train lines alone, classifies the test
 * lines and prints in-scope accuracy, out-of-scope recall, macro F1 and the most confused pairs.
 */
export const nluEval: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: { train: { type: 'string' }, test: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (!values.train || !values.test) throw new UsageError('nlu-eval needs --train FILE and --test FILE');
  const started = performance.now();
  const train = parseLabelledLines(readFileSync(values.train, 'utf8'), values.train);
  const test = parseLabelledLines(readFileSync(values.test, 'utf8'), values.test);
  const report = await evaluateInWorker(train, test);
  const seconds = (performance.now() - started) / 1000;
  if (values.json) {
    await writeLine(io.stdout, JSON.stringify(report));
  } else {
    await writeLine(io.stdout, formatReport(report, train.length, seconds));
  }
  return 0;
};

/**
 * Trains and evaluates in a worker thread with a bounded heap (see `workerHeapMb`), the same as in this thread.
 * Run from the TypeScript sources (tests), or when the worker runs out of memory, it is done in this thread.
 */
async function evaluateInWorker(
  train: readonly LabelledExample[],
  test: readonly LabelledExample[],
): Promise<EvaluationReport> {
  const worker = new URL('./nlu-eval-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.js')) return trainAndEvaluate(train, test);
  try {
    return await new Promise<EvaluationReport>((resolve, reject) => {
      const thread = new Worker(worker, {
        workerData: { train, test },
        resourceLimits: {
          maxOldGenerationSizeMb: workerHeapMb(train.length + test.length),
          maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
        },
      });
      thread.once('message', (report: EvaluationReport) => resolve(report));
      thread.once('error', reject);
      thread.once('exit', (code) => reject(new Error(`the evaluation worker stopped (${code})`)));
    });
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw error;
    return trainAndEvaluate(train, test);
  }
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

function formatReport(report: EvaluationReport, trainLines: number, seconds: number): string {
  const lines = [
    `train lines: ${trainLines}, test lines: ${report.lines}, ${seconds.toFixed(1)} s`,
    `in-scope accuracy:   ${percent(report.inScopeAccuracy)}`,
    `out-of-scope recall: ${percent(report.oosRecall)}`,
    `macro F1:            ${report.macroF1.toFixed(3)}`,
  ];
  for (const [locale, scores] of Object.entries(report.byLocale)) {
    lines.push(
      `  ${locale}: in-scope ${percent(scores.inScopeAccuracy)} of ${scores.inScope}, out-of-scope ${percent(scores.oosRecall)} of ${scores.outOfScope}`,
    );
  }
  const { calibration } = report;
  lines.push(
    `calibration error:   ${calibration.expectedCalibrationError.toFixed(3)}` +
      (calibration.minConfidence === undefined
        ? ' (not calibrated: too few examples; similarity alone decides)'
        : `, answers from confidence ${calibration.minConfidence.toFixed(2)}` +
          ` (training folds: ${calibration.folds?.expectedCalibrationError.toFixed(3) ?? '–'})`),
  );
  lines.push('  confidence   lines   right');
  for (const bin of calibration.bins.filter((b) => b.count > 0)) {
    lines.push(
      `  ${bin.from.toFixed(1)}–${bin.to.toFixed(1)}   ${String(bin.count).padStart(5)}   ${percent(bin.accuracy).padStart(7)}`,
    );
  }
  if (report.confusions.length > 0) {
    lines.push('most confused (expected → predicted):');
    for (const c of report.confusions.slice(0, 10)) lines.push(`  ${c.count} × ${c.expected} → ${c.predicted}`);
  }
  return lines.join('\n');
}
