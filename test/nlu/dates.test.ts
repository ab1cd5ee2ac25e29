import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  findDate,
  findDateRange,
  findPartOfDay,
  formatDate,
  formatDateRange,
  formatInstant,
  formatTime,
  isWholeDay,
  LUNCH,
} from '../../src/nlu/dates.js';
import type { PartOfDay } from '../../src/nlu/dates.js';
import type { Locale } from '../../src/nlu/types.js';
import { isoWeek, isoWeekMonday, stockholmInstant } from '../../src/time/stockholm.js';

/** Fixed "now"s, with what Stockholm's clock shows then. */
const NOW = {
  /** Wednesday 25 November 2026, 11:00 CET. */
  wednesday: new Date('2026-11-25T10:00:00Z'),
  /** Friday 27 November 2026, 11:00 CET: tomorrow is a Saturday. */
  friday: new Date('2026-11-27T10:00:00Z'),
  /** Thursday 31 December 2026, 13:00 CET (ISO week 53 of 2026). */
  newYearsEve: new Date('2026-12-31T12:00:00Z'),
  /** Sunday 29 March 2026, 00:30 CET: clocks go forward at 02:00 that night. */
  springForward: new Date('2026-03-28T23:30:00Z'),
  /** Sunday 25 October 2026, 00:30 CEST: clocks go back at 03:00 that night. */
  fallBack: new Date('2026-10-24T22:30:00Z'),
  /** Sunday 25 October 2026, 23:30 CET, after the change. */
  fallBackEvening: new Date('2026-10-25T22:30:00Z'),
  /** Wednesday 25 November 23:30 UTC = Thursday 26 November 00:30 in Stockholm (still the 25th in New York). */
  lateEveningUtc: new Date('2026-11-25T23:30:00Z'),
  /** Thursday 12 March 2026, 13:00 CET, in the middle of "10–14 mars". */
  march12: new Date('2026-03-12T12:00:00Z'),
  /** Saturday 2 January 2027, still ISO week 53 of 2026. */
  january2: new Date('2027-01-02T12:00:00Z'),
};
type Now = keyof typeof NOW;

/** The server's zone must not matter: every table runs in each of these (and the suite itself under any TZ). */
const ZONES = ['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Stockholm', 'Pacific/Kiritimati'];

type DateCase = [text: string, now: Now, expected: string | undefined];
type RangeCase = [text: string, now: Now, expected: [string, string] | undefined];

