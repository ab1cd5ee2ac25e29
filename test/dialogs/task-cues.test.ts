import { describe, expect, it } from 'vitest';
import { taskCue } from '../../dialogs/cues.js';
import { Keywords } from '../../dialogs/keywords.js';
import { TASK_TABLE } from '../../dialogs/task-table.js';
import { loadTranslations } from '../../src/i18n.js';
import type { Locale } from '../../src/nlu/types.js';

/**
 * The task a message states in everyday words, by the task table's cues alone (no matcher): a message → the task
 * it starts, or none. Wednesday 25 November 2026, 09:00 in Stockholm.
 */
const NOW = new Date('2026-11-25T08:00:00Z');
const keywords = new Keywords(loadTranslations());

interface Row {
  text: string;
  locale: Locale;
  /** The task the message states; null: it states none. */
  task: string | null;
}

const cueOf = ({ text, locale }: Row) => taskCue(text, { locale, now: NOW }, keywords, TASK_TABLE)?.intent ?? null;

describe('a new time for the parent meeting is the booking’s (it changes a booking), not a cancellation', () => {
  it.each<Row>([
    { text: 'Flytta utvecklingssamtalet', locale: 'sv', task: 'meeting.book' },
    { text: 'Kan vi byta tid för utvecklingssamtalet?', locale: 'sv', task: 'meeting.book' },
    { text: 'Vi behöver boka om utvecklingssamtalet', locale: 'sv', task: 'meeting.book' },
    { text: 'I need to reschedule the parent meeting', locale: 'en', task: 'meeting.book' },
    { text: 'Can we move the meeting with the teacher to another time?', locale: 'en', task: 'meeting.book' },
    // A cancellation stays one.
    { text: 'vi kan inte komma på utvecklingssamtalet', locale: 'sv', task: 'meeting.cancel' },
    { text: 'Jag måste avboka utvecklingssamtalet', locale: 'sv', task: 'meeting.cancel' },
    { text: "we can't make it to the parent meeting", locale: 'en', task: 'meeting.cancel' },
    { text: 'We need to cancel the parent-teacher meeting', locale: 'en', task: 'meeting.cancel' },
  ])('$locale: "$text" → $task', (row) => expect(cueOf(row)).toBe(row.task));
});

describe('a meeting that is not named the parent meeting starts no meeting task', () => {
  it.each<Row>([
    { text: 'Vi kan inte komma på mötet ikväll', locale: 'sv', task: null },
    { text: 'Vi kan inte komma på föräldramötet', locale: 'sv', task: null },
    { text: "We can't make it to the meeting tonight", locale: 'en', task: null },
    { text: 'Kan vi flytta mötet?', locale: 'sv', task: null },
  ])('$locale: "$text" → none', (row) => expect(cueOf(row)).toBe(row.task));
});

describe('the verb "leave" states no leave application; the words for one do', () => {
  it.each<Row>([
    // At most a part-day absence: the child leaves at a time.
    { text: 'He has to leave at 2 pm tomorrow', locale: 'en', task: 'absence.report' },
    { text: 'Please leave me alone', locale: 'en', task: null },
    { text: 'I will leave the form at the office tomorrow', locale: 'en', task: null },
    { text: 'Can I leave a message for the teacher?', locale: 'en', task: null },
    { text: 'I would like to send a leave request', locale: 'en', task: 'leave.apply' },
    { text: 'Can Elsa have time off next week?', locale: 'en', task: 'leave.apply' },
    { text: 'We want to take him out of school for a trip', locale: 'en', task: 'leave.apply' },
    { text: 'leave', locale: 'en', task: 'leave.apply' },
  ])('$locale: "$text" → $task', (row) => expect(cueOf(row)).toBe(row.task));
});

describe('a trip is a trip word, not the end of a name (Teresa, Theresa)', () => {
  it.each<Row>([
    { text: 'Theresa har en fråga om schemat', locale: 'sv', task: null },
    { text: 'Teresa är på skolan', locale: 'sv', task: null },
    { text: 'Theresa has a question about the timetable', locale: 'en', task: null },
    { text: 'Vi ska på skidresa vecka 7', locale: 'sv', task: 'leave.apply' },
    { text: 'Elsa ska på utlandsresa i mars', locale: 'sv', task: 'leave.apply' },
    { text: 'vi ska resa till Spanien', locale: 'sv', task: 'leave.apply' },
    { text: 'innebandyläger vecka 9', locale: 'sv', task: 'leave.apply' },
  ])('$locale: "$text" → $task', (row) => expect(cueOf(row)).toBe(row.task));
});

describe('coming and going at a time is an absence only when it is the child who comes or goes', () => {
  it.each<Row>([
    { text: 'Bussen kommer 8.15', locale: 'sv', task: null },
    { text: 'Skolan slutar kl 12 på fredag', locale: 'sv', task: null },
    { text: 'Fritids börjar kl 7', locale: 'sv', task: null },
    { text: 'Kommer lunchen idag', locale: 'sv', task: null },
    { text: 'I morgon slutar skolan kl 12', locale: 'sv', task: null },
    { text: 'Läraren är sjuk idag', locale: 'sv', task: null },
    { text: 'The bus comes at 8.15', locale: 'en', task: null },
    { text: 'School finishes at 12 on Friday', locale: 'en', task: null },
    { text: 'The bus is running late', locale: 'en', task: null },
    { text: 'Elsa kommer 9 idag', locale: 'sv', task: 'absence.report' },
    { text: 'elsa kommer 9 idag', locale: 'sv', task: 'absence.report' },
    { text: 'Hon går hem kl 13', locale: 'sv', task: 'absence.report' },
    { text: 'Vi kommer senare idag', locale: 'sv', task: 'absence.report' },
    { text: 'Idag går Elsa hem kl 13', locale: 'sv', task: 'absence.report' },
    { text: 'Efter lunchen kommer Elsa', locale: 'sv', task: 'absence.report' },
    { text: 'Måste hämta Elsa kl 13 idag', locale: 'sv', task: 'absence.report' },
    { text: "He'll be in at 10", locale: 'en', task: 'absence.report' },
    { text: 'Yusuf comes in after lunch', locale: 'en', task: 'absence.report' },
    { text: 'Yusuf is running late', locale: 'en', task: 'absence.report' },
  ])('$locale: "$text" → $task', (row) => expect(cueOf(row)).toBe(row.task));
});
