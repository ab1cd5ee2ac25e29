import type { Lesson } from '../src/backend/types.js';
import type { Message, ReplySpec } from './message.js';

/** The id of the one prompt dialog every task dialog uses. */
export const ASK = 'ask';

/** What a prompt understands: yes/no, one of its choices, a day for an absence, part of a day, dates, free text. */
export type AskKind = 'confirm' | 'choice' | 'absenceDay' | 'partOfDay' | 'dateRange' | 'text';

/** Everything about a prompt, kept in the dialog state as data so a restart or a language switch can ask it again. */
export interface AskOptions {
  kind: AskKind;
  /** The question, with its choices and card. */
  prompt: ReplySpec;
  /** What "hjälp"/"help" explains at this step. */
  help: Message;
  /** partOfDay: the child's lessons that day, to turn "kommer efter lunch" into times. */
  lessons?: Lesson[];
}
