import { createAssistant } from './assistant.js';
import { createAdapter } from './botframework/cloud-adapter.js';
import { channelRoutes } from './channels/index.js';
import { loadSettings } from './config.js';
import { createLogger } from './logger.js';
import { createServer } from './server.js';
import { schedulePurge } from './storage/retention.js';

/** Starts the assistant: settings, the assistant's parts, the HTTP server. A bad setting or FAQ file stops it. */
function main(): void {
  const started = performance.now();
  let settings;
  let assistant;
  try {
    settings = loadSettings();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const logger = createLogger(settings.LOG_LEVEL);
  try {
    assistant = createAssistant(settings, logger);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const { bot, knowledge, translations, db } = assistant;
  const adapter = createAdapter(settings, logger, translations);
  const server = createServer({
    adapter,
    bot,
    logger,
    health: () => ({ intents: knowledge.ids.length, municipality: knowledge.overlay?.municipality ?? null }),
    routes: channelRoutes({ settings, assistant, logger }),
  });
  // Old conversations and unanswered questions are deleted at start and every hour (HUB_*_RETENTION_DAYS).
  const stopPurging = schedulePurge(
    () => {
      const deleted = assistant.purgeExpired();
      if (deleted.conversations || deleted.unanswered) logger.info(deleted, 'expired data deleted');
    },
    (error) => logger.error({ err: error }, 'could not delete expired data'),
  );
  server.listen(settings.PORT, settings.HOST, () => {
    logger.info(
      { url: server.url, auth: Boolean(settings.MICROSOFT_APP_ID), startupMs: Math.round(performance.now() - started) },
      'hub-assistant is listening on /api/messages, /chat and /api/sms',
    );
  });
  const stop = () => {
    stopPurging();
    server.close(() => {
      // Turns already started finish (and write their conversation) before the database closes.
      void assistant.turns.idle().finally(() => {
        db.close();
        process.exit(0);
      });
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main();
