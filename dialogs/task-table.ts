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
  /**
   * The phrases speak of the child: said of someone or something else ("Bussen kommer 8.15", "Läraren är ledig")
   * they state nothing.
   */
  ofTheChild?: boolean;
}

/** A task intent of the catalogue: the dialog it starts and how it is said. */
export interface TaskEntry {
  dialog: string;
  cue: TaskCue;
}

/** Task intent → its dialog and cue. The order decides between two tasks a message states (first wins). */
export type TaskTable = Readonly<Record<string, TaskEntry>>;

/**
 * The task table: the one place outside the knowledge base that names its task intents. A new time for the parent
 * meeting ("Flytta utvecklingssamtalet", "reschedule the parent meeting") is the booking's, which changes a booking;
 * "vi kan inte komma på utvecklingssamtalet" is a cancellation before it is anything else; a child ill or at home is
 * an absence, a trip or an event a leave request. Both meeting tasks need the parent meeting named: "Vi kan inte
 * komma på mötet ikväll" may be any meeting.
 */
export const TASK_TABLE: TaskTable = {
  'meeting.book': {
    dialog: BOOK_MEETING,
    cue: { named: 'meetingNames', states: ['rescheduleMeeting'], with: ['parentMeeting'] },
  },
  'meeting.cancel': { dialog: CANCEL_MEETING, cue: { states: ['cantMakeIt'], with: ['parentMeeting'] } },
  'absence.report': {
    dialog: REPORT_ABSENCE,
    cue: {
      named: 'absenceNames',
      states: ['ill', 'home', 'late', 'appointment'],
      partOfDay: 'arrivesOrLeaves',
      ofTheChild: true,
    },
  },
  // The bare word "leave" names the task, but in a sentence it is a verb ("He has to leave at 2 pm").
  'leave.apply': {
    dialog: APPLY_LEAVE,
    cue: { named: 'leaveNames', states: ['trip', 'leaveRequest'], spansDays: true, ofTheChild: true },
  },
};
