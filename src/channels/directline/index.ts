/**
 * The assistant's own Direct Line 3.0 endpoint, so the official Web Chat (with `botframework-directlinejs`) talks to
 * the bot with no Azure service in between. Conversations and transcripts live in SQLite, so a conversation resumes
 * after a page reload or a restart; every turn runs through the assistant's own turn, as on every channel.
 *
 * Routes (all answers JSON; errors `{ "error": { "code", "message" } }`):
 *
 * - `POST /chat/token`, body `{ demoUser?: string, userToken?: string }` →
 *   `{ token, expires_in, userId, userName?, identity: "signed" | "demo" | "anonymous" }`. `token` is the Bearer token
 *   for the routes below (valid `expires_in` seconds, refreshable); `userId` is the `from.id` of what this user writes.
 *   `userToken` is the hosting site's HS256 JWT (see `verifyUserToken`); `demoUser` one of the demo school's web chat
 *   accounts, only in demo mode; neither: an anonymous user `anon-<uuid>`. Refusals: 400 `invalid_request`, 401
 *   `invalid_user_token` | `user_token_expired` | `user_token_lifetime_too_long`, 403 `user_tokens_disabled` |
 *   `demo_not_available` | `unknown_demo_user`.
 * - `POST /v3/directline/tokens/generate` → `{ conversationId, token, expires_in }` (a token bound to a new
 *   conversation id, started with `POST /conversations`); `POST /v3/directline/tokens/refresh` → the same with a
 *   later expiry (a session may be refreshed for 24 hours).
 * - `POST /v3/directline/conversations` (201) and `GET /v3/directline/conversations/:id?watermark=` (200) →
 *   `{ conversationId, token, expires_in, streamUrl }`; `streamUrl` is good for two minutes.
 * - `POST /v3/directline/conversations/:id/activities` (a `message` or `event`) → `{ id }`, after the bot's turn.
 * - `GET /v3/directline/conversations/:id/activities?watermark=` → `{ activities, watermark }`.
 * - WebSocket `…/conversations/:id/stream?watermark=&t=<stream token>`: messages `{ activities, watermark }`,
 *   empty messages as heartbeats.
 * - `POST /v3/directline/conversations/:id/upload` → 400 `NotSupported`.
 */
import { isDemoMode } from '../../config.js';
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type Activity, type ChannelAccount, isRecord } from './protocol.js';
import type restify from 'restify';
import { renderOutcome } from '../../bot/render-outcome.js';
import { installSecret } from '../../storage/install-secret.js';
import type { ChannelDeps, RouteMount } from '../types.js';
import {
  botActivity,
  type Envelope,
  incomingMessage,
  joinActivity,
  readClientActivity,
  readLocale,
  userActivity,
} from './activities.js';
import { DirectLineError, sendError, sendJson } from './errors.js';
import {
  type ConversationRecord,
  DEFAULT_RETENTION,
  type RetentionLimits,
  type TranscriptEntry,
  TranscriptStore,
} from './store.js';
import { StreamHub } from './stream.js';
import {
  ACCESS_TOKEN_SECONDS,
  DirectLineTokens,
  MAX_SESSION_SECONDS,
  STREAM_TOKEN_SECONDS,
  type TokenClaims,
  verifyUserToken,
} from './tokens.js';

export { MAX_TEXT_LENGTH } from './activities.js';

/** Tuning for tests; the defaults are what the server uses. */
export interface DirectLineOptions {
  /** The current time (tokens, timestamps, retention). */
  now?: () => Date;
  /** How often open streams get a heartbeat and a ping (milliseconds). */
  heartbeatMs?: number;
  retention?: RetentionLimits;
}

/** The bot's account in every conversation. */
const BOT_ID = 'hub-assistant';
const PREFIX = '/v3/directline';
const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `{ conversationId, token, expires_in, streamUrl }`, what starting or resuming a conversation answers. */
interface ConversationResponse {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl: string;
}

