import type { Logger } from 'pino';
import type restify from 'restify';
import type { Assistant } from '../assistant.js';
import type { Settings } from '../config.js';

/** What a channel the assistant serves itself needs: the settings and the assistant's parts (its turns among them). */
export interface ChannelDeps {
  settings: Settings;
  assistant: Assistant;
  logger: Logger;
}

/** Mounts a channel's routes on the server (see `createServer`'s `routes`). */
export type RouteMount = (server: restify.Server) => void;
