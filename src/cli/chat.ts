import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createAssistant } from '../assistant.js';
import { loadSettings } from '../config.js';
import { createLogger } from '../logger.js';
import { type Command, UsageError, writeLine } from './io.js';
import { TerminalChannel } from './terminal-channel.js';

/**
 * `chat [--locale sv|en] [--user ID]`: talk with the assistant in the terminal (same bot and pipeline as the
 * server). `--user` is the account the assistant sees, e.g. a demo guardian (`demo-anna`) to try the dialogs.
 */
export const chat: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { locale: { type: 'string' }, user: { type: 'string' } } });
  if (values.user !== undefined && !/^[\w.@+-]{1,100}$/.test(values.user)) {
    throw new UsageError('--user must be an account id such as demo-anna');
  }
  if (values.locale !== undefined && values.locale !== 'sv' && values.locale !== 'en') {
    throw new UsageError('--locale must be sv or en');
  }
  const settings = loadSettings(io.env);
  const assistant = createAssistant(settings, createLogger(io.env.LOG_LEVEL ?? 'warn'));
  const print = async (text: string) => writeLine(io.stdout, `\n${text}\n`);
  const terminal = new TerminalChannel(assistant.turns, print, values.locale, values.user);
  const run = (text?: string) => terminal.receive(text);
  try {
    await run();
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    io.stdout.write('> ');
    for await (const line of lines) {
      if (['/quit', '/exit'].includes(line.trim())) break;
      if (line.trim()) await run(line);
      io.stdout.write('> ');
    }
    return 0;
  } finally {
    assistant.db.close();
  }
};