const SWEDISH_DATES: DateCase[] = [
  ['Elsa är sjuk i morgon', 'wednesday', '2026-11-26'],
  ['Elsa är sjuk idag', 'wednesday', '2026-11-25'],
  ['i dag', 'wednesday', '2026-11-25'],
  ['imorgon', 'wednesday', '2026-11-26'],
  ['imorn', 'wednesday', '2026-11-26'],
  ['hon e sjuk imon', 'wednesday', '2026-11-26'],
  ['i morn', 'wednesday', '2026-11-26'],
  ['i övermorgon', 'wednesday', '2026-11-27'],
  ['iövermorgon', 'wednesday', '2026-11-27'],
  ['i overmorgon', 'wednesday', '2026-11-27'],
  ['han var sjuk igår', 'wednesday', '2026-11-24'],
  ['på fredag', 'wednesday', '2026-11-27'],
  ['Fredag', 'wednesday', '2026-11-27'],
  ['på onsdag', 'wednesday', '2026-12-02'],
  ['nästa måndag', 'wednesday', '2026-11-30'],
  ['nasta mandag', 'wednesday', '2026-11-30'],
  ['måndag nästa vecka', 'wednesday', '2026-11-30'],
  ['fredag nästa vecka', 'wednesday', '2026-12-04'],
  ['nästa vecka på fredag', 'wednesday', '2026-12-04'],
  ['nästa fredag', 'wednesday', '2026-12-04'],
  ['nu på fredag', 'wednesday', '2026-11-27'],
  ['sondag', 'wednesday', '2026-11-29'],
  ['lordag', 'wednesday', '2026-11-28'],
  ['hon var borta i fredags', 'wednesday', '2026-11-20'],
  ['måndag vecka 7', 'wednesday', '2027-02-15'],
  ['den 3 december', 'wednesday', '2026-12-03'],
  ['3 dec', 'wednesday', '2026-12-03'],
  ['3 dec.', 'wednesday', '2026-12-03'],
  ['den 3:e december', 'wednesday', '2026-12-03'],
  ['första december', 'wednesday', '2026-12-01'],
  ['den forsta december', 'wednesday', '2026-12-01'],
  ['3/12', 'wednesday', '2026-12-03'],
  ['3/12 2027', 'wednesday', '2027-12-03'],
  ['3/12-2027', 'wednesday', '2027-12-03'],
  ['2026-12-03', 'wednesday', '2026-12-03'],
  ['3 december 2027', 'wednesday', '2027-12-03'],
  ['kan vi ses den 15:e?', 'wednesday', '2026-12-15'],
  ['25/11', 'wednesday', '2026-11-25'],
  ['24/11', 'wednesday', '2027-11-24'],
  ['3 januari', 'wednesday', '2027-01-03'],
  ['fredag 4/12', 'wednesday', '2026-12-04'],
  ['torsdag den 3 december', 'wednesday', '2026-12-03'],
  ['3/12 kl 10', 'wednesday', '2026-12-03'],
  ['Sigge kommer kl 9.15 imorgon', 'wednesday', '2026-11-26'],
  ['möte tisdag 1/12 kl 14.30', 'wednesday', '2026-12-01'],
  ['I MORGON', 'wednesday', '2026-11-26'],
  ['kl 10 den 3/12', 'wednesday', '2026-12-03'],
  ['Hon är ledig 10–14 mars', 'wednesday', '2027-03-10'],
  ['29/2', 'wednesday', '2028-02-29'],
  // Friday: tomorrow is a Saturday, "på fredag" is next week's.
  ['i morgon', 'friday', '2026-11-28'],
  ['på fredag', 'friday', '2026-12-04'],
  ['fredag', 'friday', '2026-12-04'],
  ['idag', 'friday', '2026-11-27'],
  ['nu på fredag', 'friday', '2026-11-27'],
  ['nästa fredag', 'friday', '2026-12-04'],
  ['på måndag', 'friday', '2026-11-30'],
  // New Year's Eve.
  ['i morgon', 'newYearsEve', '2027-01-01'],
  ['3 januari', 'newYearsEve', '2027-01-03'],
  ['på fredag', 'newYearsEve', '2027-01-01'],
  ['31/12', 'newYearsEve', '2026-12-31'],
  // Daylight-saving changes and a late UTC evening.
  ['idag', 'springForward', '2026-03-29'],
  ['i morgon', 'springForward', '2026-03-30'],
  ['igår', 'springForward', '2026-03-28'],
  ['på måndag', 'springForward', '2026-03-30'],
  ['idag', 'fallBack', '2026-10-25'],
  ['i morgon', 'fallBack', '2026-10-26'],
  ['idag', 'fallBackEvening', '2026-10-25'],
  ['i morgon', 'fallBackEvening', '2026-10-26'],
  ['idag', 'lateEveningUtc', '2026-11-26'],
  ['i morgon', 'lateEveningUtc', '2026-11-27'],
  ['på fredag', 'lateEveningUtc', '2026-11-27'],
  // Not dates.
  ['jag har två barn', 'wednesday', undefined],
  ['klass 3', 'wednesday', undefined],
  ['hon går i år 7', 'wednesday', undefined],
  ['ring mig på 070-123 45 67', 'wednesday', undefined],
  ['5 elever är sjuka', 'wednesday', undefined],
  ['kl 10', 'wednesday', undefined],
  ['10.30', 'wednesday', undefined],
  ['min son är sjuk', 'wednesday', undefined],
  ['man kan inte logga in', 'wednesday', undefined],
  ['hon mår bra', 'wednesday', undefined],
  ['ledig 1/2 dag', 'wednesday', undefined],
  ['50/50', 'wednesday', undefined],
  ['vecka 7', 'wednesday', undefined],
  // Impossible dates are never shifted.
  ['31/2', 'wednesday', undefined],
  ['30 februari', 'wednesday', undefined],
  ['31 april', 'wednesday', undefined],
  ['29/2 2027', 'wednesday', undefined],
  ['2026-02-30', 'wednesday', undefined],
];

