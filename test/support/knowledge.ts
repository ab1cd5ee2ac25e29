import { buildMatcher, buildRouter, firstMessages } from '../../src/bot/understanding.js';
import type { Settings } from '../../src/config.js';
import { loadTranslations } from '../../src/i18n.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { questionKey, readKnowledge } from '../../src/knowledge/read.js';
import { type LocaleScores, scoreByLocale } from '../../src/nlu/evaluate.js';
import type { LabelledExample, Locale } from '../../src/nlu/types.js';

/**
 * The keys (case, punctuation and å/ä/ö ignored) of every example question and out-of-scope line in a knowledge
 * base: what was written for the matcher to learn from. Titles are left out: they are button labels of two or
 * three words ("Glömt lösenord", "Tack") that anyone writing a held-out set also types.
 */
export function writtenExamples(dir: string): Set<string> {
  const { entries, outOfScope } = readKnowledge(dir);
  const keys = new Set<string>();
  for (const entry of entries)
    for (const locale of ['sv', 'en'] as const) {
      for (const question of entry[locale].questions) keys.add(questionKey(question));
    }
  for (const locale of ['sv', 'en'] as const) for (const line of outOfScope[locale]) keys.add(questionKey(line));
  return keys;
}

/**
 * The bot's decision on each line of a labelled set as the first message of a new conversation without a channel
 * language, scored for one language: figures only, never a line.
 */
export function firstMessageScores(
  knowledge: KnowledgeBase,
  settings: Settings,
  lines: readonly LabelledExample[],
  locale: Locale,
): LocaleScores | undefined {
  const matcher = buildMatcher(knowledge, settings);
  const router = buildRouter(knowledge, matcher, loadTranslations(), settings);
  return scoreByLocale(
    firstMessages(router, matcher),
    lines.filter((line) => line.locale === locale),
    (intent) => knowledge.kind(intent) === 'task',
    { withLocale: false },
  )[locale];
}
