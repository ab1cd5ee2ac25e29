import { type Activity, type ChannelAccount, isRecord } from './protocol.js';
import { type IncomingMessage, LOCALE_EVENT } from '../../bot/turn.js';
import { toLocale } from '../../nlu/types.js';
import { redact } from '../../triage/redact.js';
import { DirectLineError } from './errors.js';

/** The longest message accepted (characters); the bot itself reads the first 1,000 and says so. */
export const MAX_TEXT_LENGTH = 5000;
/** The largest `value` accepted (characters of JSON). */
const MAX_VALUE_JSON = 4000;
const LOCALE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/;

/** What the endpoint keeps of an activity a client posts; everything else it sends is dropped. */
export interface ClientActivity {
  type: 'message' | 'event';
  text?: string;
  value?: unknown;
  name?: string;
  locale?: string;
  /** Web Chat's own id of the activity, which it waits to see echoed back. */
  clientActivityId?: string;
}

function badArgument(message: string): DirectLineError {
  return new DirectLineError(400, 'BadArgument', message);
}

/** A locale tag worth passing on (`sv-SE`, `en`), or undefined. */
export function readLocale(value: unknown): string | undefined {
  return typeof value === 'string' && LOCALE.test(value) ? value : undefined;
}

/** Reads a posted activity; throws a 400 for anything the endpoint does not take. */
export function readClientActivity(body: unknown): ClientActivity {
  if (!isRecord(body)) throw new DirectLineError(400, 'BadSyntax', 'The body must be an activity (a JSON object).');
  const { type, text, value, name, attachments, channelData } = body;
  if (type !== 'message' && type !== 'event') {
    throw badArgument('Only "message" and "event" activities are accepted.');
  }
  if (text !== undefined && text !== null && typeof text !== 'string') throw badArgument('"text" must be a string.');
  if (typeof text === 'string' && text.length > MAX_TEXT_LENGTH) {
    throw new DirectLineError(400, 'MessageTooLong', `A message may have at most ${MAX_TEXT_LENGTH} characters.`);
  }
  if (Array.isArray(attachments) && attachments.length > 0) {
    throw new DirectLineError(400, 'NotSupported', 'This chat does not take attachments.');
  }
  if (name !== undefined && (typeof name !== 'string' || name.length > 200)) {
    throw badArgument('"name" must be a string of at most 200 characters.');
  }
  if (value !== undefined && JSON.stringify(value).length > MAX_VALUE_JSON) {
    throw badArgument(`"value" may have at most ${MAX_VALUE_JSON} characters of JSON.`);
  }
  const clientActivityId = isRecord(channelData) ? channelData.clientActivityID : undefined;
  const locale = readLocale(body.locale);
  return {
    type,
    ...(typeof text === 'string' ? { text } : {}),
    ...(value === undefined ? {} : { value }),
    ...(typeof name === 'string' ? { name } : {}),
    ...(locale ? { locale } : {}),
    ...(typeof clientActivityId === 'string' && clientActivityId.length <= 100 ? { clientActivityId } : {}),
  };
}

/** Personal data out of a posted `value`: its strings are redacted like the text (the JSON stays valid). */
function redactValue(value: unknown): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(redact(JSON.stringify(value))) as unknown;
  } catch {
    return undefined;
  }
}

/** Where an activity is: the parts the server sets on every activity of a conversation. */
export interface Envelope {
  conversationId: string;
  user: ChannelAccount;
  bot: ChannelAccount;
  serviceUrl: string;
}

/**
 * Who writes to whom, on which channel, in the envelope's one personal conversation: the same for every activity,
 * the user's and the bot's, only `from` and `recipient` change places.
 */
function addressing(envelope: Envelope, writer: 'user' | 'bot'): Partial<Activity> {
  const user = { ...envelope.user, role: 'user' };
  const bot = { ...envelope.bot, role: 'bot' };
  return {
    channelId: 'webchat',
    from: writer === 'user' ? user : bot,
    recipient: writer === 'user' ? bot : user,
    conversation: { id: envelope.conversationId, isGroup: false, conversationType: 'personal', name: '' },
  };
}