const ENGLISH_DATES: DateCase[] = [
  ['Elsa is ill tomorrow', 'wednesday', '2026-11-26'],
  ['today', 'wednesday', '2026-11-25'],
  ['tomorrow', 'wednesday', '2026-11-26'],
  ['the day after tomorrow', 'wednesday', '2026-11-27'],
  ['she was ill yesterday', 'wednesday', '2026-11-24'],
  ['on Friday', 'wednesday', '2026-11-27'],
  ['friday', 'wednesday', '2026-11-27'],
  ['on Wednesday', 'wednesday', '2026-12-02'],
  ['next Monday', 'wednesday', '2026-11-30'],
  ['Monday next week', 'wednesday', '2026-11-30'],
  ['next Friday', 'wednesday', '2026-12-04'],
  ['Friday next week', 'wednesday', '2026-12-04'],
  ['next week on Friday', 'wednesday', '2026-12-04'],
  ['this Friday', 'wednesday', '2026-11-27'],
  ['last Friday', 'wednesday', '2026-11-20'],
  ['Monday of week 7', 'wednesday', '2027-02-15'],
  ['3 December', 'wednesday', '2026-12-03'],
  ['December 3rd', 'wednesday', '2026-12-03'],
  ['Dec 3', 'wednesday', '2026-12-03'],
  ['on the 3rd of December', 'wednesday', '2026-12-03'],
  ['3/12', 'wednesday', '2026-12-03'],
  ['3/12/2027', 'wednesday', '2027-12-03'],
  ['2026-12-03', 'wednesday', '2026-12-03'],
  ['Friday 4 December', 'wednesday', '2026-12-04'],
  ['3/12 at 10', 'wednesday', '2026-12-03'],
  ['Leaving early on Friday at 2pm', 'wednesday', '2026-11-27'],
  ['Mon 7th Dec', 'wednesday', '2026-12-07'],
  ['TOMORROW', 'wednesday', '2026-11-26'],
  ['3 January', 'wednesday', '2027-01-03'],
  ['24/11', 'wednesday', '2027-11-24'],
  ['Dec 28', 'wednesday', '2026-12-28'],
  ['29/2', 'wednesday', '2028-02-29'],
  ['tomorrow', 'friday', '2026-11-28'],
  ['on Friday', 'friday', '2026-12-04'],
  ['today', 'friday', '2026-11-27'],
  ['this Friday', 'friday', '2026-11-27'],
  ['next Friday', 'friday', '2026-12-04'],
  ['on Monday', 'friday', '2026-11-30'],
  ['tomorrow', 'newYearsEve', '2027-01-01'],
  ['3 January', 'newYearsEve', '2027-01-03'],
  ['on Friday', 'newYearsEve', '2027-01-01'],
  ['today', 'springForward', '2026-03-29'],
  ['tomorrow', 'springForward', '2026-03-30'],
  ['yesterday', 'springForward', '2026-03-28'],
  ['on Monday', 'springForward', '2026-03-30'],
  ['today', 'fallBack', '2026-10-25'],
  ['tomorrow', 'fallBack', '2026-10-26'],
  ['today', 'fallBackEvening', '2026-10-25'],
  ['tomorrow', 'fallBackEvening', '2026-10-26'],
  ['today', 'lateEveningUtc', '2026-11-26'],
  ['tomorrow', 'lateEveningUtc', '2026-11-27'],
  ['I have two kids', 'wednesday', undefined],
  ['she is in class 3', 'wednesday', undefined],
  ['he is in year 7', 'wednesday', undefined],
  ['call me on 070-123 45 67', 'wednesday', undefined],
  ['5 pupils are ill', 'wednesday', undefined],
  ['at 10', 'wednesday', undefined],
  ['the sun is shining', 'wednesday', undefined],
  ['I sat with her', 'wednesday', undefined],
  ['off for 1/2 day', 'wednesday', undefined],
  ['in March', 'wednesday', undefined],
  ['week 7', 'wednesday', undefined],
  ['31/2', 'wednesday', undefined],
  ['30 February', 'wednesday', undefined],
  ['February 30', 'wednesday', undefined],
  ['31 April', 'wednesday', undefined],
  ['29/2/2027', 'wednesday', undefined],
];

