import type { Readable, Writable } from 'node:stream';

/** The streams a command reads and writes, passed in so commands run in-process in tests. */
export interface CommandIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
}

/** A CLI command: takes its arguments and streams, resolves to the process exit code. */
export type Command = (args: string[], io: CommandIO) => Promise<number>;

/** Writes a line and waits until the stream accepted it (so large outputs do not pile up in memory). */
export function writeLine(stream: Writable, line: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(`${line}\n`)) resolve();
    else stream.once('drain', resolve);
  });
}

/** Thrown for a wrong command line; the CLI prints the message and the usage and exits with 2. */
export class UsageError extends Error {}
