import type { Reply } from './reply.js';

/**
 * The shape of an outgoing message activity, declared here (structurally the Bot Framework's) so replies and
 * renderers stay free of botbuilder types.
 */
export interface OutgoingMessage {
  type: 'message';
  text: string;
  textFormat: 'plain' | 'markdown';
  locale: string;
  inputHint?: 'acceptingInput' | 'expectingInput';
  /** What a channel that cannot show the card (or a notification) shows instead. */
  summary?: string;
  suggestedActions?: { to: string[]; actions: { type: 'imBack'; title: string; value: string }[] };
  attachments?: { contentType: string; content: unknown }[];
}

/** Where a reply is going: the channel and, for Teams, whether it is a one-to-one chat. */
export interface Destination {
  channelId: string;
  locale: string;
  /** The user's id, for suggested actions addressed to them. */
  userId?: string;
  personal?: boolean;
}

/**
 * What every channel's renderer is: a reply to the messages it sends. Declared apart from render.ts so a renderer in
 * a file of its own (sms.ts) and the table of renderers in render.ts do not import each other.
 */
export type Renderer = (reply: Reply, to: Destination) => OutgoingMessage[];
