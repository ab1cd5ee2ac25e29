/**
 * Who is writing: maps a channel account to a guardian in the school system, so every dialog acts for that
 * guardian's own children and knows how strongly the account was verified. Free of botbuilder types; the bot
 * passes the activity's channel id and `from` fields.
 */
import type { AccountKind, Guardian, SchoolBackend, Verification } from '../backend/types.js';
import { normalizePhoneNumber } from './phone.js';

/** A channel account as the bot sees it: `activity.channelId`, `activity.from.id` and `from.aadObjectId`. */
export interface ChannelAccount {
  channelId: string;
  userId: string;
  aadObjectId?: string;
}

/** The guardian behind an account and how strongly it is verified, or an account the school does not know. */
export type Identity = { kind: 'guardian'; guardian: Guardian; verification: Verification } | { kind: 'unknown' };

/** Channels whose user id is a phone number (Bot Framework's Twilio channel, a 46elks adapter). */
const PHONE_CHANNELS = new Set(['sms', 'twilio', '46elks']);

/**
 * Which kind of account a channel account is and the id to look it up by, or undefined when it cannot be one
 * (an empty id, a phone channel with something that is not a phone number). Teams users are looked up by their
 * AAD object id, which is stable across tenants' bots (lower-cased: GUID case varies); the channel-specific
 * user id is only a fallback.
 */
export function accountFor(account: ChannelAccount): { kind: AccountKind; accountId: string } | undefined {
  const channel = account.channelId.toLowerCase();
  if (channel === 'msteams') {
    const id = account.aadObjectId ?? account.userId;
    return id === '' ? undefined : { kind: 'teams', accountId: id.toLowerCase() };
  }
  if (PHONE_CHANNELS.has(channel)) {
    const phone = normalizePhoneNumber(account.userId);
    return phone === undefined ? undefined : { kind: 'phone', accountId: phone };
  }
  return account.userId === '' ? undefined : { kind: 'webchat', accountId: account.userId };
}

/**
 * Resolves channel accounts to guardians through the school backend. A backend failure is thrown, not turned
 * into "unknown": the caller decides whether to apologise or fall back to anonymous FAQ answers.
 */
export class IdentityResolver {
  readonly #backend: SchoolBackend;

  constructor(backend: SchoolBackend) {
    this.#backend = backend;
  }

  async resolve(account: ChannelAccount): Promise<Identity> {
    const lookup = accountFor(account);
    if (lookup === undefined) return { kind: 'unknown' };
    const match = await this.#backend.findGuardian(lookup.kind, lookup.accountId);
    if (match === undefined) return { kind: 'unknown' };
    return { kind: 'guardian', guardian: match.guardian, verification: match.verification };
  }
}