const SWEDISH_RANGES: RangeCase[] = [
  ['10–14 mars', 'wednesday', ['2027-03-10', '2027-03-14']],
  ['10-14 mars', 'wednesday', ['2027-03-10', '2027-03-14']],
  ['10 - 14 mars', 'wednesday', ['2027-03-10', '2027-03-14']],
  ['10-14/3', 'wednesday', ['2027-03-10', '2027-03-14']],
  ['från 10 till 14 mars', 'wednesday', ['2027-03-10', '2027-03-14']],
  ['fran den 10 till den 14 mars', 'wednesday', ['2027-03-10', '2027-03-14']],
  ['fr.o.m. 10 t.o.m. 14 mars', 'wednesday', ['2027-03-10', '2027-03-14']],
  ['10 mars till 14 mars', 'wednesday', ['2027-03-10', '2027-03-14']],
  ['mellan 3/3 och 7/3', 'wednesday', ['2027-03-03', '2027-03-07']],
  ['mellan den 3 och 7 mars', 'wednesday', ['2027-03-03', '2027-03-07']],
  ['28 februari–3 mars', 'wednesday', ['2027-02-28', '2027-03-03']],
  ['28 dec–3 jan', 'wednesday', ['2026-12-28', '2027-01-03']],
  // Ends before it starts: kept as written (not a year-long range), so the guardian can be told.
  ['14 mars–10 mars', 'wednesday', ['2027-03-14', '2027-03-10']],
  ['14/3–10/3', 'wednesday', ['2027-03-14', '2027-03-10']],
  ['10–14 mars 2028', 'wednesday', ['2028-03-10', '2028-03-14']],
  ['vecka 7', 'wednesday', ['2027-02-15', '2027-02-19']],
  ['v. 7', 'wednesday', ['2027-02-15', '2027-02-19']],
  ['v7', 'wednesday', ['2027-02-15', '2027-02-19']],
  ['v 7–8', 'wednesday', ['2027-02-15', '2027-02-26']],
  ['vecka 48', 'wednesday', ['2026-11-23', '2026-11-27']],
  ['vecka 47', 'wednesday', ['2027-11-22', '2027-11-26']],
  ['nästa vecka', 'wednesday', ['2026-11-30', '2026-12-04']],
  ['nasta vecka', 'wednesday', ['2026-11-30', '2026-12-04']],
  ['den här veckan', 'wednesday', ['2026-11-23', '2026-11-27']],
  ['resten av veckan', 'wednesday', ['2026-11-25', '2026-11-27']],
  ['från idag till fredag', 'wednesday', ['2026-11-25', '2026-11-27']],
  ['idag och imorgon', 'wednesday', ['2026-11-25', '2026-11-26']],
  ['idag och på fredag', 'wednesday', ['2026-11-25', '2026-11-25']],
  ['mån–fre', 'wednesday', ['2026-11-30', '2026-12-04']],
  ['från måndag till onsdag', 'wednesday', ['2026-11-30', '2026-12-02']],
  ['torsdag–fredag nästa vecka', 'wednesday', ['2026-12-03', '2026-12-04']],
  ['måndag-tisdag vecka 7', 'wednesday', ['2027-02-15', '2027-02-16']],
  ['ledig 23/12-8/1', 'wednesday', ['2026-12-23', '2027-01-08']],
  ['julledigt från 21 december t.o.m. 8 januari', 'wednesday', ['2026-12-21', '2027-01-08']],
  ['Ansöker om ledighet 3-7 maj', 'wednesday', ['2027-05-03', '2027-05-07']],
  ['i morgon', 'wednesday', ['2026-11-26', '2026-11-26']],
  ['14–10 mars', 'wednesday', undefined],
  ['30 februari–3 mars', 'wednesday', undefined],
  ['vecka 54', 'wednesday', undefined],
  ['jag har två barn', 'wednesday', undefined],
  ['10–14 mars', 'march12', ['2026-03-10', '2026-03-14']],
  ['vecka 1', 'newYearsEve', ['2027-01-04', '2027-01-08']],
  ['vecka 53', 'newYearsEve', ['2026-12-28', '2027-01-01']],
  ['nästa vecka', 'newYearsEve', ['2027-01-04', '2027-01-08']],
  ['28 dec–3 jan', 'newYearsEve', ['2026-12-28', '2027-01-03']],
  ['från 28 december till 3 januari', 'newYearsEve', ['2026-12-28', '2027-01-03']],
  ['28 dec–3 jan', 'january2', ['2026-12-28', '2027-01-03']],
  ['vecka 53', 'january2', ['2026-12-28', '2027-01-01']],
];

