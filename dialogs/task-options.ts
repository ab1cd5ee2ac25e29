import type { Message } from './message.js';

/** How a task dialog is started: whose children, and the guardian's first message (redacted) to read details from. */
export interface TaskOptions {
  guardianId: string;
  text?: string;
}

/** What a finished task reports back: a receipt to show again if the guardian repeats the last answer. */
export interface TaskResult {
  done: true;
  /** The buttons whose second tap would repeat the submission ("Ja", the booked time). */
  repeatedBy: Message[];
  receipt: Message[];
}
