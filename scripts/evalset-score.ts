/**
 * The evaluation set's figures, and nothing else: in-scope accuracy, out-of-scope recall, task statements started
 * right and the answer's language, per language, for the router's decision on each line as the first message of a
 * new conversation — without a channel language (SMS, plain HTTP) and with one. It prints no line of the set and
 * no confused intents: the set is frozen and measured in aggregate only (README, "How the evaluation set was
 * made"). Run: npx tsx scripts/evalset-score.ts
 */
import { readFileSync } from 'node:fs';
import { buildMatcher, buildRouter, firstMessages } from '../src/bot/understanding.js';
import { loadSettings } from '../src/config.js';
import { loadTranslations } from '../src/i18n.js';
import { loadKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { parseLabelledLines, scoreByLocale } from '../src/nlu/evaluate.js';

const settings = loadSettings({});
const knowledge = loadKnowledgeBase(settings.HUB_FAQ_DIR, settings.HUB_MUNICIPALITY);
const matcher = buildMatcher(knowledge, settings);
const classifier = firstMessages(buildRouter(knowledge, matcher, loadTranslations(), settings), matcher);
const file = process.env.SET ?? 'test/nlu/evalset.jsonl';
const lines = parseLabelledLines(readFileSync(file, 'utf8'), file);
const isTask = (intent: string) => knowledge.kind(intent) === 'task';
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
for (const withLocale of [false, true]) {
  console.log(withLocale ? 'with the channel giving the language:' : 'without a channel language (SMS, plain HTTP):');
  for (const [locale, s] of Object.entries(scoreByLocale(classifier, lines, isTask, { withLocale }))) {
    console.log(
      `  ${locale}: in scope ${pct(s.inScopeAccuracy)} of ${s.inScope}, out of scope ${pct(s.oosRecall)} of ` +
        `${s.outOfScope}, task statements ${pct(s.taskAccuracy)} of ${s.tasks}, language ${pct(s.languageAccuracy)}`,
    );
  }
}
