import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readableText } from '../bot/message-text.js';
import { buildMatcher, buildRouter } from '../bot/understanding.js';
import type { Route } from '../bot/route.js';
import { loadSettings } from '../config.js';
import { loadTranslations } from '../i18n.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { type Command, writeLine } from './io.js';

const inputSchema = z.object({ text: z.string(), locale: z.enum(['sv', 'en']).optional() });

/**
 * `classify [--faq DIR]`: JSON lines `{"text", "locale"?}` on stdin → one JSON line per input with what the bot
 * would do with the text as the first message of a new conversation (`locale`: the channel's language, if any):
 * the intent it acts on (task cues included; null when out of scope), its confidence, the language it answers in,
 * up to 5 alternatives and the `action` (the router's route: answer, task, didYouMean, unknown, switchLanguage …).
 * A bad line gets `{"error": …}` in its place.
 */
export const classify: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { faq: { type: 'string' } }, allowPositionals: false });
  const settings = loadSettings(io.env);
  const knowledge = loadKnowledgeBase(
    values.faq ?? settings.HUB_FAQ_DIR,
    values.faq ? undefined : settings.HUB_MUNICIPALITY,
  );
  const router = buildRouter(knowledge, buildMatcher(knowledge, settings), loadTranslations(), settings);
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
    const { text } = readableText(input.text);
    const route = router({ text, conversationLocale: input.locale, inTask: false }, new Date());
    await writeLine(io.stdout, JSON.stringify(decision(route)));
  }
  return 0;
};

/** A route as `classify` prints it: the documented fields, then the action (a switch answers in its target). */
function decision(route: Route) {
  const { intent, confidence, alternatives } = route.understood;
  return { intent, confidence, locale: route.locale, alternatives, action: route.kind };
}
