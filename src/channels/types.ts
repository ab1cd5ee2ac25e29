import type { Logger } from 'pino';
import type restify from 'restify';
import type { Assistant } from '../assistant.js';
import type { Settings } from '../config.js';
import type { InProcessAdapter } from './in-process-adapter.js';

/** What a channel the assistant serves itself needs: the settings, the assistant's parts and the turn runner. */
export interface ChannelDeps {
  settings: Settings;
  assistant: Assistant;
  logger: Logger;
  adapter: InProcessAdapter;
}

/** Mounts a channel's routes on the server (see `createServer`'s `routes`). */
export type RouteMount = (server: restify.Server) => void;
