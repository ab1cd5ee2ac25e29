import { randomUUID } from 'node:crypto';
import { Keywords } from '../../../dialogs/keywords.js';
import { normalizePhoneNumber } from '../../identity/phone.js';
import type { Locale } from '../../nlu/types.js';
import { redact } from '../../triage/redact.js';
import { KeyedQueue } from '../../bot/keyed-queue.js';
import { apology } from '../../bot/apology.js';
import { renderOutcome } from '../../bot/render-outcome.js';
import type { IncomingMessage } from '../../bot/turn.js';
import type { ChannelDeps } from '../types.js';
import { fitSegments, toGsm } from './gsm.js';
import { SmsKeywords } from './keywords.js';
import { NumberKeys, SmsNumbers } from './numbers.js';
import { SlidingWindowLimiter } from './rate-limit.js';
import type { SmsProvider } from './senders.js';

/** The channel id of SMS activities (the identity resolver looks such accounts up by phone number). */
export const SMS_CHANNEL_ID = 'sms';

/** Most segments one reply may take; a longer one is cut and the rest waits for "MER". */
export const MAX_SEGMENTS = 3;

const HOUR_MS = 3_600_000;

/** Numbers whose last language is remembered (in memory, for the rate-limit notice and "STOP"). */
const REMEMBERED_LOCALES = 10_000;

/** An incoming text message as a provider's webhook delivered it. */
export interface InboundSms {
  provider: SmsProvider;
  /** The sender as the provider wrote it (E.164 or a Swedish national form). */
  from: string;
  text: string;
  /** The provider's id of the message: a re-delivered message is then answered as before, not acted on twice. */
  messageId?: string | undefined;
}

/** Sends a reply through a provider's API (HUB_SMS_DELIVERY=api). */
export type Deliver = (to: string, text: string) => Promise<void>;

export interface SmsChannelOptions {
  /** The clock of the rate limit and the stored timestamps (tests move it by hand). */
  now?: () => number;
}

/**
 * The SMS conversation, whichever provider carried the message: keywords (STOPP/START, HJÄLP, MER), the rate
 * limit, one bot turn, and the turn's replies as one text message of at most three segments in the GSM alphabet.
 * Everything for one number happens one message after the other, so two messages arriving at once cannot both
 * read and then overwrite the number's state or the dialog's. Phone numbers are never logged nor stored: the
 * conversation and the number's row are keyed by an HMAC of the number.
 */
