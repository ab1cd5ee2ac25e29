import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedSchoolBackend } from '../../src/backend/embedded/backend.js';
import { DEMO, openEmbeddedBackend, seedDemoSchool } from '../../src/backend/embedded/demo-school.js';
import { BackendError } from '../../src/backend/types.js';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { stockholmInstant, type Clock } from '../../src/time/stockholm.js';
import { describeSchoolBackendContract } from './contract.js';

describeSchoolBackendContract('embedded (SQLite in memory)', (clock) => {
  const db = openDatabase(':memory:');
  const backend = openEmbeddedBackend(db, clock, { demo: true });
  return Promise.resolve({
    backend,
    decideLeave: async (id, status) => {
      await backend.decideLeave(id, status);
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  });
});

const opened: Database[] = [];
const tempDirs: string[] = [];
const wednesday: Clock = () => stockholmInstant('2026-11-25', '10:00');

function memoryDb(): Database {
  const db = openDatabase(':memory:');
  opened.push(db);
  return db;
}

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const count = (db: Database, table: string): number =>
  db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;

describe('demo school seeding', () => {
  it('seeds once: a second call changes nothing', () => {
    const db = memoryDb();
    expect(seedDemoSchool(db, wednesday)).toBe(true);
    const tables = ['school_schools', 'school_children', 'school_accounts', 'school_lessons', 'school_meeting_slots'];
    const before = tables.map((table) => count(db, table));
    expect(seedDemoSchool(db, () => stockholmInstant('2026-12-24', '10:00'))).toBe(false);
    expect(tables.map((table) => count(db, table))).toEqual(before);
    expect(count(db, 'school_bookings')).toBe(1);
  });

  it('lays out 20-minute weekday slots over the next two weeks, 13:00–16:40 Stockholm time', async () => {
    const backend = openEmbeddedBackend(memoryDb(), wednesday, { demo: true });
    const slots = await backend.meetingSlots(DEMO.guardians.anna.id, DEMO.children.elsa.id);
    // Thursday 26 November to Wednesday 9 December: ten weekdays of 12 slots.
    expect(slots).toHaveLength(120);
    expect(slots[0]?.start).toBe(stockholmInstant('2026-11-26', '13:00').toISOString());
    expect(slots.at(-1)?.start).toBe(stockholmInstant('2026-12-09', '16:40').toISOString());
    expect(slots.every((slot) => slot.minutes === 20)).toBe(true);
  });

  it('survives a restart with a file database: data kept, nothing seeded twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-assistant-school-'));
    tempDirs.push(dir);
    const file = join(dir, 'data', 'assistant.db');

    const first = openDatabase(file);
    const backend = openEmbeddedBackend(first, wednesday, { demo: true });
    const absence = await backend.reportAbsence(DEMO.guardians.anna.id, {
      childId: DEMO.children.elsa.id,
      date: '2026-11-25',
      reason: 'ill',
      idempotencyKey: 'restart-1',
    });
    const slots = count(first, 'school_meeting_slots');
    first.close();

    const second = openDatabase(file);
    opened.push(second);
    const reopened = openEmbeddedBackend(second, () => stockholmInstant('2026-11-25', '11:00'), { demo: true });
    expect(count(second, 'school_meeting_slots')).toBe(slots);
    expect((await reopened.absences(DEMO.guardians.anna.id, DEMO.children.elsa.id)).map((a) => a.id)).toEqual([
      absence.id,
    ]);
    // The idempotency key outlives the restart too.
    const retried = await reopened.reportAbsence(DEMO.guardians.anna.id, {
      childId: DEMO.children.elsa.id,
      date: '2026-11-25',
      reason: 'ill',
      idempotencyKey: 'restart-1',
    });
    expect(retried).toEqual(absence);
  });

  it('keeps a long-running demo bookable: a start three weeks later adds the next two weeks of slots', async () => {
    const db = memoryDb();
    openEmbeddedBackend(db, wednesday, { demo: true });
    const later = () => stockholmInstant('2026-12-16', '09:00');
    const stale = new EmbeddedSchoolBackend(db, later);
    // Without extending, the seeded slots are all in the past by now.
    expect(await stale.meetingSlots(DEMO.guardians.anna.id, DEMO.children.elsa.id)).toEqual([]);
    const reopened = openEmbeddedBackend(db, later, { demo: true });
    const slots = await reopened.meetingSlots(DEMO.guardians.anna.id, DEMO.children.elsa.id);
    expect(slots[0]?.start).toBe(stockholmInstant('2026-12-17', '13:00').toISOString());
    expect(slots).toHaveLength(120);
  });

  it('does not seed without demo, and an empty backend knows nobody', async () => {
    const db = memoryDb();
    const backend = openEmbeddedBackend(db, wednesday, { demo: false });
    expect(count(db, 'school_schools')).toBe(0);
    expect(await backend.findGuardian('webchat', 'demo-anna')).toBeUndefined();
    expect(await backend.children(DEMO.guardians.anna.id)).toEqual([]);
  });
});

