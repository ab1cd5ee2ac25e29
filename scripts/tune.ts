/**
 * Chooses the matcher's constants by 5-fold cross-validation on the knowledge base's own example questions and
 * out-of-scope examples, never on the dev set (which stays a held-out measure). Run: npx tsx scripts/tune.ts
 */
import { loadKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { IntentMatcher, type MatcherOptions } from '../src/nlu/matcher.js';
import { SMALL_TALK_INTENTS } from '../src/assistant.js';

const FOLDS = 5;
const examples = loadKnowledgeBase('faq').examples();
// Answers always stay in training; questions, titles and out-of-scope lines are split into folds.
const fixed = examples.filter((e) => (e.weight ?? 1) !== 1);
const folding = examples.filter((e) => (e.weight ?? 1) === 1);

function crossValidate(options: Partial<MatcherOptions>) {
  let right = 0,
    inScope = 0,
    abstained = 0,
    outOfScope = 0;
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = [...fixed, ...folding.filter((_, i) => i % FOLDS !== fold)];
    const test = folding.filter((_, i) => i % FOLDS === fold);
    const matcher = IntentMatcher.build(train, { smallTalk: SMALL_TALK_INTENTS, ...options });
    for (const t of test) {
      const result = matcher.classify(t.text, t.locale);
      if (t.intent === null) {
        outOfScope++;
        if (result.intent === null) abstained++;
      } else {
        inScope++;
        if (result.intent === t.intent) right++;
      }
    }
  }
  return { accuracy: right / inScope, oosRecall: abstained / outOfScope };
}

const grid: Partial<MatcherOptions>[] = [];
for (const threshold of [0.25, 0.3, 0.35])
  for (const charWeight of [0.2, 0.3, 0.45])
    for (const unknownWeight of [0.2, 0.3, 0.45])
      for (const [bestWeight, secondWeight, centroidWeight] of [
        [0.55, 0.15, 0.3],
        [0.4, 0.2, 0.4],
        [0.7, 0.1, 0.2],
      ] as const)
        grid.push({ threshold, charWeight, unknownWeight, bestWeight, secondWeight, centroidWeight });

/** The rule: the best in-scope accuracy among settings that still abstain on at least this share out of scope. */
const MIN_OOS_RECALL = 0.8;
const results = grid.map((options) => ({ options, ...crossValidate(options) }));
results.sort((a, b) => b.accuracy - a.accuracy);
for (const r of results.slice(0, 10)) {
  console.log((r.accuracy * 100).toFixed(1), (r.oosRecall * 100).toFixed(1), JSON.stringify(r.options));
}
const chosen = results.find((r) => r.oosRecall >= MIN_OOS_RECALL);
console.log('chosen:', JSON.stringify(chosen?.options));
