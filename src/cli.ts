import { SettingsError } from './config.js';
import { chat } from './cli/chat.js';
import { classify } from './cli/classify.js';
import { faqCheck } from './cli/faq-check.js';
import { type Command, type CommandIO, UsageError } from './cli/io.js';
import { nluEval } from './cli/nlu-eval.js';
import { schoolApi } from './cli/school-api.js';
import { teamsPackageCommand } from './cli/teams-package.js';
import { unanswered } from './cli/unanswered.js';
import { KnowledgeBaseError } from './knowledge/knowledge-base.js';

const COMMANDS: Record<string, Command> = {
  classify,
  'nlu-eval': nluEval,
  chat,
  'faq-check': faqCheck,
  unanswered,
  'school-api': schoolApi,
  'teams-package': teamsPackageCommand,
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
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr.write(`${name && name !== 'help' && name !== '--help' ? `Unknown command: ${name}\n\n` : ''}${USAGE}\n`);
    return name === 'help' || name === '--help' ? 0 : 2;
  }
  try {
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
