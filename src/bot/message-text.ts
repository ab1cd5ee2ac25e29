/** Longest message read; the rest is ignored (and the guardian is told). */
export const MAX_MESSAGE_LENGTH = 1000;

/**
 * What of a message the assistant reads: trimmed and cut at `MAX_MESSAGE_LENGTH`, and whether it was cut. The bot
 * and `classify` read a message the same way, so `classify` tells what the bot would do with it.
 */
export function readableText(text: string): { text: string; truncated: boolean } {
  const trimmed = text.trim();
  const truncated = trimmed.length > MAX_MESSAGE_LENGTH;
  return { text: truncated ? trimmed.slice(0, MAX_MESSAGE_LENGTH) : trimmed, truncated };
}