/** Mounts `POST /chat/token`, the Direct Line routes and the WebSocket streams on the server. */
export function directLineRoutes(deps: ChannelDeps, options: DirectLineOptions = {}): RouteMount {
  const { settings, assistant } = deps;
  const logger = deps.logger.child({ channel: 'directline' });
  const now = options.now ?? (() => new Date());
  const nowSeconds = () => Math.floor(now().getTime() / 1000);
  const store = new TranscriptStore(assistant.db, options.retention ?? DEFAULT_RETENTION);
  const tokens = new DirectLineTokens(installSecret(assistant.db, 'directline'), nowSeconds);
  const hub = new StreamHub(store, logger, options.heartbeatMs ?? 30_000);
  const demoMode = isDemoMode(settings);
  /** The demo school's web chat accounts (`demo-anna`, …), from the assistant; none outside demo mode. */
  const demoAccounts: ReadonlySet<string> = new Set(assistant.demoAccounts.map((account) => account.id));
  const bot: ChannelAccount = { id: BOT_ID, name: settings.HUB_WEBCHAT_TITLE, role: 'bot' };

  /** The public base (`https://host`) the settings name, else the request's host. */
  function httpBase(req: IncomingMessage): string {
    if (settings.HUB_PUBLIC_URL) return settings.HUB_PUBLIC_URL.replace(/\/+$/, '');
    const host = req.headers.host ?? '';
    return /^[A-Za-z0-9.:[\]-]+$/.test(host) ? `http://${host}` : 'http://localhost';
  }

  function userAccount(claims: TokenClaims): ChannelAccount {
    return { id: claims.user, name: claims.name ?? '', role: 'user' };
  }

  function envelope(req: IncomingMessage, conversationId: string, claims: TokenClaims): Envelope {
    return { conversationId, user: userAccount(claims), bot, serviceUrl: httpBase(req) };
  }

  /** The claims of a Direct Line token of one of `kinds`; 403 `TokenExpired` or `TokenInvalid` otherwise. */
  function claimsOf(token: string, kinds: readonly TokenClaims['kind'][]): TokenClaims {
    const check = tokens.verify(token);
    if (check.ok && kinds.includes(check.claims.kind)) return check.claims;
    throw !check.ok && check.reason === 'expired'
      ? new DirectLineError(403, 'TokenExpired', 'The token has expired.')
      : new DirectLineError(403, 'TokenInvalid', 'The token is not valid.');
  }

  /** The claims of the request's Bearer access token; 401 without one, 403 when it is forged or expired. */
  function authenticate(req: restify.Request): TokenClaims {
    const token = bearerToken(req);
    if (!token) throw new DirectLineError(401, 'MissingToken', 'Send the token as "Authorization: Bearer …".');
    return claimsOf(token, ['access']);
  }

  /** 403 when the conversation is someone else's. */
  function mustOwn(conversation: ConversationRecord, claims: TokenClaims): void {
    if (conversation.userId !== claims.user) {
      throw new DirectLineError(403, 'Forbidden', 'This token is for another conversation.');
    }
  }

  /** The conversation `id`, if the token may use it: 404 unknown, 403 someone else's. */
  function conversationFor(id: string | undefined, claims: TokenClaims): string {
    if (!id || !CONVERSATION_ID.test(id)) throw new DirectLineError(404, 'NotFound', 'No such conversation.');
    if (claims.conversation !== undefined && claims.conversation !== id) {
      throw new DirectLineError(403, 'Forbidden', 'This token is for another conversation.');
    }
    const conversation = store.find(id);
    if (!conversation) throw new DirectLineError(404, 'NotFound', 'No such conversation.');
    mustOwn(conversation, claims);
    return id;
  }

  /** A fresh access token for the same user and session, bound to `conversation` when given. */
  function accessToken(claims: TokenClaims, conversation: string | undefined) {
    return tokens.issue(
      { kind: 'access', user: claims.user, name: claims.name, conversation, session: claims.session },
      ACCESS_TOKEN_SECONDS,
    );
  }

  function conversationResponse(
    req: IncomingMessage,
    claims: TokenClaims,
    conversationId: string,
    watermark: number,
  ): ConversationResponse {
    const access = accessToken(claims, conversationId);
    const stream = tokens.issue(
      { kind: 'stream', user: claims.user, conversation: conversationId, session: claims.session },
      STREAM_TOKEN_SECONDS,
    );
    const wsBase = httpBase(req).replace(/^http/, 'ws');
    const query = new URLSearchParams({ watermark: watermark > 0 ? String(watermark) : '', t: stream.token });
    return {
      conversationId,
      token: access.token,
      expires_in: access.expiresIn,
      streamUrl: `${wsBase}${PREFIX}/conversations/${conversationId}/stream?${query.toString()}`,
    };
  }

  /** Appends to the transcript and pushes to the open streams. */
  function append(conversationId: string, activities: readonly Partial<Activity>[]): TranscriptEntry[] {
    const entries = store.append(conversationId, activities, now());
    hub.publish(conversationId, entries);
    return entries;
  }

  /** Runs one turn of the assistant and appends its replies (a failed turn's apology among them). */
  async function runTurn(activity: Partial<Activity>, env: Envelope, replyToId?: string): Promise<void> {
    const message = incomingMessage(activity, env);
    if (!message) return;
    const replies = renderOutcome(message, await assistant.turns.handle(message));
    append(
      env.conversationId,
      replies.map((reply) => botActivity(reply, env, replyToId)),
    );
  }

  /** Wraps a handler: every refusal and failure becomes a Direct Line error, never a crash. */
  function handle(
    what: string,
    handler: (req: restify.Request, res: restify.Response) => Promise<void> | void,
  ): (req: restify.Request, res: restify.Response) => Promise<void> {
    return async (req, res) => {
      try {
        await handler(req, res);
      } catch (error) {
        if (error instanceof DirectLineError) {
          logger.info({ route: what, status: error.status, code: error.code }, 'direct line request refused');
          sendError(res, error);
          return;
        }
        logger.error({ err: error, route: what }, 'direct line request failed');
        sendError(res, new DirectLineError(500, 'ServiceError', 'Something went wrong; please try again.'));
      }
    };
  }

  const chatToken = handle('chat/token', (req, res) => {
    const body: unknown = req.body ?? {};
    if (!isRecord(body)) throw new DirectLineError(400, 'invalid_request', 'The body must be a JSON object.');
    const { demoUser, userToken } = body;
    if (
      (demoUser !== undefined && typeof demoUser !== 'string') ||
      (userToken !== undefined && typeof userToken !== 'string')
    ) {
      throw new DirectLineError(400, 'invalid_request', '"demoUser" and "userToken" must be strings.');
    }
    if (demoUser !== undefined && userToken !== undefined) {
      throw new DirectLineError(400, 'invalid_request', 'Send either "demoUser" or "userToken", not both.');
    }
    let user: string;
    let name: string | undefined;
    let identity: 'signed' | 'demo' | 'anonymous';
    if (userToken !== undefined) {
      if (!settings.HUB_WEBCHAT_USER_SECRET) {
        throw new DirectLineError(403, 'user_tokens_disabled', 'This assistant takes no user tokens.');
      }
      const check = verifyUserToken(userToken, settings.HUB_WEBCHAT_USER_SECRET, nowSeconds());
      if (!check.ok) throw new DirectLineError(401, check.code, check.message);
      user = check.user;
      name = check.name;
      identity = 'signed';
    } else if (demoUser !== undefined) {
      if (!demoMode) throw new DirectLineError(403, 'demo_not_available', 'The demo school is not switched on.');
      if (!demoAccounts.has(demoUser)) {
        throw new DirectLineError(403, 'unknown_demo_user', 'That is not a demo account.');
      }
      user = demoUser;
      identity = 'demo';
    } else {
      user = `anon-${randomUUID()}`;
      identity = 'anonymous';
    }
    const { token, expiresIn } = tokens.issue(
      { kind: 'access', user, name, session: nowSeconds() },
      ACCESS_TOKEN_SECONDS,
    );
    logger.info({ identity }, 'web chat token issued');
    sendJson(res, 200, { token, expires_in: expiresIn, userId: user, ...(name ? { userName: name } : {}), identity });
  });

  const generate = handle('tokens/generate', (req, res) => {
    const claims = authenticate(req);
    const conversationId = claims.conversation ?? newConversationId();
    const { token, expiresIn } = accessToken(claims, conversationId);
    sendJson(res, 200, { conversationId, token, expires_in: expiresIn });
  });

  const refresh = handle('tokens/refresh', (req, res) => {
    const claims = authenticate(req);
    if (nowSeconds() - claims.session > MAX_SESSION_SECONDS) {
      throw new DirectLineError(403, 'TokenExpired', 'The session is over; get a new token.');
    }
    const { token, expiresIn } = accessToken(claims, claims.conversation);
    sendJson(res, 200, {
      ...(claims.conversation ? { conversationId: claims.conversation } : {}),
      token,
      expires_in: expiresIn,
    });
  });

  const start = handle('conversations', async (req, res) => {
    const claims = authenticate(req);
    const body: unknown = req.body;
    const locale = isRecord(body) ? readLocale(body.locale) : undefined;
    const bound = claims.conversation;
    if (bound !== undefined) {
      const existing = store.find(bound);
      if (existing) {
        mustOwn(existing, claims);
        sendJson(res, 200, conversationResponse(req, claims, bound, 0));
        return;
      }
    }
    const removed = store.deleteIdle(now());
    if (removed > 0) logger.info({ removed }, 'idle direct line conversations deleted');
    const conversationId = bound ?? newConversationId();
    store.create(conversationId, claims.user, now());
    logger.info({ conversation: conversationId }, 'direct line conversation started');
    const env = envelope(req, conversationId, claims);
    await runTurn(joinActivity(env, randomUUID(), locale), env);
    sendJson(res, 201, conversationResponse(req, claims, conversationId, 0));
  });

  const resume = handle('conversations/:id', (req, res) => {
    const claims = authenticate(req);
    const conversationId = conversationFor(routeParam(req, 'id'), claims);
    sendJson(res, 200, conversationResponse(req, claims, conversationId, watermarkOf(req.url)));
  });

  const post = handle('activities', async (req, res) => {
    const claims = authenticate(req);
    const conversationId = conversationFor(routeParam(req, 'id'), claims);
    const client = readClientActivity(req.body);
    const env = envelope(req, conversationId, claims);
    const { forBot, forTranscript } = userActivity(client, env);
    const [echo] = append(conversationId, [forTranscript]);
    if (!echo) throw new Error('The activity was not stored.');
    const { id, timestamp } = echo.activity;
    await runTurn({ ...forBot, id, timestamp: new Date(timestamp) }, env, id);
    sendJson(res, 200, { id });
  });

  const poll = handle('activities (poll)', (req, res) => {
    const claims = authenticate(req);
    const conversationId = conversationFor(routeParam(req, 'id'), claims);
    const watermark = watermarkOf(req.url);
    const entries = store.after(conversationId, watermark);
    sendJson(res, 200, {
      activities: entries.map((entry) => entry.activity),
      watermark: String(entries.at(-1)?.seq ?? watermark),
    });
  });

  const upload = handle('upload', (req) => {
    conversationFor(routeParam(req, 'id'), authenticate(req));
    throw new DirectLineError(
      400,
      'NotSupported',
      'Sending files is not supported in this chat; please write instead.',
    );
  });

  const streamWithoutUpgrade = handle('stream', () => {
    throw new DirectLineError(426, 'UpgradeRequired', 'The stream is a WebSocket: use the streamUrl.');
  });

  /**
   * Who may open a stream: a stream token (in `t`, as in the streamUrl) or an access token in the header, checked as
   * the REST routes check theirs (`claimsOf`, `conversationFor`, `watermarkOf`).
   */
  function authorizeStream(
    req: IncomingMessage,
    url: URL,
  ): { conversationId: string; watermark: number } | DirectLineError {
    try {
      const token = url.searchParams.get('t') ?? bearerToken(req);
      if (!token) throw new DirectLineError(401, 'MissingToken', 'The stream needs a token.');
      const claims = claimsOf(token, ['access', 'stream']);
      const conversationId = conversationFor(/\/conversations\/([^/]+)\/stream$/.exec(url.pathname)?.[1], claims);
      return { conversationId, watermark: watermarkOf(req.url) };
    } catch (error) {
      if (error instanceof DirectLineError) return error;
      throw error;
    }
  }

  return (server) => {
    server.post('/chat/token', chatToken);
    server.post(`${PREFIX}/tokens/generate`, generate);
    server.post(`${PREFIX}/tokens/refresh`, refresh);
    server.post(`${PREFIX}/conversations`, start);
    server.get(`${PREFIX}/conversations/:id`, resume);
    server.post(`${PREFIX}/conversations/:id/activities`, post);
    server.get(`${PREFIX}/conversations/:id/activities`, poll);
    server.post(`${PREFIX}/conversations/:id/upload`, upload);
    server.get(`${PREFIX}/conversations/:id/stream`, streamWithoutUpgrade);
    hub.attach(server.server, authorizeStream);
  };
}

function newConversationId(): string {
  return randomBytes(16).toString('base64url');
}

/** A route parameter as a string. */
function routeParam(req: restify.Request, name: string): string | undefined {
  const params: unknown = req.params;
  const value = isRecord(params) ? params[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** `''`/absent → 0 (everything), digits → that number, else undefined. */
function parseWatermark(value: string | null): number | undefined {
  if (value === null || value === '') return 0;
  return /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

/** The `?watermark=` of a request's URL; 400 when it is not one this endpoint gave. */
function watermarkOf(url: string | undefined): number {
  const watermark = parseWatermark(new URL(url ?? '/', 'http://localhost').searchParams.get('watermark'));
  if (watermark === undefined) throw new DirectLineError(400, 'BadArgument', 'The watermark is not valid.');
  return watermark;
}

/** The token of an `Authorization: Bearer …` header, if there is one. */
function bearerToken(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}
