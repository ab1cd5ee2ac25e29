import { parseArgs } from 'node:util';
import { loadSettings } from '../config.js';
import { readKnowledge } from '../knowledge/read.js';
import { type Command, writeLine } from './io.js';

/** `faq-check [--faq DIR]`: lists every problem of the knowledge base; exits 1 when any is an error. */
export const faqCheck: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { faq: { type: 'string' } } });
  const dir = values.faq ?? loadSettings(io.env).HUB_FAQ_DIR;
  const { entries, problems, overlays } = readKnowledge(dir);
  for (const p of problems) {
    await writeLine(io.stdout, `${p.severity}: ${p.file}${p.entry ? ` [${p.entry}]` : ''}: ${p.message}`);
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  const summary = `${entries.length} entries, ${overlays.size} municipality overlay(s), ${errors} error(s), ${problems.length - errors} warning(s)`;
  await writeLine(io.stdout, summary);
  return errors > 0 ? 1 : 0;
};
