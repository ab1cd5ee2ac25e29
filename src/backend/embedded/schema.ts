import { applyMigrations, type Database, type Migration } from '../../storage/database.js';

/**
 * The embedded school system's tables, kept apart from the assistant's own migrations (ids prefixed `school_`)
 * so the demo backend can live in the assistant's database, or in a file of its own, without touching
 * `storage/database.ts`. Append new entries at the end; never edit applied ones.
 */
export const schoolMigrations: readonly Migration[] = [
  {
    id: 'school_001_schema',
    sql: `CREATE TABLE school_schools (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      timetable_in_infomentor INTEGER NOT NULL
    );
    CREATE TABLE school_guardians (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL
    );
    CREATE TABLE school_children (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      class_name TEXT NOT NULL,
      school_id TEXT NOT NULL REFERENCES school_schools (id),
      after_school_care INTEGER NOT NULL
    );
    CREATE TABLE school_guardian_children (
      guardian_id TEXT NOT NULL REFERENCES school_guardians (id),
      child_id TEXT NOT NULL REFERENCES school_children (id),
      PRIMARY KEY (guardian_id, child_id)
    );
    CREATE TABLE school_accounts (
      kind TEXT NOT NULL CHECK (kind IN ('webchat', 'teams', 'phone')),
      account_id TEXT NOT NULL,
      guardian_id TEXT NOT NULL REFERENCES school_guardians (id),
      verification TEXT NOT NULL CHECK (verification IN ('strong', 'medium', 'none')),
      PRIMARY KEY (kind, account_id)
    );
    CREATE TABLE school_lessons (
      school_id TEXT NOT NULL REFERENCES school_schools (id),
      class_name TEXT NOT NULL,
      weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
      start_time TEXT NOT NULL,
      end_time TEXT NOT NULL,
      subject TEXT NOT NULL,
      PRIMARY KEY (school_id, class_name, weekday, start_time)
    );
    CREATE TABLE school_absences (
      id TEXT PRIMARY KEY,
      child_id TEXT NOT NULL REFERENCES school_children (id),
      date TEXT NOT NULL,
      from_time TEXT,
      to_time TEXT,
      reason TEXT NOT NULL,
      reported_by TEXT NOT NULL REFERENCES school_guardians (id),
      created_at TEXT NOT NULL
    );
    CREATE INDEX school_absences_child ON school_absences (child_id, date);
    CREATE TABLE school_leave_applications (
      id TEXT PRIMARY KEY,
      child_id TEXT NOT NULL REFERENCES school_children (id),
      from_date TEXT NOT NULL,
      to_date TEXT NOT NULL,
      reason TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
      applied_by TEXT NOT NULL REFERENCES school_guardians (id),
      created_at TEXT NOT NULL,
      decided_at TEXT
    );
    CREATE INDEX school_leave_applications_child ON school_leave_applications (child_id, from_date);
    CREATE TABLE school_meeting_slots (
      id TEXT PRIMARY KEY,
      school_id TEXT NOT NULL REFERENCES school_schools (id),
      class_name TEXT NOT NULL,
      teacher TEXT NOT NULL,
      start TEXT NOT NULL,
      minutes INTEGER NOT NULL,
      place TEXT,
      online INTEGER NOT NULL
    );
    CREATE INDEX school_meeting_slots_class ON school_meeting_slots (school_id, class_name, start);
    CREATE TABLE school_bookings (
      id TEXT PRIMARY KEY,
      child_id TEXT NOT NULL REFERENCES school_children (id),
      slot_id TEXT NOT NULL REFERENCES school_meeting_slots (id),
      booked_by TEXT NOT NULL REFERENCES school_guardians (id),
      created_at TEXT NOT NULL,
      cancelled_at TEXT
    );
    CREATE UNIQUE INDEX school_bookings_active_slot ON school_bookings (slot_id) WHERE cancelled_at IS NULL;
    CREATE INDEX school_bookings_child ON school_bookings (child_id);
    CREATE TABLE school_idempotency (
      guardian_id TEXT NOT NULL,
      operation TEXT NOT NULL,
      key TEXT NOT NULL,
      result TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (guardian_id, operation, key)
    )`,
  },
  {
    // Forgetting a guardian's expired keys on every write must not scan all their keys.
    id: 'school_002_idempotency_age',
    sql: 'CREATE INDEX school_idempotency_age ON school_idempotency (guardian_id, created_at)',
  },
];

/** Creates or upgrades the school tables; cheap when they are current, so every entry point may call it. */
export function applySchoolMigrations(db: Database): string[] {
  return applyMigrations(db, schoolMigrations);
}
