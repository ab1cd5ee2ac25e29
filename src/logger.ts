import { pino, type Logger } from 'pino';

/**
 * The process logger. Message texts are never logged in clear: the bot logs intents and, at debug level only,
 * redacted text. Log lines go to stderr so the CLI's stdout stays machine-readable.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'hub-assistant' } }, pino.destination(2));
}
