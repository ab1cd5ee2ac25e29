import restify from 'restify';
import type { Logger } from 'pino';
import { jsonBody } from './json-body.js';

/**
 * The Bot Framework side of `/api/messages` (src/botframework: botbuilder's CloudAdapter and the edge), as the
 * server sees it: `Context` is whatever the adapter hands its bot, so this file stays free of botbuilder.
 */
export interface ServerDeps<Context = unknown> {
  adapter: {
    process(req: restify.Request, res: restify.Response, logic: (context: Context) => Promise<void>): Promise<void>;
  };
  bot: { run(context: Context): Promise<void> };
  logger: Logger;
  /** Extra facts for `/healthz` (e.g. the knowledge base's size). */
  health?: () => Record<string, unknown>;
  /** Further routes (the web chat, its Direct Line endpoint, SMS webhooks), mounted after the body reader. */
  routes?: ((server: restify.Server) => void)[];
}

/**
 * Builds the HTTP server without starting it, so routes can be tested in-process: `POST /api/messages` (the Bot
 * Framework endpoint; `deliveryMode: "expectReplies"` is answered in the body) and `GET /healthz`.
 */
export function createServer<Context>({
  adapter,
  bot,
  logger,
  health,
  routes = [],
}: ServerDeps<Context>): restify.Server {
  const server = restify.createServer({ name: 'hub-assistant', handleUncaughtExceptions: false });
  server.use(jsonBody());

  server.post('/api/messages', async (req, res) => {
    // botbuilder throws (a 500) on a body without an activity type instead of answering 400: check it first.
    if (!hasActivityType(req.body)) {
      res.send(400, { error: 'The body must be a Bot Framework activity with a "type".' });
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok', ...(health?.() ?? {}) });
    next();
  });

  for (const mount of routes) mount(server);

  server.on('restifyError', (req: restify.Request, _res: restify.Response, error: Error, callback: () => void) => {
    // The path only: a query string can carry a webhook's shared secret.
    logger.warn({ method: req.method, path: req.getPath(), err: error.message }, 'request failed');
    callback();
  });
  return server;
}

/** True for a JSON object with a string `type`, the least an activity needs before the adapter reads it. */
function hasActivityType(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    typeof (body as { type?: unknown }).type === 'string'
  );
}
