import { type PurgeResult, type RetentionPolicy, purgeExpired } from './storage/retention.js';
import type { Logger } from 'pino';
import { createTaskRunner, dialogEnvironment } from '../dialogs/index.js';
import { type DemoWebChatAccount, demoWebChatAccounts } from './backend/embedded/demo-data.js';
import { openEmbeddedBackend } from './backend/embedded/demo-school.js';
import { HttpSchoolBackend } from './backend/http/client.js';
import type { SchoolBackend } from './backend/types.js';
import { ConversationStore } from './bot/conversation-store.js';
import { Responder } from './bot/responder.js';
import type { Router } from './bot/router.js';
import { buildMatcher, buildRouter, wordsOf } from './bot/understanding.js';
import { TurnHandler } from './bot/turn-handler.js';
import { BotFrameworkEdge } from './botframework/activity-edge.js';
import { isDemoMode, type Settings } from './config.js';
import { loadTranslations, type Translations } from './i18n.js';
import { IdentityResolver } from './identity/resolver.js';
import { trustsAccounts } from './identity/trust.js';
import { type KnowledgeBase, loadKnowledgeBase } from './knowledge/knowledge-base.js';
import type { IntentMatcher } from './nlu/matcher.js';
import { type Database, openDatabase } from './storage/database.js';
import { type ModelFilesError, modelStoreFor } from './storage/model-files.js';
import { SqliteStorage } from './storage/sqlite-storage.js';
import { type Clock, systemClock } from './time/stockholm.js';
import { UnansweredStore } from './triage/unanswered-store.js';

export { buildMatcher, buildRouter, SMALL_TALK_INTENTS } from './bot/understanding.js';
export type { DemoWebChatAccount } from './backend/embedded/demo-data.js';

/** The assistant's parts, built once and shared by the server and the terminal chat. */
export interface Assistant {
  /** The assistant's turn for a neutral message, what every channel calls (Direct Line, SMS, the terminal). */
  turns: TurnHandler;
  /** The Bot Framework edge for `/api/messages` (Teams, the Emulator), around the same turns. */
  bot: BotFrameworkEdge;
  knowledge: KnowledgeBase;
  matcher: IntentMatcher;
  /** What the bot does with a message (the same decision `classify` prints). */
  router: Router;
  unanswered: UnansweredStore;
  translations: Translations;
  backend: SchoolBackend;
  /**
   * The demo school's web chat accounts in demo mode (else none), handed to the channels from here so they never read
   * the demo school: the web chat page offers them, Direct Line takes them as `demoUser`.
   */
  demoAccounts: readonly DemoWebChatAccount[];
  db: Database;
  /** Deletes conversation state and unanswered questions past the settings' retention; says how many. */
  purgeExpired: () => PurgeResult;
}

/** The retention the settings ask for. */
export function retentionPolicy(
  settings: Pick<Settings, 'HUB_STATE_RETENTION_DAYS' | 'HUB_UNANSWERED_RETENTION_DAYS'>,
): RetentionPolicy {
  return { stateDays: settings.HUB_STATE_RETENTION_DAYS, unansweredDays: settings.HUB_UNANSWERED_RETENTION_DAYS };
}

/** Parts a caller may supply instead of the ones the settings describe (tests: a fixed clock, a failing backend). */
export interface AssistantOverrides {
  clock?: Clock;
  backend?: SchoolBackend;
}

/** The school system the settings name: the embedded one (with the demo school) or a REST API. */
function schoolBackend(settings: Settings, db: Database, clock: Clock): SchoolBackend {
  if (settings.HUB_BACKEND === 'http' && settings.HUB_BACKEND_URL) {
    return new HttpSchoolBackend({
      baseUrl: settings.HUB_BACKEND_URL,
      ...(settings.HUB_BACKEND_TOKEN ? { token: settings.HUB_BACKEND_TOKEN } : {}),
      timeoutMs: settings.HUB_BACKEND_TIMEOUT_MS,
    });
  }
  return openEmbeddedBackend(db, clock, { demo: settings.HUB_DEMO_SCHOOL });
}

/** The composition root of the assistant: knowledge, understanding, storage, school system, dialogs and the bot. */
export function createAssistant(settings: Settings, logger: Logger, overrides: AssistantOverrides = {}): Assistant {
  const clock = overrides.clock ?? systemClock;
  const onModelError: ModelFilesError = (error, action) =>
    logger.warn(
      { err: error, action },
      'the trained model could not be read or kept in HUB_MODEL_DIR: it is trained again at every start',
    );
  // The model folder keeps the validated knowledge base and the whole matcher: a warm start analyses nothing.
  const store = modelStoreFor(settings, onModelError);
  const knowledge = loadKnowledgeBase(settings.HUB_FAQ_DIR, settings.HUB_MUNICIPALITY, store ? { store } : {});
  const matcher = buildMatcher(knowledge, settings, onModelError);
  const db = openDatabase(settings.HUB_DB_PATH);
  const unanswered = new UnansweredStore(db);
  const translations = loadTranslations();
  const backend = overrides.backend ?? schoolBackend(settings, db, clock);
  // One set of keyword lists and one prompt reader, for the router and the dialogs alike.
  const words = wordsOf(translations);
  const { keywords } = words;
  const router = buildRouter(knowledge, matcher, translations, settings, words);
  const env = dialogEnvironment({
    backend,
    translations,
    keywords,
    reader: words.prompts,
    clock,
    logger,
  });
  const turns = new TurnHandler({
    router,
    responder: new Responder(knowledge, translations),
    store: new ConversationStore(new SqliteStorage(db, clock)),
    tasks: createTaskRunner(env),
    identity: new IdentityResolver(backend),
    unanswered,
    translations,
    logger,
    clock,
    defaultLocale: settings.HUB_DEFAULT_LOCALE,
  });
  const bot = new BotFrameworkEdge(turns, trustsAccounts(settings));
  const retention = retentionPolicy(settings);
  const purge = () => purgeExpired(db, retention, clock());
  const demoAccounts = isDemoMode(settings) ? demoWebChatAccounts() : [];
  return {
    turns,
    bot,
    knowledge,
    matcher,
    router,
    unanswered,
    translations,
    backend,
    demoAccounts,
    db,
    purgeExpired: purge,
  };
}
