/**
 * Chooses the matcher's constants by 5-fold cross-validation on the knowledge base's own example questions and
 * out-of-scope lines, never on the evaluation set (which stays a held-out measure). Each setting is built as the
 * assistant builds it (calibrated on folds of its own training part), and scored by the accuracy a guardian would
 * meet if one message in four were out of scope (the expected share, see `src/bot/understanding.ts`): the
 * in-scope accuracy weighted 3, the out-of-scope recall weighted 1. Settings within one standard error of the best
 * (per-fold differences, same folds) count as equal; of those, the one that abstains most out of scope is taken.
 * Run: npx tsx scripts/tune.ts (several minutes)
 */
import { SMALL_TALK_INTENTS } from '../src/bot/understanding.js';
import { loadSettings } from '../src/config.js';
import { loadKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { DEFAULT_MATCHER_OPTIONS, IntentMatcher, type MatcherOptions } from '../src/nlu/matcher.js';

const FOLDS = 5;
const TRAFFIC_OUT_OF_SCOPE = 0.25;
const settings = loadSettings({});
const examples = loadKnowledgeBase(settings.HUB_FAQ_DIR).examples();
// Answers always stay in training; questions, titles and out-of-scope lines are split into folds.
const fixed = examples.filter((e) => (e.weight ?? 1) !== 1);
const folding = examples.filter((e) => (e.weight ?? 1) === 1);
const base: Partial<MatcherOptions> = {
  smallTalk: SMALL_TALK_INTENTS,
  threshold: settings.HUB_NLU_THRESHOLD,
  margin: settings.HUB_NLU_MARGIN,
  minConfidence: settings.HUB_NLU_MIN_CONFIDENCE,
};

function crossValidate(options: Partial<MatcherOptions>) {
  const perFold: number[] = [];
  let right = 0;
  let inScope = 0;
  let abstained = 0;
  let outOfScope = 0;
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = [...fixed, ...folding.filter((_, i) => i % FOLDS !== fold)];
    const matcher = IntentMatcher.build(train, { ...base, ...options });
    const counts = { right: 0, inScope: 0, abstained: 0, outOfScope: 0 };
    for (const t of folding.filter((_, i) => i % FOLDS === fold)) {
      const result = matcher.classify(t.text, t.locale);
      if (t.intent === null) {
        counts.outOfScope++;
        if (result.intent === null) counts.abstained++;
      } else {
        counts.inScope++;
        if (result.intent === t.intent) counts.right++;
      }
    }
    right += counts.right;
    inScope += counts.inScope;
    abstained += counts.abstained;
    outOfScope += counts.outOfScope;
    perFold.push(
      (1 - TRAFFIC_OUT_OF_SCOPE) * (counts.right / counts.inScope) +
        TRAFFIC_OUT_OF_SCOPE * (counts.abstained / counts.outOfScope),
    );
  }
  const accuracy = right / inScope;
  const oosRecall = abstained / outOfScope;
  return {
    accuracy,
    oosRecall,
    score: (1 - TRAFFIC_OUT_OF_SCOPE) * accuracy + TRAFFIC_OUT_OF_SCOPE * oosRecall,
    perFold,
  };
}

/** The standard error of the mean per-fold difference in score between two settings (same folds). */
function pairedStandardError(a: readonly number[], b: readonly number[]): number {
  const differences = a.map((x, i) => x - (b[i] ?? 0));
  const mean = differences.reduce((sum, d) => sum + d, 0) / differences.length;
  const variance = differences.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (differences.length - 1);
  return Math.sqrt(variance / differences.length);
}

const grid: Partial<MatcherOptions>[] = [];
for (const contextWeight of [0, 0.5, 1])
  for (const outOfScopeShare of [0.15, 0.25, 0.35]) grid.push({ contextWeight, outOfScopeShare });

const pct = (x: number) => (x * 100).toFixed(1);
const results = grid.map((options) => ({ options, ...crossValidate(options) }));
results.sort((a, b) => b.score - a.score);
for (const r of results) {
  console.log(
    `${pct(r.score)}  in scope ${pct(r.accuracy)}, out of scope ${pct(r.oosRecall)}  ${JSON.stringify(r.options)}`,
  );
}
const best = results[0];
if (best) {
  const equivalent = results.filter((r) => best.score - r.score <= pairedStandardError(best.perFold, r.perFold));
  const chosen = [...equivalent].sort((a, b) => b.oosRecall - a.oosRecall || b.score - a.score)[0] ?? best;
  console.log(`chosen: in scope ${pct(chosen.accuracy)} %, out of scope ${pct(chosen.oosRecall)} %`);
  console.log(JSON.stringify(chosen.options));
  console.log(
    `in use: contextWeight ${DEFAULT_MATCHER_OPTIONS.contextWeight} (engine default), outOfScopeShare 0.25 ` +
      '(src/bot/understanding.ts)',
  );
}
