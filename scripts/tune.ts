/**
 * Chooses the matcher's constants by 5-fold cross-validation on the knowledge base's own example questions and
 * out-of-scope examples, never on the dev set (which stays a held-out measure). Run: npx tsx scripts/tune.ts
 */
import { loadKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { DEFAULT_MATCHER_OPTIONS, IntentMatcher, type MatcherOptions } from '../src/nlu/matcher.js';
import { SMALL_TALK_INTENTS } from '../src/assistant.js';
import { loadSettings } from '../src/config.js';

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
  const perFold: number[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = [...fixed, ...folding.filter((_, i) => i % FOLDS !== fold)];
    const test = folding.filter((_, i) => i % FOLDS === fold);
    const matcher = IntentMatcher.build(train, { smallTalk: SMALL_TALK_INTENTS, ...options });
    let foldRight = 0,
      foldInScope = 0;
    for (const t of test) {
      const result = matcher.classify(t.text, t.locale);
      if (t.intent === null) {
        outOfScope++;
        if (result.intent === null) abstained++;
      } else {
        foldInScope++;
        if (result.intent === t.intent) foldRight++;
      }
    }
    right += foldRight;
    inScope += foldInScope;
    perFold.push(foldRight / foldInScope);
  }
  return { accuracy: right / inScope, oosRecall: abstained / outOfScope, perFold };
}

/** The standard error of the mean per-fold difference in accuracy between two settings (same folds). */
function pairedStandardError(a: readonly number[], b: readonly number[]): number {
  const differences = a.map((x, i) => x - (b[i] ?? 0));
  const mean = differences.reduce((sum, d) => sum + d, 0) / differences.length;
  const variance = differences.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (differences.length - 1);
  return Math.sqrt(variance / differences.length);
}

// The threshold is a setting (HUB_NLU_THRESHOLD, 0.3 unless configured): the rest is tuned for it.
const grid: Partial<MatcherOptions>[] = [];
const threshold = loadSettings({}).HUB_NLU_THRESHOLD;
for (const charWeight of [0.45, 0.75])
  for (const idfPower of [0.7, 1])
    for (const weakWeight of [0.35, 1])
      for (const [bestWeight, secondWeight, centroidWeight] of [
        [0.55, 0.15, 0.3],
        [0.4, 0.2, 0.4],
      ] as const)
        for (const linearWeight of [0, 1, 2])
          grid.push({
            threshold,
            charWeight,
            idfPower,
            weakWeight,
            bestWeight,
            secondWeight,
            centroidWeight,
            linearWeight,
          });

/**
 * The rule: among settings that still abstain on at least MIN_OOS_RECALL out of scope, the best in-scope accuracy;
 * settings whose accuracy is within one standard error of it (per-fold differences, same folds) are as good, and of
 * those the one that abstains most out of scope is chosen (a difference the folds cannot tell from noise does not
 * buy a riskier setting).
 */
const MIN_OOS_RECALL = 0.8;
const pct = (x: number) => (x * 100).toFixed(1);
const current = crossValidate({});
console.log(`current defaults: in scope ${pct(current.accuracy)} %, out of scope ${pct(current.oosRecall)} %`);
const results = grid.map((options) => ({ options, ...crossValidate(options) }));
results.sort((a, b) => b.accuracy - a.accuracy);
for (const r of results.slice(0, 10)) console.log(pct(r.accuracy), pct(r.oosRecall), JSON.stringify(r.options));
const admissible = results.filter((r) => r.oosRecall >= MIN_OOS_RECALL);
const best = admissible[0];
if (best) {
  const equivalent = admissible.filter(
    (r) => best.accuracy - r.accuracy <= pairedStandardError(best.perFold, r.perFold),
  );
  console.log('as good in scope (within one standard error of the best with enough out-of-scope recall):');
  for (const r of equivalent) console.log(pct(r.accuracy), pct(r.oosRecall), JSON.stringify(r.options));
  const chosen = [...equivalent].sort((a, b) => b.oosRecall - a.oosRecall || b.accuracy - a.accuracy)[0] ?? best;
  console.log(`chosen: in scope ${pct(chosen.accuracy)} %, out of scope ${pct(chosen.oosRecall)} %`);
  console.log(JSON.stringify(chosen.options));
  const differs = Object.entries(chosen.options).filter(
    ([key, value]) => DEFAULT_MATCHER_OPTIONS[key as keyof MatcherOptions] !== value,
  );
  console.log(differs.length === 0 ? 'the defaults are the chosen values' : `differs: ${JSON.stringify(differs)}`);
}
