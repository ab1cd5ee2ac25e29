import { ConversationState } from 'botbuilder';
import type { Logger } from 'pino';
import { HubBot } from './bot/hub-bot.js';
import { Responder } from './bot/responder.js';
import type { Settings } from './config.js';
import { loadTranslations, type Translations } from './i18n.js';
import { type KnowledgeBase, loadKnowledgeBase } from './knowledge/knowledge-base.js';
import { IntentMatcher } from './nlu/matcher.js';
import { type Database, openDatabase } from './storage/database.js';
import { SqliteStorage } from './storage/sqlite-storage.js';
import { UnansweredStore } from './triage/unanswered-store.js';

/** Intents that only matter when a message says nothing else. */
export const SMALL_TALK_INTENTS = ['greeting', 'thanks', 'goodbye'];

/** The assistant's parts, built once and shared by the server and the terminal chat. */
export interface Assistant {
  bot: HubBot;
  knowledge: KnowledgeBase;
  matcher: IntentMatcher;
  unanswered: UnansweredStore;
  translations: Translations;
  db: Database;
}

/** Builds the matcher for a knowledge base with the configured thresholds. */
export function buildMatcher(
  knowledge: KnowledgeBase,
  settings: Pick<Settings, 'HUB_NLU_THRESHOLD' | 'HUB_NLU_MARGIN'>,
) {
  return IntentMatcher.build(knowledge.examples(), {
    threshold: settings.HUB_NLU_THRESHOLD,
    margin: settings.HUB_NLU_MARGIN,
    smallTalk: SMALL_TALK_INTENTS,
  });
}

/** The composition root of the assistant: knowledge, understanding, storage and the bot, from the settings. */
export function createAssistant(settings: Settings, logger: Logger): Assistant {
  const knowledge = loadKnowledgeBase(settings.HUB_FAQ_DIR, settings.HUB_MUNICIPALITY);
  const matcher = buildMatcher(knowledge, settings);
  const db = openDatabase(settings.HUB_DB_PATH);
  const unanswered = new UnansweredStore(db);
  const translations = loadTranslations();
  const bot = new HubBot({
    matcher,
    responder: new Responder(knowledge, translations),
    conversationState: new ConversationState(new SqliteStorage(db)),
    unanswered,
    logger,
    defaultLocale: settings.HUB_DEFAULT_LOCALE,
  });
  return { bot, knowledge, matcher, unanswered, translations, db };
}
