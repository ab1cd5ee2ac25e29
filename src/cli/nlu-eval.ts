import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SMALL_TALK_INTENTS } from '../assistant.js';
import { type EvaluationReport, evaluate, parseLabelledLines } from '../nlu/evaluate.js';
import { IntentMatcher } from '../nlu/matcher.js';
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
  const matcher = IntentMatcher.build(train, { smallTalk: SMALL_TALK_INTENTS });
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
  if (report.confusions.length > 0) {
    lines.push('most confused (expected → predicted):');
    for (const c of report.confusions.slice(0, 10)) lines.push(`  ${c.count} × ${c.expected} → ${c.predicted}`);
  }
  return lines.join('\n');
}
