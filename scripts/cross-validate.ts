/**
 * k-fold cross-validation of the matcher on one labelled file (JSON lines `{"text", "intent": string|null,
 * "locale"?}`), as nlu-eval builds it: for checking the engine on a public corpus's training split without
 * touching its test split. Prints micro-F1 (the share of lines given their label, out of scope counted as one),
 * in-scope accuracy and out-of-scope recall. Run: npx tsx scripts/cross-validate.ts FILE [FOLDS=5]
 */
import { readFileSync } from 'node:fs';
import { SMALL_TALK_INTENTS } from '../src/bot/understanding.js';
import { parseLabelledLines } from '../src/nlu/evaluate.js';
import { IntentMatcher } from '../src/nlu/matcher.js';

const [file, foldsArgument = '5'] = process.argv.slice(2);
if (!file) throw new Error('usage: npx tsx scripts/cross-validate.ts FILE [FOLDS]');
const folds = Number(foldsArgument);
const lines = parseLabelledLines(readFileSync(file, 'utf8'), file);
let right = 0;
let inScope = 0;
let inScopeRight = 0;
let outOfScope = 0;
let outOfScopeRight = 0;
for (let fold = 0; fold < folds; fold++) {
  const matcher = IntentMatcher.build(
    lines.filter((_, i) => i % folds !== fold),
    { smallTalk: SMALL_TALK_INTENTS },
  );
  for (const line of lines.filter((_, i) => i % folds === fold)) {
    const intent = matcher.classify(line.text, line.locale).intent;
    if (intent === line.intent) right++;
    if (line.intent === null) {
      outOfScope++;
      if (intent === null) outOfScopeRight++;
    } else {
      inScope++;
      if (intent === line.intent) inScopeRight++;
    }
  }
}
const pct = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)} %`;
console.log(
  `${file}: ${lines.length} lines, ${folds} folds: micro-F1 ${(right / lines.length).toFixed(3)}, ` +
    `in scope ${pct(inScopeRight, inScope)} of ${inScope}, out of scope ${pct(outOfScopeRight, outOfScope)} of ${outOfScope}`,
);
