/**
 * The Direct Line 3.0 activity as the endpoint stores it and Web Chat reads it: the fields this endpoint sets or
 * passes on, declared here so the channel speaks the protocol without botbuilder.
 */
export interface ChannelAccount {
  id: string;
  name?: string;
  role?: string;
}

/** An activity on the wire (every field optional, as the protocol allows). */
export interface Activity {
  type: string;
  id: string;
  timestamp: Date | string;
  channelId: string;
  serviceUrl: string;
  from: ChannelAccount;
  recipient: ChannelAccount;
  conversation: { id: string; isGroup?: boolean; conversationType?: string; name?: string };
  text: string;
  textFormat: string;
  locale: string;
  inputHint: string;
  suggestedActions: { actions: unknown[]; to: string[] };
  attachments: unknown[];
  attachmentLayout: string;
  speak: string;
  summary: string;
  importance: string;
  entities: unknown[];
  channelData: unknown;
  value: unknown;
  valueType: string;
  name: string;
  label: string;
  replyToId: string;
  membersAdded: ChannelAccount[];
}

/**
 * A JSON object (not null, not an array): what a posted body, an activity's `channelData` and a token's claims must
 * be; one guard for the whole endpoint.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
