import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH, readableText } from '../../src/bot/message-text.js';

describe('what of a message the assistant reads (the bot and classify alike)', () => {
  it.each([
    ['  Hej!  ', 'Hej!', false],
    ['\nI forgot my password\t', 'I forgot my password', false],
    ['   ', '', false],
    ['a'.repeat(MAX_MESSAGE_LENGTH), 'a'.repeat(MAX_MESSAGE_LENGTH), false],
    [`  ${'b'.repeat(MAX_MESSAGE_LENGTH + 1)}  `, 'b'.repeat(MAX_MESSAGE_LENGTH), true],
  ])('%j → %j (cut: %s)', (message, text, truncated) => {
    expect(readableText(message)).toEqual({ text, truncated });
  });
});
