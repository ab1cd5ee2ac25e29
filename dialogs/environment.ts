import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { SchoolBackend } from '../src/backend/types.js';
import type { Translations } from '../src/i18n.js';
import type { Clock } from '../src/time/stockholm.js';
import { turnOf } from './dialog-turn.js';
import type { Moment } from './moment.js';
import type { Keywords } from './keywords.js';
import { MessageWriter, type ReplySpec } from './message.js';
import type { PromptReader } from './prompt-reader.js';

/** What every dialog needs from the outside; built once by the composition root. */
export interface DialogEnvironment {
  backend: SchoolBackend;
  keywords: Keywords;
  reader: PromptReader;
  clock: Clock;
  logger: Logger;
  /** Adds a reply, written in the turn's language, to the turn's outbox (rendered once when the turn ends). */
  say(context: TurnContext, spec: ReplySpec): void;
  moment(context: TurnContext): Moment;
  /** The guardian's message as the bot read it. */
  text(context: TurnContext): string;
  writer(context: TurnContext): MessageWriter;
}

/** The environment from its parts. */
export function dialogEnvironment(parts: {
  backend: SchoolBackend;
  translations: Translations;
  keywords: Keywords;
  reader: PromptReader;
  clock: Clock;
  logger: Logger;
}): DialogEnvironment {
  const moment = (context: TurnContext): Moment => {
    const { locale, now } = turnOf(context);
    return { locale, now };
  };
  const writer = (context: TurnContext) => {
    const { locale, now } = turnOf(context);
    return new MessageWriter(parts.translations, locale, now);
  };
  return {
    backend: parts.backend,
    keywords: parts.keywords,
    reader: parts.reader,
    clock: parts.clock,
    logger: parts.logger,
    moment,
    writer,
    text: (context) => turnOf(context).text,
    say: (context, spec) => {
      turnOf(context).outbox.push(writer(context).reply(spec));
    },
  };
}
