/**
 * A server under load, run in its own process so that autocannon (in the bench process) does not share its event
 * loop: `node dist/bench/target.js bot|bare|echo`. It listens on 127.0.0.1, port 0, tells the parent its port over IPC,
 * and on "stop" reports its memory and exits.
 *
 * - bot: the real server (createServer + createAdapter + createAssistant), settings from the environment.
 * - bare: a bare restify server of the same version with the same body parser, answering a tiny JSON.
 * - echo: the framework's floor: the real server (createServer) and a CloudAdapter with the same authentication as
 *   the bot's, around a botbuilder bot that only sends the text back (no state, no understanding). No bot on this
 *   stack can answer faster than this one.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';
import { createAdapter } from '../src/botframework/cloud-adapter.js';
import { createAssistant } from '../src/assistant.js';
import { loadSettings } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { jsonBody } from '../src/json-body.js';
import { ReusingBotFrameworkAuthentication } from '../src/botframework/reusing-authentication.js';
import { createServer } from '../src/server.js';

/** What the target tells its parent. */
type TargetMessage = { port: number } | { rssBytes: number; maxRssBytes: number };

function bare(): { server: restify.Server; close: () => void } {
  const server = restify.createServer({ name: 'bare', handleUncaughtExceptions: false });
  // The same body reader as the assistant's server, so the ratio compares the turn, not two parsers.
  server.use(jsonBody());
  server.post('/api/messages', (_req, res, next) => {
    res.send(200, { ok: true });
    next();
  });
  return { server, close: () => undefined };
}

function bot(): { server: restify.Server; close: () => void } {
  const settings = loadSettings();
  const logger = createLogger(settings.LOG_LEVEL);
  const assistant = createAssistant(settings, logger);
  const adapter = createAdapter(settings, logger, assistant.translations);
  const server = createServer({ adapter, bot: assistant.bot, logger });
  return { server, close: () => assistant.db.close() };
}

function echo(): { server: restify.Server; close: () => void } {
  const settings = loadSettings();
  const logger = createLogger(settings.LOG_LEVEL);
  const adapter = new CloudAdapter(
    new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({})),
  );
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(context.activity.text);
    await next();
  });
  return { server: createServer({ adapter, bot, logger }), close: () => undefined };
}

const targets = { bot, bare, echo } as const;
const isKind = (value: string | undefined): value is keyof typeof targets =>
  value !== undefined && Object.hasOwn(targets, value);

const send = (message: TargetMessage, then?: () => void) => process.send?.(message, undefined, {}, () => then?.());
const kind = process.argv[2];
if (!isKind(kind)) throw new Error(`target: unknown kind ${String(kind)} (bot|bare|echo)`);
const { server, close } = targets[kind]();
// Port 0 (a free one, told to the parent) unless TARGET_PORT names one (the start-up floor polls a known port).
server.listen(Number(process.env.TARGET_PORT ?? 0), '127.0.0.1', () => {
  send({ port: server.address().port });
});
const stop = () => {
  close();
  send({ rssBytes: process.memoryUsage().rss, maxRssBytes: process.resourceUsage().maxRSS * 1024 }, () =>
    process.exit(0),
  );
};
process.on('message', (message) => {
  if (message === 'stop') stop();
});
process.once('disconnect', () => process.exit(0));