const ENGLISH_RANGES: RangeCase[] = [
  ['10-14 March', 'wednesday', ['2027-03-10', '2027-03-14']],
  ['10–14 March', 'wednesday', ['2027-03-10', '2027-03-14']],
  ['from 10 to 14 March', 'wednesday', ['2027-03-10', '2027-03-14']],
  ['10 March to 14 March', 'wednesday', ['2027-03-10', '2027-03-14']],
  ['March 10-14', 'wednesday', ['2027-03-10', '2027-03-14']],
  ['between 3/3 and 7/3', 'wednesday', ['2027-03-03', '2027-03-07']],
  ['between 10 and 14 March', 'wednesday', ['2027-03-10', '2027-03-14']],
  ['from the 10th to the 14th of March', 'wednesday', ['2027-03-10', '2027-03-14']],
  ['28 February - 3 March', 'wednesday', ['2027-02-28', '2027-03-03']],
  ['28 Dec - 3 Jan', 'wednesday', ['2026-12-28', '2027-01-03']],
  ['Dec 28 - Jan 3', 'wednesday', ['2026-12-28', '2027-01-03']],
  ['week 7', 'wednesday', ['2027-02-15', '2027-02-19']],
  ['weeks 7-8', 'wednesday', ['2027-02-15', '2027-02-26']],
  ['next week', 'wednesday', ['2026-11-30', '2026-12-04']],
  ['this week', 'wednesday', ['2026-11-23', '2026-11-27']],
  ['the rest of the week', 'wednesday', ['2026-11-25', '2026-11-27']],
  ['from today until Friday', 'wednesday', ['2026-11-25', '2026-11-27']],
  ['today and tomorrow', 'wednesday', ['2026-11-25', '2026-11-26']],
  ['Monday to Wednesday', 'wednesday', ['2026-11-30', '2026-12-02']],
  ['Thursday to Friday next week', 'wednesday', ['2026-12-03', '2026-12-04']],
  ['off sick from Monday to Wednesday next week', 'wednesday', ['2026-11-30', '2026-12-02']],
  ['leave 3/4-7/4', 'wednesday', ['2027-04-03', '2027-04-07']],
  ['holiday 21 Dec to 8 Jan', 'wednesday', ['2026-12-21', '2027-01-08']],
  ['Away 22-26 Feb', 'wednesday', ['2027-02-22', '2027-02-26']],
  ['tomorrow', 'wednesday', ['2026-11-26', '2026-11-26']],
  ['31/2 - 3/3', 'wednesday', undefined],
  ['I have two kids', 'wednesday', undefined],
  ['10-14 March', 'march12', ['2026-03-10', '2026-03-14']],
  ['week 1', 'newYearsEve', ['2027-01-04', '2027-01-08']],
  ['next week', 'newYearsEve', ['2027-01-04', '2027-01-08']],
  ['28 Dec - 3 Jan', 'newYearsEve', ['2026-12-28', '2027-01-03']],
];