export class SmsChannel {
  private readonly keys: NumberKeys;
  private readonly numbers: SmsNumbers;
  private readonly keywords: SmsKeywords;
  private readonly limiter: SlidingWindowLimiter;
  private readonly locales = new Map<string, Locale>();
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly deps: ChannelDeps,
    options: SmsChannelOptions = {},
  ) {
    const now = options.now ?? Date.now;
    const { db, translations } = deps.assistant;
    this.keys = new NumberKeys(db);
    this.numbers = new SmsNumbers(db, () => new Date(now()));
    this.keywords = new SmsKeywords(new Keywords(translations));
    this.limiter = new SlidingWindowLimiter(deps.settings.HUB_SMS_RATE_LIMIT, HOUR_MS, now);
  }

  /**
   * Handles one incoming message and resolves to the reply (undefined: say nothing). With `deliver`, the reply is
   * sent through it before the number's next message is handled, so replies leave in order.
   */
  receive(inbound: InboundSms, deliver?: Deliver): Promise<string | undefined> {
    const number = normalizePhoneNumber(inbound.from);
    if (number === undefined) {
      this.deps.logger.warn({ provider: inbound.provider }, 'sms from a sender that is not a phone number: ignored');
      return Promise.resolve(undefined);
    }
    const key = this.keys.keyOf(number);
    const work = async () => {
      const reply = await this.handle(number, key, inbound);
      if (reply !== undefined && deliver) await this.send(deliver, inbound.provider, number, reply);
      return reply;
    };
    return this.queue.run(key, work);
  }

  /** Resolves once every message received so far is handled (and its reply sent, with API delivery). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async send(deliver: Deliver, provider: SmsProvider, number: string, text: string): Promise<void> {
    try {
      await deliver(number, text);
    } catch (error) {
      // Neither the number nor the text: the error names the provider and the HTTP status only.
      const status = (error as { status?: unknown }).status;
      this.deps.logger.error(
        { provider, status: typeof status === 'number' ? status : null, err: errorName(error) },
        'sms reply could not be sent',
      );
    }
  }

  private t(locale: Locale, key: string): string {
    return this.deps.assistant.translations[locale](key);
  }

  private async handle(number: string, key: string, inbound: InboundSms): Promise<string | undefined> {
    const { logger, settings } = this.deps;
    const keyword = this.keywords.match(inbound.text);
    const state = this.numbers.get(key);
    if (keyword?.kind === 'stop') {
      if (state.optedOut) return undefined;
      const locale = keyword.locale ?? this.locales.get(key) ?? settings.HUB_DEFAULT_LOCALE;
      this.numbers.optOut(key, locale);
      logger.info({ channel: SMS_CHANNEL_ID, provider: inbound.provider }, 'sms number opted out');
      return this.fit(key, this.t(locale, 'sms.stopped'), locale, false);
    }
    if (state.optedOut) {
      if (keyword?.kind !== 'start') return undefined;
      const locale = keyword.locale ?? state.optOutLocale ?? settings.HUB_DEFAULT_LOCALE;
      this.numbers.optIn(key);
      this.remember(key, locale);
      logger.info({ channel: SMS_CHANNEL_ID, provider: inbound.provider }, 'sms number opted in again');
      return this.fit(key, this.t(locale, 'sms.started'), locale, false);
    }
    const decision = this.limiter.hit(key);
    if (decision !== 'allow') {
      if (decision === 'silent') {
        logger.debug({ channel: SMS_CHANNEL_ID, provider: inbound.provider }, 'sms over the rate limit: not answered');
        return undefined;
      }
      logger.warn({ channel: SMS_CHANNEL_ID, provider: inbound.provider }, 'sms rate limit reached: one notice sent');
      const locale = this.locales.get(key) ?? this.guessLocale(inbound.text);
      return this.fit(key, this.t(locale, 'sms.rateLimited'), locale, false);
    }
    if (keyword?.kind === 'more' && state.pending) {
      return this.fit(key, state.pending.text, state.pending.locale, true);
    }
    if (state.pending) this.numbers.setPending(key, undefined);

    // A first "HELP" says nothing else about the guardian's language; the keyword does ("HJÄLP" is Swedish).
    const hint = this.locales.get(key) === undefined ? keyword?.locale : undefined;
    const { text, locale } = await this.runTurn(number, key, inbound, hint);
    this.remember(key, locale);
    // HJÄLP: the bot explains; the SMS footer (numbers, MER, STOPP) is added and stays, even on a cut reply.
    const tail = keyword?.kind === 'help' ? this.t(locale, 'sms.helpFooter') : undefined;
    return this.fit(key, text, locale, false, tail);
  }

  /** One bot turn; resolves to its messages joined into one text, and the language the bot answered in. */
  private async runTurn(
    number: string,
    key: string,
    inbound: InboundSms,
    hint: Locale | undefined,
  ): Promise<{ text: string; locale: Locale }> {
    const { assistant, logger, settings } = this.deps;
    const message: IncomingMessage = {
      kind: 'message',
      id: inbound.messageId ? `${inbound.provider}:${inbound.messageId}` : randomUUID(),
      channelId: SMS_CHANNEL_ID,
      sender: { id: number },
      // The HMAC, never the number: state keys and logs carry the conversation id.
      conversationId: `sms-${key}`,
      conversationType: 'personal',
      text: inbound.text,
      // An SMS says nothing about its language, so the bot goes by the words (or a keyword's language).
      channelLocale: hint,
    };
    try {
      const outcome = await assistant.turns.handle(message);
      const texts = renderOutcome(message, outcome).map((sent) => sent.text.trim());
      return { text: texts.filter(Boolean).join('\n\n'), locale: outcome.locale };
    } catch (error) {
      logger.error({ channel: SMS_CHANNEL_ID, provider: inbound.provider, err: errorName(error) }, 'sms turn failed');
      const locale = this.locales.get(key) ?? settings.HUB_DEFAULT_LOCALE;
      return { text: apology(assistant.translations, locale).text, locale };
    }
  }

  /**
   * The text as one SMS of at most three segments, GSM-7 where possible, with `tail` (if any) as its last
   * paragraph. A longer text is cut at a sentence end with "Skriv MER för resten" (and the tail) and the rest is
   * kept for "MER"; `replacesPending` clears a rest that is now sent in full.
   */
  private fit(key: string, text: string, locale: Locale, replacesPending: boolean, tail?: string): string | undefined {
    const gsm = toGsm(text);
    const gsmTail = tail ? toGsm(tail) : '';
    if (!gsm && !gsmTail) {
      if (replacesPending) this.numbers.setPending(key, undefined);
      return undefined;
    }
    const fitted = gsm ? fitSegments(gsm, MAX_SEGMENTS, toGsm(this.t(locale, 'sms.more')), gsmTail) : { text: gsmTail };
    if (fitted.rest) this.numbers.setPending(key, { locale, text: fitted.rest });
    else if (replacesPending) this.numbers.setPending(key, undefined);
    return fitted.text;
  }

  private remember(key: string, locale: Locale): void {
    this.locales.delete(key);
    this.locales.set(key, locale);
    if (this.locales.size > REMEMBERED_LOCALES) {
      const oldest = this.locales.keys().next().value;
      if (oldest !== undefined) this.locales.delete(oldest);
    }
  }

  /**
   * The language of a notice to a number not yet answered: the message's own words, else the default, as the
   * router chooses a first message's language.
   */
  private guessLocale(text: string): Locale {
    const { assistant, settings } = this.deps;
    return assistant.matcher.messageLanguage(text) ?? settings.HUB_DEFAULT_LOCALE;
  }
}

/** An error for the log, its message with any phone number or e-mail address removed. */
function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${redact(error.message)}` : typeof error;
}
