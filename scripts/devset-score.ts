/**
 * The dev set's figures without showing a single dev-set text: in-scope accuracy and out-of-scope recall per
 * language, macro F1 and the confused intent pairs per language (ids and counts only). For work on the matcher by
 * someone who must not read the dev set. Run: npx tsx scripts/devset-score.ts
 */
import { readFileSync } from 'node:fs';
import { buildMatcher } from '../src/assistant.js';
import { loadSettings } from '../src/config.js';
import { loadKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { evaluate, parseLabelledLines } from '../src/nlu/evaluate.js';

const settings = loadSettings({});
const knowledge = loadKnowledgeBase(settings.HUB_FAQ_DIR, settings.HUB_MUNICIPALITY);
const matcher = buildMatcher(knowledge, settings);
const file = 'test/nlu/devset.jsonl';
const lines = parseLabelledLines(readFileSync(file, 'utf8'), file);
const report = evaluate(matcher, lines);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
for (const [locale, figures] of Object.entries(report.byLocale)) {
  const missedIn = Math.round(figures.inScope * (1 - figures.inScopeAccuracy));
  const missedOos = Math.round(figures.outOfScope * (1 - figures.oosRecall));
  console.log(
    `${locale}: in scope ${pct(figures.inScopeAccuracy)} (${missedIn} of ${figures.inScope} wrong), ` +
      `out of scope ${pct(figures.oosRecall)} (${missedOos} of ${figures.outOfScope} answered)`,
  );
  const own = evaluate(
    matcher,
    lines.filter((line) => line.locale === locale),
  );
  for (const c of own.confusions) console.log(`  ${c.expected} -> ${c.predicted} x${c.count}`);
}
console.log(`macro F1 ${report.macroF1.toFixed(3)}`);
