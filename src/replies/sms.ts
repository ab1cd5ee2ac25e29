import type { Renderer } from './outgoing.js';
import { plainMessage, plainTextLayout } from './plain-text.js';

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

/**
 * SMS (channel `sms`): the terminal's plain-text layout (`plainTextLayout`: the card's facts as "Label: value"
 * lines, the choices as numbered lines, "1. Ja", so answering with the number picks one), each text without its
 * markdown, then tidied. Segment limits and the GSM alphabet are the SMS channel's business (`src/channels/sms/`),
 * since it sees the whole turn's text at once.
 */
export const renderSms: Renderer = (reply, to) => [plainMessage(tidy(plainTextLayout(reply, plainText)), to)];
