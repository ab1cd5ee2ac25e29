/**
 * Seeds the fictitious demo school into the embedded backend's tables, so the assistant can be tried end to
 * end without a school system. Meeting slots are laid out relative to the clock (the next two weeks'
 * weekdays), and every start of a demo extends them to two weeks ahead again, so a long-running demo can still
 * book meetings.
 */
import type { Database } from '../../storage/database.js';
import { addDays, stockholmDate, stockholmInstant, systemClock, weekday, type Clock } from '../../time/stockholm.js';
import { EmbeddedSchoolBackend } from './backend.js';
import { DEMO, LESSON_BLOCKS, TIMETABLES, type DemoClass } from './demo-data.js';
import { applySchoolMigrations } from './schema.js';

export { DEMO, type DemoAccount, type DemoChildKey, type DemoClass, type DemoGuardianKey } from './demo-data.js';

/** Every `HH:MM` from `first` to `last` inclusive, `step` minutes apart. */
function timesOfDay(first: string, last: string, step: number): string[] {
  const minutes = (time: string) => {
    const [hour = 0, minute = 0] = time.split(':').map(Number);
    return hour * 60 + minute;
  };
  const times: string[] = [];
  for (let at = minutes(first); at <= minutes(last); at += step) {
    times.push(`${String(Math.floor(at / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}`);
  }
  return times;
}

/** The weekdays (Mon–Fri) among the `days` days after `today`, in order. */
function meetingDays(today: string, days: number): string[] {
  const dates: string[] = [];
  for (let offset = 1; offset <= days; offset++) {
    const date = addDays(today, offset);
    if (weekday(date) <= 5) dates.push(date);
  }
  return dates;
}

/** A slot's id: readable and stable for a given seeding day, e.g. `slot-ekbacken5c-2026-11-27-1400`. */
function slotId(classKey: string, date: string, time: string): string {
  return `slot-${classKey.toLowerCase()}-${date}-${time.replace(':', '')}`;
}

function insertPeopleAndPlaces(db: Database): void {
  const school = db.prepare('INSERT INTO school_schools (id, name, timetable_in_infomentor) VALUES (?, ?, ?)');
  for (const s of Object.values(DEMO.schools)) school.run(s.id, s.name, s.timetableInInfoMentor ? 1 : 0);

  const child = db.prepare(
    'INSERT INTO school_children (id, name, class_name, school_id, after_school_care) VALUES (?, ?, ?, ?, ?)',
  );
  for (const c of Object.values(DEMO.children)) {
    const klass: DemoClass = DEMO.classes[c.class];
    child.run(c.id, c.name, klass.className, DEMO.schools[klass.school].id, c.afterSchoolCare ? 1 : 0);
  }

  const guardian = db.prepare('INSERT INTO school_guardians (id, name) VALUES (?, ?)');
  const link = db.prepare('INSERT INTO school_guardian_children (guardian_id, child_id) VALUES (?, ?)');
  for (const g of Object.values(DEMO.guardians)) {
    guardian.run(g.id, g.name);
    for (const key of g.children) link.run(g.id, DEMO.children[key].id);
  }

  const account = db.prepare(
    'INSERT INTO school_accounts (kind, account_id, guardian_id, verification) VALUES (?, ?, ?, ?)',
  );
  for (const a of DEMO.accounts) account.run(a.kind, a.accountId, DEMO.guardians[a.guardian].id, a.verification);
}

function insertTimetables(db: Database): void {
  const lesson = db.prepare(
    `INSERT INTO school_lessons (school_id, class_name, weekday, start_time, end_time, subject)
      VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const [key, klass] of Object.entries(DEMO.classes) as [keyof typeof DEMO.classes, DemoClass][]) {
    const week = TIMETABLES[key];
    if (week === undefined) continue;
    week.forEach((subjects, dayIndex) => {
      subjects.forEach((subject, block) => {
        const times = LESSON_BLOCKS[block];
        if (times === undefined) return;
        lesson.run(DEMO.schools[klass.school].id, klass.className, dayIndex + 1, times[0], times[1], subject);
      });
    });
  }
}

/** Adds the slots of the next two weeks that are not there yet (slot ids are stable per class, day and time). */
function extendMeetingSlots(db: Database, now: Date): string[] {
  const slot = db.prepare(
    `INSERT OR IGNORE INTO school_meeting_slots (id, school_id, class_name, teacher, start, minutes, place, online)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const { days, first, last, minutes, onlineFrom } = DEMO.slots;
  const dates = meetingDays(stockholmDate(now), days);
  for (const [key, klass] of Object.entries(DEMO.classes) as [string, DemoClass][]) {
    if (!klass.meetingSlots) continue;
    for (const date of dates) {
      for (const time of timesOfDay(first, last, minutes)) {
        const online = time >= onlineFrom;
        const start = stockholmInstant(date, time).toISOString();
        slot.run(
          slotId(key, date, time),
          DEMO.schools[klass.school].id,
          klass.className,
          klass.teacher,
          start,
          minutes,
          online ? null : klass.room,
          online ? 1 : 0,
        );
      }
    }
  }
  return dates;
}

function insertMeetingSlots(db: Database, now: Date): void {
  const dates = extendMeetingSlots(db, now);
  const { booking } = DEMO;
  const child = DEMO.children[booking.child];
  const date = dates[booking.weekdayNumber - 1];
  if (date === undefined) return;
  db.prepare(
    `INSERT INTO school_bookings (id, child_id, slot_id, booked_by, created_at, cancelled_at)
      VALUES (?, ?, ?, ?, ?, NULL)`,
  ).run(
    booking.id,
    child.id,
    slotId(child.class, date, booking.time),
    DEMO.guardians[booking.guardian].id,
    now.toISOString(),
  );
}

/**
 * Seeds the demo school (schools, people, accounts, timetables, meeting slots and Lena's booking) when the
 * school tables are empty, relative to `clock`. Returns whether it seeded: a second call, or a database that
 * already holds school data, is left untouched.
 */
export function seedDemoSchool(db: Database, clock: Clock = systemClock): boolean {
  applySchoolMigrations(db);
  const seed = db.transaction(() => {
    const existing = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM school_schools').get();
    if ((existing?.n ?? 0) > 0) return false;
    insertPeopleAndPlaces(db);
    insertTimetables(db);
    insertMeetingSlots(db, clock());
    return true;
  });
  return seed.immediate();
}

/** Keeps an existing demo school bookable: slots for the next two weeks are added where missing. */
export function extendDemoSlots(db: Database, clock: Clock = systemClock): void {
  const demo = db.prepare<[string], { id: string }>('SELECT id FROM school_guardians WHERE id = ?');
  if (demo.get(DEMO.guardians.anna.id) === undefined) return;
  db.transaction(() => extendMeetingSlots(db, clock())).immediate();
}

/**
 * The embedded backend ready to use: migrations applied and, with `demo`, the demo school seeded on first start.
 * The one entry point the composition root needs.
 */
export function openEmbeddedBackend(
  db: Database,
  clock: Clock = systemClock,
  options: { demo: boolean } = { demo: false },
): EmbeddedSchoolBackend {
  const backend = new EmbeddedSchoolBackend(db, clock);
  if (options.demo && !seedDemoSchool(db, clock)) extendDemoSlots(db, clock);
  return backend;
}
