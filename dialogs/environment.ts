import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { SchoolBackend } from '../src/backend/types.js';
import type { Translations } from '../src/i18n.js';
import type { Locale } from '../src/nlu/types.js';
import type { Clock } from '../src/time/stockholm.js';
import type { Keywords } from './keywords.js';
import { type Message, MessageWriter, type ReplySpec } from './message.js';
import { LOCALES } from '../src/nlu/types.js';
import { stockholmDate } from '../src/time/stockholm.js';

/** The language of this turn and the instant it is handled at ("i morgon" depends on both). */
export interface Moment {
  locale: Locale;
  now: Date;
}

/** Where the bot leaves the turn's language for the dialogs. */
export const TURN_LOCALE = Symbol('hub.turnLocale');
/** Where the bot leaves the message as read (a Teams @mention removed, cut to the longest length read). */
export const TURN_TEXT = Symbol('hub.turnText');

/** What every dialog needs from the outside; built once by the composition root. */
export interface DialogEnvironment {
  backend: SchoolBackend;
  keywords: Keywords;
  clock: Clock;
  logger: Logger;
  /** Renders and sends a reply for the turn's channel and language. */
  send(context: TurnContext, spec: ReplySpec): Promise<void>;
  moment(context: TurnContext): Moment;
  /** The guardian's message as the bot read it. */
  text(context: TurnContext): string;
  writer(context: TurnContext): MessageWriter;
  /** A message as written in each language, for recognising a tapped button whatever language it was shown in. */
  labels(context: TurnContext, message: Message): string[];
}

/** How many rendered button labels are kept (a few hundred distinct ones exist on a busy day). */
const LABEL_CACHE_SIZE = 2000;

/** The environment from its parts; `send` gets the rendered reply. */
export function dialogEnvironment(parts: {
  backend: SchoolBackend;
  translations: Translations;
  keywords: Keywords;
  clock: Clock;
  logger: Logger;
  defaultLocale: Locale;
  deliver: (context: TurnContext, reply: ReturnType<MessageWriter['reply']>, locale: Locale) => Promise<void>;
}): DialogEnvironment {
  const moment = (context: TurnContext): Moment => ({
    locale: context.turnState.get<Locale | undefined>(TURN_LOCALE) ?? parts.defaultLocale,
    now: parts.clock(),
  });
  const labelCache = new Map<string, string[]>();
  const writer = (context: TurnContext) => {
    const { locale, now } = moment(context);
    return new MessageWriter(parts.translations, locale, now);
  };
  return {
    backend: parts.backend,
    keywords: parts.keywords,
    clock: parts.clock,
    logger: parts.logger,
    moment,
    writer,
    text: (context) => context.turnState.get<string | undefined>(TURN_TEXT) ?? '',
    labels: (context, message) => {
      const { now } = moment(context);
      // Labels are read at every answer; they only change with the message and the day ("i dag").
      const key = `${stockholmDate(now)}|${JSON.stringify(message)}`;
      let texts = labelCache.get(key);
      if (!texts) {
        texts = LOCALES.map((locale) => new MessageWriter(parts.translations, locale, now).text(message));
        if (labelCache.size >= LABEL_CACHE_SIZE) labelCache.clear();
        labelCache.set(key, texts);
      }
      return texts;
    },
    send: async (context, spec) => {
      const w = writer(context);
      await parts.deliver(context, w.reply(spec), w.locale);
    },
  };
}
