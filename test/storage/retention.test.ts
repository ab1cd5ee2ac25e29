import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { purgeExpired, schedulePurge } from '../../src/storage/retention.js';
import { SqliteStorage } from '../../src/storage/sqlite-storage.js';
import { UnansweredStore } from '../../src/triage/unanswered-store.js';
import { chatAs, said, text, TestClock, worldsAt } from '../dialogs/harness.js';
import { testSettings } from '../support/fixtures.js';

const DAY = 86_400_000;
/** Monday 2 November 2026, 09:00 in Stockholm. */
const MONDAY = '2026-11-02T08:00:00Z';
const opened: Database[] = [];

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  vi.useRealTimers();
});

function database(): Database {
  const db = openDatabase(':memory:');
  opened.push(db);
  return db;
}

describe('purgeExpired', () => {
  it('deletes conversations not written to within the limit and questions older than theirs; keeps the rest', async () => {
    const db = database();
    const clock = new TestClock(MONDAY);
    const storage = new SqliteStorage(db, clock.now);
    const questions = new UnansweredStore(db);
    await storage.write({ 'webchat/conversations/old': { hub: { locale: 'sv' } } });
    questions.record({
      text: 'Vad blir det för lunch?',
      locale: 'sv',
      channel: 'webchat',
      reason: 'abstained',
      at: clock.now(),
    });
    clock.advance(20 * DAY);
    await storage.write({ 'webchat/conversations/recent': { hub: { locale: 'en' } } });
    questions.record({
      text: 'When is the school photo?',
      locale: 'en',
      channel: 'sms',
      reason: 'abstained',
      at: clock.now(),
    });
    // An SMS number's opt-out is not conversation state: it must outlive every limit.
    db.prepare("INSERT INTO sms_number (number_key, opted_out_at, updated_at) VALUES ('k', ?, ?)").run(MONDAY, MONDAY);

    clock.advance(15 * DAY); // 35 days after the first writes, 15 after the second
    expect(purgeExpired(db, { stateDays: 30, unansweredDays: 30 }, clock.now())).toEqual({
      conversations: 1,
      unanswered: 1,
    });
    expect(Object.keys(await storage.read(['webchat/conversations/old', 'webchat/conversations/recent']))).toEqual([
      'webchat/conversations/recent',
    ]);
    expect(questions.list().map((q) => q.text)).toEqual(['When is the school photo?']);
    expect(db.prepare('SELECT count(*) AS n FROM sms_number').get()).toEqual({ n: 1 });

    // Each kind has its own limit.
    clock.advance(20 * DAY);
    expect(purgeExpired(db, { stateDays: 365, unansweredDays: 30 }, clock.now())).toEqual({
      conversations: 0,
      unanswered: 1,
    });
  });

  it('a conversation that is written to again is kept from its latest write', async () => {
    const db = database();
    const clock = new TestClock(MONDAY);
    const storage = new SqliteStorage(db, clock.now);
    await storage.write({ c: { n: 1 } });
    clock.advance(25 * DAY);
    await storage.write({ c: { n: 2 } });
    clock.advance(25 * DAY);
    expect(purgeExpired(db, { stateDays: 30, unansweredDays: 30 }, clock.now()).conversations).toBe(0);
    expect((await storage.read(['c']))['c']).toMatchObject({ n: 2 });
  });
});

describe('a guardian who comes back after the retention', () => {
  const world = worldsAt(MONDAY);

  it('starts afresh after HUB_STATE_RETENTION_DAYS; a conversation used recently goes on where it was', async () => {
    const w = world();
    expect(testSettings().HUB_STATE_RETENTION_DAYS).toBe(30);
    const old = chatAs(w, 'demo-anna', 'sv');
    const recent = chatAs(w, 'demo-anna', 'sv');
    const askChild = text(w, 'sv', 'absence.askChild');
    expect(said(await old.send('Jag vill anmäla frånvaro'))).toContain(askChild);
    w.clock.advance(25 * DAY);
    expect(said(await recent.send('Jag vill anmäla frånvaro'))).toContain(askChild);
    w.clock.advance(10 * DAY);

    expect(w.assistant.purgeExpired()).toEqual({ conversations: 1, unanswered: 0 });
    // The recent conversation is still at "which child?"; the old one has no open question to answer.
    expect(said(await recent.send('1'))).toContain(text(w, 'sv', 'absence.askDay', { names: 'Elsa' }));
    // "1" picks the first child only where the question is still open.
    const forgotten = said(await old.send('1'));
    expect(forgotten).not.toContain(text(w, 'sv', 'absence.askDay', { names: 'Elsa' }));
    expect(forgotten).toContain(text(w, 'sv', 'unknown').slice(0, 30));
  });
});

describe('schedulePurge', () => {
  it('purges at once and then every interval, and a failed purge does not stop the next one', () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let runs = 0;
    const stop = schedulePurge(
      () => {
        runs++;
        if (runs === 2) throw new Error('database is locked');
      },
      (error) => errors.push(error),
      1000,
    );
    expect(runs).toBe(1);
    vi.advanceTimersByTime(3000);
    expect(runs).toBe(4);
    expect(errors).toHaveLength(1);
    stop();
    vi.advanceTimersByTime(5000);
    expect(runs).toBe(4);
  });
});