describe.each(ZONES)('dates with the server in TZ=%s', (zone) => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('runs with the server zone in effect', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
  });

  const cases = (locale: Locale, table: DateCase[]) =>
    table.map(([text, now, expected]) => ({ locale, text, now, expected }));
  const rangeCases = (locale: Locale, table: RangeCase[]) =>
    table.map(([text, now, expected]) => ({ locale, text, now, expected }));

  it.each([...cases('sv', SWEDISH_DATES), ...cases('en', ENGLISH_DATES)])(
    'findDate($locale) "$text" on $now → $expected',
    ({ locale, text, now, expected }) => {
      expect(findDate(text, locale, NOW[now])).toBe(expected);
    },
  );

  it.each([...rangeCases('sv', SWEDISH_RANGES), ...rangeCases('en', ENGLISH_RANGES)])(
    'findDateRange($locale) "$text" on $now → $expected',
    ({ locale, text, now, expected }) => {
      const range = findDateRange(text, locale, NOW[now]);
      expect(range).toEqual(expected === undefined ? undefined : { from: expected[0], to: expected[1] });
    },
  );

  it('formats days and instants in Stockholm time', () => {
    expect(formatDate('2026-03-30', 'sv', NOW.springForward)).toBe('i morgon, måndag 30 mars');
    expect(formatDate('2026-11-26', 'en', NOW.lateEveningUtc)).toBe('today, Thursday 26 November');
    expect(formatInstant('2026-03-28T23:30:00Z', 'sv')).toBe('söndag 29 mars kl. 00.30');
    expect(formatInstant(stockholmInstant('2026-03-30', '08:00').toISOString(), 'en')).toBe('Monday 30 March at 08:00');
    expect(formatInstant('2026-10-25T00:30:00Z', 'sv')).toBe('söndag 25 oktober kl. 02.30');
    expect(formatInstant('2026-10-25T01:30:00Z', 'sv')).toBe('söndag 25 oktober kl. 02.30');
  });
});

describe('daylight-saving instants', () => {
  it('puts 08:00 on the Monday after the spring change at 06:00 UTC', () => {
    expect(stockholmInstant('2026-03-30', '08:00').toISOString()).toBe('2026-03-30T06:00:00.000Z');
    expect(findDate('i morgon', 'sv', NOW.springForward)).toBe('2026-03-30');
  });

  it('puts 08:00 on the Monday after the autumn change at 07:00 UTC', () => {
    expect(stockholmInstant('2026-10-26', '08:00').toISOString()).toBe('2026-10-26T07:00:00.000Z');
    expect(findDate('i morgon', 'sv', NOW.fallBack)).toBe('2026-10-26');
  });
});

describe('ISO weeks', () => {
  it.each([
    [2027, 1, '2027-01-04'],
    [2026, 1, '2025-12-29'],
    [2026, 53, '2026-12-28'],
    [2027, 53, undefined],
    [2026, 0, undefined],
  ])('ISO year %i, week %i starts on %s', (year, week, monday) => {
    expect(isoWeekMonday(year, week)).toBe(monday);
  });

  it.each([
    ['2026-12-31', { year: 2026, week: 53 }],
    ['2027-01-03', { year: 2026, week: 53 }],
    ['2027-01-04', { year: 2027, week: 1 }],
    ['2025-12-29', { year: 2026, week: 1 }],
  ])('%s is in %o', (date, expected) => {
    expect(isoWeek(date)).toEqual(expected);
  });
});

type PartCase = [text: string, expected: PartOfDay | undefined];

