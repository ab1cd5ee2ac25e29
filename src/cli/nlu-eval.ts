import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SMALL_TALK_INTENTS } from '../bot/understanding.js';
import { type EvaluationReport, evaluate, parseLabelledLines } from '../nlu/evaluate.js';
import { IntentMatcher } from '../nlu/matcher.js';
import { loadProperNouns } from '../nlu/proper-nouns.js';
import { type Command, UsageError, writeLine } from './io.js';

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
  const matcher = IntentMatcher.build(train, { smallTalk: SMALL_TALK_INTENTS }, { properNouns: loadProperNouns() });
  const report = evaluate(matcher, test);
  const seconds = (performance.now() - started) / 1000;
  if (values.json) {
    await writeLine(io.stdout, JSON.stringify(report));
  } else {
    await writeLine(io.stdout, formatReport(report, train.length, seconds));
  }
  return 0;
};

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
