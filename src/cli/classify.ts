import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildMatcher } from '../assistant.js';
import { loadSettings } from '../config.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { type Command, writeLine } from './io.js';

const inputSchema = z.object({ text: z.string(), locale: z.enum(['sv', 'en']).optional() });

/**
 * `classify [--faq DIR]`: JSON lines `{"text", "locale"?}` on stdin → one JSON line per input with the intent
 * (null when out of scope), confidence, locale and up to 5 alternatives. A bad line gets `{"error": …}` in its place.
 */
export const classify: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { faq: { type: 'string' } }, allowPositionals: false });
  const settings = loadSettings(io.env);
  const knowledge = loadKnowledgeBase(
    values.faq ?? settings.HUB_FAQ_DIR,
    values.faq ? undefined : settings.HUB_MUNICIPALITY,
  );
  const matcher = buildMatcher(knowledge, settings);
  let lineNumber = 0;
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    lineNumber++;
    if (!line.trim()) continue;
    let input: z.infer<typeof inputSchema>;
    try {
      input = inputSchema.parse(JSON.parse(line));
    } catch {
      await writeLine(
        io.stdout,
        JSON.stringify({ error: `line ${lineNumber}: expected {"text": string, "locale"?: "sv"|"en"}` }),
      );
      continue;
    }
    const { intent, confidence, locale, alternatives } = matcher.classify(input.text, input.locale);
    await writeLine(io.stdout, JSON.stringify({ intent, confidence, locale, alternatives }));
  }
  return 0;
};
