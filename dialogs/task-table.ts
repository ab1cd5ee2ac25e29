import { APPLY_LEAVE, BOOK_MEETING, CANCEL_MEETING, REPORT_ABSENCE } from './ids.js';
import type { KeywordList } from './keywords.js';

/** How a guardian states a task in everyday words; every list is one of `keywords` in the locale files. */
export interface TaskCue {
  /** The whole message is one of these: the bare name of the task ("frånvaro", "leave"). */
  named?: KeywordList;
  /** A phrase of one of these lists, anywhere in a sentence, states the task ("vabbar", "running late"). */
  states?: readonly KeywordList[];
  /** …but only beside a phrase of one of these ("we can't make it" to the parent meeting). */
  with?: readonly KeywordList[];
  /** A part of the day beside a word of this list states the task too ("kommer efter lunch", "går hem kl 13"). */
  partOfDay?: KeywordList;
  /** The task spans days: of two tasks one message states, this one wins when the message names several days. */
  spansDays?: boolean;
}

/** A task intent of the catalogue: the dialog it starts and how it is said. */
export interface TaskEntry {
  dialog: string;
  cue: TaskCue;
}

/** Task intent → its dialog and cue. The order decides between two tasks a message states (first wins). */
export type TaskTable = Readonly<Record<string, TaskEntry>>;

/**
 * The task table: the one place outside the knowledge base that names its task intents. "vi kan inte komma på
 * utvecklingssamtalet" is a cancellation before it is anything else; a child ill or at home is an absence, a trip
 * or an event a leave request.
 */
export const TASK_TABLE: TaskTable = {
  'meeting.cancel': { dialog: CANCEL_MEETING, cue: { states: ['cantMakeIt'], with: ['meetingNames'] } },
  'absence.report': {
    dialog: REPORT_ABSENCE,
    cue: { named: 'absenceNames', states: ['ill', 'home', 'late', 'appointment'], partOfDay: 'arrivesOrLeaves' },
  },
  'leave.apply': { dialog: APPLY_LEAVE, cue: { named: 'leaveNames', states: ['trip', 'leaveNames'], spansDays: true } },
  'meeting.book': { dialog: BOOK_MEETING, cue: { named: 'meetingNames' } },
};