const SWEDISH_PARTS: PartCase[] = [
  ['kommer efter lunch', { absentUntil: '12:00' }],
  ['Hon kommer först efter lunch', { absentUntil: '12:00' }],
  ['kommer kl 10', { absentUntil: '10:00' }],
  ['kommer kl. 10.30', { absentUntil: '10:30' }],
  ['kommer in 9.30', { absentUntil: '09:30' }],
  ['kommer 10:30', { absentUntil: '10:30' }],
  ['lämnas kl 9', { absentUntil: '09:00' }],
  ['är där till lunch', { absentFrom: '12:00' }],
  ['är i skolan till kl 13', { absentFrom: '13:00' }],
  ['går hem kl 13', { absentFrom: '13:00' }],
  ['gar hem 13', { absentFrom: '13:00' }],
  ['går hem efter lunch', { absentFrom: '12:00' }],
  ['hämtas 13.30', { absentFrom: '13:30' }],
  ['hamtas kl 2', { absentFrom: '14:00' }],
  ['slutar tidigare kl 14', { absentFrom: '14:00' }],
  ['Kl 13 går hon hem', { absentFrom: '13:00' }],
  ['på förmiddagen', { absentUntil: '12:00' }],
  ['pa formiddagen', { absentUntil: '12:00' }],
  ['före lunch', { absentUntil: '12:00' }],
  ['på eftermiddagen', { absentFrom: '12:00' }],
  ['efter lunch', { absentFrom: '12:00' }],
  ['kl 10–12', { absentFrom: '10:00', absentUntil: '12:00' }],
  ['kl. 10-12', { absentFrom: '10:00', absentUntil: '12:00' }],
  ['mellan 10 och 12', { absentFrom: '10:00', absentUntil: '12:00' }],
  ['från kl 10 till kl 12', { absentFrom: '10:00', absentUntil: '12:00' }],
  ['10.00-12.00', { absentFrom: '10:00', absentUntil: '12:00' }],
  ['från kl 13', { absentFrom: '13:00' }],
  ['borta till kl 10', { absentUntil: '10:00' }],
  ['kommer kl 10 och går hem kl 14', { absentUntil: '10:00', absentFrom: '14:00' }],
  ['Ska till läkaren 14.00 så han går hem 13.30', { absentFrom: '13:30' }],
  ['går hem vid lunch', { absentFrom: '12:00' }],
  ['kommer runt 10', { absentUntil: '10:00' }],
  ['Hämtar honom 14:15 på torsdag', { absentFrom: '14:15' }],
  ['Han börjar kl 10 imorgon', { absentUntil: '10:00' }],
  ['är på plats kl 9', { absentUntil: '09:00' }],
  ['hämtas 3/12 kl 14', { absentFrom: '14:00' }],
  ['3/12 kl 10', undefined],
  ['går hem 10/12', undefined],
  ['är borta 10-14 mars', undefined],
  ['heldag', undefined],
  ['sjuk hela dagen', undefined],
  ['jag har 2 barn', undefined],
  ['kl 10', undefined],
  ['5 elever', undefined],
  ['det kommer 2 barn', undefined],
  ['mellan 3 och 5 elever', undefined],
];

const ENGLISH_PARTS: PartCase[] = [
  ['comes in after lunch', { absentUntil: '12:00' }],
  ['arrives at 10', { absentUntil: '10:00' }],
  ['will be late, in by 10', { absentUntil: '10:00' }],
  ['arriving at 9:30', { absentUntil: '09:30' }],
  ['dropped off at 10', { absentUntil: '10:00' }],
  ['leaves at 1pm', { absentFrom: '13:00' }],
  ['goes home at 13', { absentFrom: '13:00' }],
  ['picked up at 2', { absentFrom: '14:00' }],
  ['I will pick her up at 2.30', { absentFrom: '14:30' }],
  ['She will be picked up by her grandma at 1:30', { absentFrom: '13:30' }],
  ['can she leave at 12.30?', { absentFrom: '12:30' }],
  ['She will be in at 11', { absentUntil: '11:00' }],
  ['leaving after lunch', { absentFrom: '12:00' }],
  ['she is there until lunch', { absentFrom: '12:00' }],
  ['in the morning', { absentUntil: '12:00' }],
  ['before lunch', { absentUntil: '12:00' }],
  ['in the afternoon', { absentFrom: '12:00' }],
  ['after lunch', { absentFrom: '12:00' }],
  ['from 10 to 12', { absentFrom: '10:00', absentUntil: '12:00' }],
  ['between 10 and 12', { absentFrom: '10:00', absentUntil: '12:00' }],
  ['10am-12pm', { absentFrom: '10:00', absentUntil: '12:00' }],
  ['picked up at 2 on 3/12', { absentFrom: '14:00' }],
  ['3/12 at 10', undefined],
  ['from 10 to 14 March', undefined],
  ['all day', undefined],
  ['the whole day', undefined],
  ['I have 2 kids', undefined],
  ['at 10', undefined],
];

