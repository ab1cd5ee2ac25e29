import { SettingsError } from './config.js';
import { type Command, type CommandIO, UsageError } from './cli/io.js';
import { KnowledgeBaseError } from './knowledge/knowledge-base.js';

/**
 * Each command's module, loaded only when it runs: `classify` and `nlu-eval` need neither botbuilder nor restify,
 * and load in a fraction of the time and memory.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  classify: async () => (await import('./cli/classify.js')).classify,
  'nlu-eval': async () => (await import('./cli/nlu-eval.js')).nluEval,
  chat: async () => (await import('./cli/chat.js')).chat,
  'faq-check': async () => (await import('./cli/faq-check.js')).faqCheck,
  unanswered: async () => (await import('./cli/unanswered.js')).unanswered,
  'school-api': async () => (await import('./cli/school-api.js')).schoolApi,
  'teams-package': async () => (await import('./cli/teams-package.js')).teamsPackageCommand,
};

export const USAGE = `Usage: hub-assistant <command> [options]

Commands:
  chat [--locale sv|en] [--user ID]             talk with the assistant in the terminal (as a demo guardian)
  classify [--faq DIR]                          JSON lines {"text","locale"?} on stdin → intents on stdout
  nlu-eval --train FILE --test FILE [--json]    build a matcher from FILE lines and score it on the test lines
  faq-check [--faq DIR]                         lint the knowledge base
  unanswered [--json] [--since DATE]            questions the assistant could not answer, grouped
  school-api [--port N] [--db FILE] [--token T] a stand-in school system (demo school) for HUB_BACKEND=http
  teams-package [--out FILE] [--bot-id ID] [--app-id GUID] [--url URL]
                                                the Microsoft Teams app package (zip) to upload`;

/** Runs one CLI command; every expected failure becomes a message on stderr and an exit code, never a crash. */
export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...args] = argv;
  const load = name && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.stderr.write(`${name && name !== 'help' && name !== '--help' ? `Unknown command: ${name}\n\n` : ''}${USAGE}\n`);
    return name === 'help' || name === '--help' ? 0 : 2;
  }
  try {
    const command = await load();
    return await command(args, io);
  } catch (error) {
    if (error instanceof SettingsError || error instanceof KnowledgeBaseError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    const message = (error as Error).message;
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`${message}\n\n${USAGE}\n`);
      return 2;
    }
    if ((error as { code?: string }).code === 'ENOENT' || message.includes(':')) {
      io.stderr.write(`${message}\n`);
      return 1;
    }
    throw error;
  }
}
