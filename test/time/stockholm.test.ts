import { describe, expect, it } from 'vitest';
import { stockholmDate, stockholmTime } from '../../src/time/stockholm.js';

/** What Intl itself says the Stockholm date and time of an instant are. */
const intl = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
function expected(instant: Date): { date: string; time: string } {
  const parts = Object.fromEntries(intl.formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

describe('Stockholm wall clock', () => {
  it.each([
    ['spring forward, 29 March 2026', '2026-03-29T00:00:00Z'],
    ['fall back, 25 October 2026', '2026-10-25T00:00:00Z'],
    ['new year', '2026-12-31T22:00:00Z'],
  ])('agrees with Intl minute by minute around %s', (_name, from) => {
    const start = Date.parse(from);
    for (let minute = 0; minute < 4 * 60; minute++) {
      for (const second of [0, 59]) {
        const instant = new Date(start + minute * 60_000 + second * 1000 + 999);
        expect({ date: stockholmDate(instant), time: stockholmTime(instant) }).toEqual(expected(instant));
      }
    }
  });

  it('is right at the very instants of the changes', () => {
    // 01:00 UTC: 02:00 becomes 03:00 in spring, 03:00 becomes 02:00 in autumn.
    expect(stockholmTime(new Date('2026-03-29T00:59:59Z'))).toBe('01:59');
    expect(stockholmTime(new Date('2026-03-29T01:00:00Z'))).toBe('03:00');
    expect(stockholmTime(new Date('2026-10-25T00:59:59Z'))).toBe('02:59');
    expect(stockholmTime(new Date('2026-10-25T01:00:00Z'))).toBe('02:00');
  });

  it('agrees with Intl for instants spread over many years, before 1970 too', () => {
    for (let i = 0; i < 2000; i++) {
      const instant = new Date(Date.UTC(1950, 0, 1) + i * 37_123_457_891);
      expect({ date: stockholmDate(instant), time: stockholmTime(instant) }).toEqual(expected(instant));
    }
  });

  it('refuses an invalid date instead of inventing one', () => {
    expect(() => stockholmDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