describe('findPartOfDay', () => {
  it.each([
    ...SWEDISH_PARTS.map(([text, expected]) => ({ locale: 'sv' as const, text, expected })),
    ...ENGLISH_PARTS.map(([text, expected]) => ({ locale: 'en' as const, text, expected })),
  ])('($locale) "$text" → $expected', ({ locale, text, expected }) => {
    expect(findPartOfDay(text, locale)).toEqual(expected);
  });

  it('puts lunch at noon', () => {
    expect(LUNCH).toBe('12:00');
  });
});

describe('isWholeDay', () => {
  it.each([
    ['sv', 'heldag', true],
    ['sv', 'Hela dagen', true],
    ['sv', 'hela skoldagen', true],
    ['sv', 'halva dagen', false],
    ['sv', 'efter lunch', false],
    ['en', 'all day', true],
    ['en', 'the whole day', true],
    ['en', 'a full day', true],
    ['en', 'after lunch', false],
  ] as const)('(%s) "%s" → %s', (locale, text, expected) => {
    expect(isWholeDay(text, locale)).toBe(expected);
  });
});

describe('formatters', () => {
  it.each([
    ['2026-11-25', 'sv', 'i dag, onsdag 25 november'],
    ['2026-11-26', 'sv', 'i morgon, torsdag 26 november'],
    ['2026-11-24', 'sv', 'i går, tisdag 24 november'],
    ['2026-12-04', 'sv', 'fredag 4 december'],
    ['2027-01-04', 'sv', 'måndag 4 januari 2027'],
    ['2026-11-25', 'en', 'today, Wednesday 25 November'],
    ['2026-11-26', 'en', 'tomorrow, Thursday 26 November'],
    ['2026-12-04', 'en', 'Friday 4 December'],
    ['2027-01-04', 'en', 'Monday 4 January 2027'],
  ] as const)('formatDate %s (%s) → %s', (date, locale, expected) => {
    expect(formatDate(date, locale, NOW.wednesday)).toBe(expected);
  });

  it.each([
    ['2026-12-10', '2026-12-14', 'sv', '10–14 december'],
    ['2026-12-10', '2026-12-14', 'en', '10–14 December'],
    ['2027-03-10', '2027-03-14', 'sv', '10–14 mars 2027'],
    ['2027-02-28', '2027-03-03', 'sv', '28 februari–3 mars 2027'],
    ['2026-11-28', '2026-12-03', 'sv', '28 november–3 december'],
    ['2026-11-28', '2026-12-03', 'en', '28 November–3 December'],
    ['2026-12-28', '2027-01-03', 'sv', '28 december 2026–3 januari 2027'],
    ['2026-12-04', '2026-12-04', 'sv', 'fredag 4 december'],
    ['2026-11-26', '2026-11-26', 'en', 'tomorrow, Thursday 26 November'],
  ] as const)('formatDateRange %s–%s (%s) → %s', (from, to, locale, expected) => {
    expect(formatDateRange({ from, to }, locale, NOW.wednesday)).toBe(expected);
  });

  it('formats a range in the current year without the year', () => {
    expect(formatDateRange({ from: '2027-03-10', to: '2027-03-14' }, 'en', new Date('2027-01-10T12:00:00Z'))).toBe(
      '10–14 March',
    );
  });

  it.each([
    ['2026-12-01T13:30:00Z', 'sv', 'tisdag 1 december kl. 14.30'],
    ['2026-12-01T13:30:00Z', 'en', 'Tuesday 1 December at 14:30'],
    ['2026-07-01T12:30:00Z', 'sv', 'onsdag 1 juli kl. 14.30'],
    ['2026-11-25T23:30:00Z', 'en', 'Thursday 26 November at 00:30'],
  ] as const)('formatInstant %s (%s) → %s', (instant, locale, expected) => {
    expect(formatInstant(instant, locale)).toBe(expected);
  });

  it('rejects a string that is not an instant', () => {
    expect(() => formatInstant('not a date', 'sv')).toThrow(RangeError);
  });

  it.each([
    ['13:00', 'sv', '13.00'],
    ['13:00', 'en', '13:00'],
    ['09:30', 'sv', '09.30'],
  ] as const)('formatTime %s (%s) → %s', (time, locale, expected) => {
    expect(formatTime(time, locale)).toBe(expected);
  });
});
