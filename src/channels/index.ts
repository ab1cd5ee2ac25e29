import { directLineRoutes } from './directline/index.js';
import { smsRoutes } from './sms/index.js';
import type { ChannelDeps, RouteMount } from './types.js';
import { type WebChatOptions, webChatRoutes } from './webchat/index.js';

export type { ChannelDeps, RouteMount } from './types.js';

export interface ChannelOptions {
  webChat?: WebChatOptions;
}

/**
 * The channels the assistant serves itself, mounted on the HTTP server next to `/api/messages`: the web chat page
 * (`/chat`), its Direct Line endpoint (`/chat/token`, `/v3/directline`) and the SMS webhooks (`/api/sms/twilio`,
 * `/api/sms/46elks`; each refuses requests until its provider is configured).
 */
export function channelRoutes(deps: ChannelDeps, options: ChannelOptions = {}): RouteMount[] {
  return [webChatRoutes(deps, options.webChat), directLineRoutes(deps), smsRoutes(deps)];
}
