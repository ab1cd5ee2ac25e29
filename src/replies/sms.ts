import type { Renderer } from './outgoing.js';
import type { Reply } from './reply.js';

/**
 * Markdown a phone shows literally, turned into plain text: `**bold**` and `__bold__` lose their marks, `_italic_`
 * and `*italic*` too (only at word boundaries, so `file_name` and `2*3` are kept), `[label](url)` becomes
 * `label (url)` (only the address when the label is the address), `<url>` the address, `` `code` `` the code,
 * `# heading` the heading and `* item` / `+ item` a dash item.
 */
export function plainText(text: string): string {
  return text
    .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (_match, label: string, url: string) =>
      label.trim() === url ? url : `${label.trim()} (${url})`,
    )
    .replace(/<((?:https?:\/\/|mailto:)[^>\s]+)>/g, '$1')
    .replace(/\*\*([^*\n]+?)\*\*/g, '$1')
    .replace(/(^|[^\p{L}\p{N}_])__([^_\n]+?)__(?![\p{L}\p{N}_])/gu, '$1$2')
    .replace(/(^|[^\p{L}\p{N}_*])[_*]([^\s_*][^_*\n]*?)[_*](?![\p{L}\p{N}_*])/gu, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/^#{1,6}[ \t]+/gm, '')
    .replace(/^([ \t]*)[*+][ \t]+/gm, '$1- ');
}

/** Trailing spaces and runs of blank lines, which cost characters on a phone and show nothing. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The reply as the lines of one text message: the text, the card's facts, the numbered choices. */
function smsText(reply: Reply): string {
  const lines = [plainText(reply.text)];
  if (reply.card) {
    lines.push('', plainText(reply.card.title));
    for (const fact of reply.card.facts) lines.push(`${plainText(fact.label)}: ${plainText(fact.value)}`);
  }
  if (reply.choices?.length) {
    lines.push('');
    if (reply.choicesIntro) lines.push(plainText(reply.choicesIntro));
    reply.choices.forEach((choice, index) => lines.push(`${index + 1}. ${plainText(choice.title)}`));
  }
  return tidy(lines.join('\n'));
}

/**
 * SMS (channel `sms`): plain text without markdown, the card's facts as "Label: value" lines and the choices as
 * numbered lines ("1. Ja"), so answering with the number picks one. Segment limits and the GSM alphabet are the
 * SMS channel's business (`src/channels/sms/`), since it sees the whole turn's text at once.
 */
export const renderSms: Renderer = (reply, to) => [
  { type: 'message', text: smsText(reply), textFormat: 'plain', locale: to.locale },
];