describe('EmbeddedSchoolBackend specifics', () => {
  function demoBackend(clock: Clock = wednesday): EmbeddedSchoolBackend {
    return openEmbeddedBackend(memoryDb(), clock, { demo: true });
  }

  it('returns the stored first result on a retry, even after the day has rolled over', async () => {
    let now = stockholmInstant('2026-11-25', '23:50');
    const backend = demoBackend(() => now);
    const request = {
      childId: DEMO.children.elsa.id,
      date: '2026-11-25',
      reason: 'ill' as const,
      idempotencyKey: 'late-night',
    };
    const first = await backend.reportAbsence(DEMO.guardians.anna.id, request);
    now = stockholmInstant('2026-11-27', '00:10');
    expect(await backend.reportAbsence(DEMO.guardians.anna.id, request)).toEqual(first);
  });

  it('refuses a missing idempotency key and a malformed date', async () => {
    const backend = demoBackend();
    await expect(
      backend.reportAbsence(DEMO.guardians.anna.id, {
        childId: DEMO.children.elsa.id,
        date: '2026-11-25',
        reason: 'ill',
        idempotencyKey: '',
      }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(backend.lessons(DEMO.guardians.anna.id, DEMO.children.elsa.id, '25/11')).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('gives Ekbacken a Swedish timetable with a lunch break', async () => {
    const backend = demoBackend();
    const lessons = await backend.lessons(DEMO.guardians.anna.id, DEMO.children.elsa.id, '2026-11-25');
    expect(lessons[0]).toEqual({ start: '08:10', end: '09:00', subject: 'Svenska' });
    expect(lessons.at(-1)?.end).toBe('14:30');
    expect(lessons.some((l) => l.start < '12:15' && l.end > '11:30')).toBe(false);
    expect(await backend.lessons(DEMO.guardians.anna.id, DEMO.children.elsa.id, '2026-11-27')).toHaveLength(4);
  });

  it('decides leave only for known applications', async () => {
    const backend = demoBackend();
    await expect(backend.decideLeave('leave_nope', 'approved')).rejects.toMatchObject({ code: 'not_found' });
    const application = await backend.applyForLeave(DEMO.guardians.anna.id, {
      childId: DEMO.children.nils.id,
      from: '2026-12-01',
      to: '2026-12-01',
      reason: 'Tandläkare',
      idempotencyKey: 'leave-1',
    });
    expect(await backend.decideLeave(application.id, 'approved')).toMatchObject({ status: 'approved' });
  });

  it('reports a closed database as a plain error, not as a rule refusal', async () => {
    const db = memoryDb();
    const backend = openEmbeddedBackend(db, wednesday, { demo: true });
    db.close();
    const error: unknown = await backend.children(DEMO.guardians.anna.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(BackendError);
  });
});