/**
 * The user's activity in two forms: what the bot reads (the text as written) and what is stored and echoed to the
 * client (personal identity numbers, phone numbers and e-mail addresses redacted). `from` is always the token's
 * user, whatever the client claimed.
 */
export function userActivity(
  client: ClientActivity,
  envelope: Envelope,
): { forBot: Partial<Activity>; forTranscript: Partial<Activity> } {
  const common: Partial<Activity> = {
    type: client.type,
    ...addressing(envelope, 'user'),
    serviceUrl: envelope.serviceUrl,
    ...(client.locale ? { locale: client.locale } : {}),
    ...(client.name === undefined ? {} : { name: client.name }),
    ...(client.clientActivityId ? { channelData: { clientActivityID: client.clientActivityId } } : {}),
  };
  const text = client.text === undefined ? {} : { text: client.text };
  const safeText = client.text === undefined ? {} : { text: redact(client.text) };
  const safeValue = redactValue(client.value);
  return {
    forBot: { ...common, ...text, ...(client.value === undefined ? {} : { value: client.value }) },
    forTranscript: { ...common, ...safeText, ...(safeValue === undefined ? {} : { value: safeValue }) },
  };
}

/** The conversationUpdate that tells the bot the user joined (so it says welcome). */
export function joinActivity(envelope: Envelope, id: string, locale: string | undefined): Partial<Activity> {
  return {
    type: 'conversationUpdate',
    id,
    timestamp: new Date(),
    ...addressing(envelope, 'user'),
    serviceUrl: envelope.serviceUrl,
    membersAdded: [envelope.user],
    ...(locale ? { locale } : {}),
  };
}

/** Fields of a bot activity a Web Chat client may use; addressing and ids are set by the endpoint. */
const BOT_FIELDS = [
  'type',
  'text',
  'textFormat',
  'locale',
  'inputHint',
  'suggestedActions',
  'attachments',
  'attachmentLayout',
  'speak',
  'summary',
  'importance',
  'entities',
  'channelData',
  'value',
  'valueType',
  'name',
  'label',
] as const satisfies readonly (keyof Activity)[];

/**
 * A bot activity as the transcript keeps it: only the fields above, from the bot to the user, replying to the
 * user's activity when there is one. Suggested actions are addressed to nobody in particular: the conversation has
 * one user, and Web Chat hides actions addressed to an id other than the one it was given.
 */
export function botActivity(sent: Partial<Activity>, envelope: Envelope, replyToId?: string): Partial<Activity> {
  const source: Readonly<Record<string, unknown>> = sent;
  const fields: Record<string, unknown> = {};
  for (const field of BOT_FIELDS) {
    if (source[field] !== undefined) fields[field] = source[field];
  }
  const kept = fields as Partial<Activity>;
  if (kept.suggestedActions) kept.suggestedActions = { actions: kept.suggestedActions.actions, to: [] };
  return {
    ...kept,
    type: sent.type ?? 'message',
    ...addressing(envelope, 'bot'),
    ...(replyToId ? { replyToId } : {}),
  };
}

/**
 * The neutral message a user's activity carries to the assistant; undefined for an event that is not the
 * assistant's business (Web Chat sends its own). Senders here are set by the endpoint from the token: trusted.
 */
export function incomingMessage(activity: Partial<Activity>, envelope: Envelope): IncomingMessage | undefined {
  const kind =
    activity.type === 'conversationUpdate'
      ? 'join'
      : activity.type === 'message'
        ? 'message'
        : activity.type === 'event' && activity.name === LOCALE_EVENT
          ? 'chooseLocale'
          : undefined;
  if (!kind) return undefined;
  const { value } = activity;
  return {
    kind,
    channelId: 'webchat',
    conversationId: envelope.conversationId,
    conversationType: 'personal',
    id: activity.id,
    sender: { id: envelope.user.id },
    text: kind === 'message' ? (activity.text ?? '') : undefined,
    channelLocale: toLocale(activity.locale),
    chosenLocale: kind === 'chooseLocale' && typeof value === 'string' ? toLocale(value) : undefined,
  };
}
