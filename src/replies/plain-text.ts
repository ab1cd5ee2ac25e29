import type { Destination, OutgoingMessage } from './outgoing.js';
import type { Reply } from './reply.js';

/**
 * The one layout of a reply as plain text, for the channels that show nothing but text (the terminal, SMS), so the
 * two cannot drift apart: the text; a blank line, the card's title and its facts as "Label: value" lines; a blank
 * line, the choices intro and the choices as a numbered list ("1. Ja"), so answering with the number picks one.
 * `write` is what each of the reply's own texts goes through first (SMS: the markdown a phone would show as typed);
 * the layout's own marks (blank lines, ": ", "1. ") are added after it.
 */
export function plainTextLayout(reply: Reply, write: (text: string) => string = (text) => text): string {
  const lines = [write(reply.text)];
  if (reply.card) {
    lines.push('', write(reply.card.title));
    for (const fact of reply.card.facts) lines.push(`${write(fact.label)}: ${write(fact.value)}`);
  }
  if (reply.choices?.length) {
    lines.push('');
    if (reply.choicesIntro) lines.push(write(reply.choicesIntro));
    reply.choices.forEach((choice, index) => lines.push(`${index + 1}. ${write(choice.title)}`));
  }
  return lines.join('\n');
}

/**
 * A laid-out text as the one plain message a text-only channel sends (no suggested actions, no attachments), so the
 * terminal's and SMS's renderers send the same shape.
 */
export function plainMessage(text: string, to: Destination): OutgoingMessage {
  return { type: 'message', text, textFormat: 'plain', locale: to.locale };
}
