import type { Translations } from '../src/i18n.js';
import { formatDate, formatDateRange, formatInstant, formatTime } from '../src/nlu/dates.js';
import type { Locale } from '../src/nlu/types.js';
import type { Card, Choice, Reply } from '../src/replies/reply.js';
import type { KeywordList } from './keywords.js';

/**
 * A value inside a message that is written differently per language. Kept as data (not as text) in the dialog
 * state, so a prompt asked in Swedish is asked again in English after the guardian switches language.
 */
export type Arg =
  | string
  | number
  | { date: string }
  | { range: { from: string; to: string } }
  | { instant: string }
  | { time: string }
  | { key: string; args?: Record<string, Arg> }
  | { list: Arg[] };

/** A text from the locale files with its values. */
export interface Message {
  key: string;
  args?: Record<string, Arg>;
}

/** A choice offered at a prompt: what it stands for, its label, and words that also pick it. */
export interface ChoiceSpec {
  value: string;
  label: Message | string;
  synonyms?: string[];
  /** A keyword list of the locale files whose words also pick this choice ("feber" picks Sjuk). */
  keywords?: KeywordList;
}

export interface CardSpec {
  title: Message;
  facts: { label: Message; value: Arg }[];
}

/** A reply as data: one or more paragraphs, optional choices and card. */
export interface ReplySpec {
  parts: Message[];
  choices?: ChoiceSpec[];
  card?: CardSpec;
}

export const msg = (key: string, args?: Record<string, Arg>): Message => (args ? { key, args } : { key });

/** Writes messages in one language at one moment ("i morgon" depends on today). */
export class MessageWriter {
  constructor(
    private readonly t: Translations,
    readonly locale: Locale,
    private readonly now: Date,
  ) {}

  text(message: Message): string {
    const values = Object.fromEntries(
      Object.entries(message.args ?? {}).map(([name, arg]) => [name, typeof arg === 'number' ? arg : this.arg(arg)]),
    );
    return this.t[this.locale](message.key, values);
  }

  arg(arg: Arg): string {
    if (typeof arg === 'string') return arg;
    if (typeof arg === 'number') return String(arg);
    if ('date' in arg) return formatDate(arg.date, this.locale, this.now);
    if ('range' in arg) return formatDateRange(arg.range, this.locale, this.now);
    if ('instant' in arg) return formatInstant(arg.instant, this.locale);
    if ('time' in arg) return formatTime(arg.time, this.locale);
    if ('list' in arg) return this.list(arg.list.map((item) => this.arg(item)));
    return this.text(arg);
  }

  /** "Elsa och Olle" / "Elsa and Olle"; "A, B och C". */
  list(items: string[]): string {
    if (items.length <= 1) return items.join('');
    const and = this.t[this.locale]('dialog.and');
    return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1) ?? ''}`;
  }

  choice(choice: ChoiceSpec): Choice {
    const title = typeof choice.label === 'string' ? choice.label : this.text(choice.label);
    return { title, value: title };
  }

  card(card: CardSpec): Card {
    return {
      title: this.text(card.title),
      facts: card.facts.map((fact) => ({ label: this.text(fact.label), value: this.arg(fact.value) })),
    };
  }

  reply(spec: ReplySpec): Reply {
    // A paragraph may start with a value ("i dag, söndag 22 november är …"): it still starts with a capital.
    const paragraph = (part: Message) => {
      const text = this.text(part);
      return text.charAt(0).toLocaleUpperCase(this.locale) + text.slice(1);
    };
    const reply: Reply = { text: spec.parts.map(paragraph).join('\n\n') };
    if (spec.choices?.length) reply.choices = spec.choices.map((choice) => this.choice(choice));
    if (spec.card) reply.card = this.card(spec.card);
    return reply;
  }
}
