/**
 * The assistant's understanding of a message, built from a knowledge base without botbuilder (storage only to
 * keep the trained model between starts), so the bot, `classify` and the router's tests build it the same way.
 */

import { Keywords } from '../../dialogs/keywords.js';
import { type PromptReader, promptReader } from '../../dialogs/prompt-reader.js';
import { TASK_TABLE } from '../../dialogs/task-table.js';
import type { Settings } from '../config.js';
import type { Translations } from '../i18n.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { IntentMatcher } from '../nlu/matcher.js';
import { type ModelFilesError, modelStoreFor } from '../storage/model-files.js';
import type { Classifier } from '../nlu/evaluate.js';
import { createRouter, type Router } from './router.js';

/**
 * The share of guardians' messages expected to be outside what the knowledge base covers: about one in four in
 * the tuning sets written by people who had not seen `faq/`, against one example in ten in `faq/` itself. The
 * confidence is calibrated as if that many were (see `outOfScopeShare`).
 */
const EXPECTED_OUT_OF_SCOPE_SHARE = 0.25;

/** Intents that only matter when a message says nothing else. */
export const SMALL_TALK_INTENTS = ['greeting', 'thanks', 'goodbye'];

/**
 * Builds the matcher for a knowledge base with the configured thresholds and the trained model kept beside the
 * database (trained and kept there when the knowledge base or the settings changed). `onModelError` hears of a
 * kept model that could not be read or written.
 */
export function buildMatcher(
  knowledge: KnowledgeBase,
  settings: Pick<Settings, 'HUB_NLU_THRESHOLD' | 'HUB_NLU_MARGIN' | 'HUB_NLU_MIN_CONFIDENCE'> &
    Partial<Pick<Settings, 'HUB_DB_PATH' | 'HUB_MODEL_DIR'>>,
  onModelError?: ModelFilesError,
): IntentMatcher {
  const store = modelStoreFor(settings, onModelError);
  return IntentMatcher.build(
    knowledge.examples(),
    {
      threshold: settings.HUB_NLU_THRESHOLD,
      margin: settings.HUB_NLU_MARGIN,
      minConfidence: settings.HUB_NLU_MIN_CONFIDENCE,
      outOfScopeShare: EXPECTED_OUT_OF_SCOPE_SHARE,
      smallTalk: SMALL_TALK_INTENTS,
    },
    store ? { store } : {},
  );
}

/** The router for a knowledge base and its matcher, with the task table and the settings' default language. */
export function buildRouter(
  knowledge: KnowledgeBase,
  matcher: IntentMatcher,
  translations: Translations,
  settings: Pick<Settings, 'HUB_DEFAULT_LOCALE'>,
  words: { keywords: Keywords; prompts: PromptReader } = wordsOf(translations),
): Router {
  return createRouter({
    matcher,
    guessLanguage: (text) => matcher.messageLanguage(text),
    tasks: TASK_TABLE,
    keywords: words.keywords,
    prompts: words.prompts,
    kindOf: (intent) => knowledge.kind(intent),
    defaultLocale: settings.HUB_DEFAULT_LOCALE,
  });
}

/** The keyword lists and the prompt reader over them, built once and shared by the router and the dialogs. */
export function wordsOf(translations: Translations): { keywords: Keywords; prompts: PromptReader } {
  const keywords = new Keywords(translations);
  return { keywords, prompts: promptReader(translations, keywords) };
}

/**
 * The router as a classifier of first messages, as `classify` prints them (the intent acted on, the language
 * answered in): what the evaluation sets measure, with the matcher's calibration.
 */
export function firstMessages(router: Router, matcher: IntentMatcher, now: () => Date = () => new Date()): Classifier {
  return {
    classify: (text, locale) => {
      const route = router({ text, conversationLocale: locale, inTask: false }, now());
      return { ...route.understood, locale: route.locale };
    },
    calibrationSummary: matcher.calibrationSummary,
  };
}
