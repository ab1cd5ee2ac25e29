import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** The better-sqlite3 handle type, re-exported so callers need not import the driver themselves. */
export type Database = BetterSqlite3.Database;

/** One schema change; `id` is recorded in `schema_migrations` so the change is applied exactly once per database. */
export interface Migration {
  readonly id: string;
  readonly sql: string;
}

/**
 * All schema changes, oldest first. Later features append new entries at the end (never edit or reorder
 * applied ones), so existing databases are upgraded in place on the next start.
 */
export const migrations: readonly Migration[] = [
  {
    id: '001_conversation_state',
    sql: `CREATE TABLE conversation_state (
      key TEXT PRIMARY KEY,
      etag TEXT NOT NULL,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
  },
  {
    id: '002_unanswered',
    sql: `CREATE TABLE unanswered (
      id INTEGER PRIMARY KEY,
      created_at TEXT NOT NULL,
      locale TEXT NOT NULL,
      channel TEXT NOT NULL,
      reason TEXT NOT NULL,
      text TEXT NOT NULL
    );
    CREATE INDEX unanswered_created_at ON unanswered (created_at)`,
  },
  {
    id: '003_install_secret',
    sql: `CREATE TABLE install_secret (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`,
  },
  {
    id: '004_directline',
    sql: `CREATE TABLE directline_conversation (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX directline_conversation_updated_at ON directline_conversation (updated_at);
    CREATE TABLE directline_activity (
      conversation_id TEXT NOT NULL REFERENCES directline_conversation (id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      activity TEXT NOT NULL,
      PRIMARY KEY (conversation_id, seq)
    )`,
  },
  {
    id: '005_sms_number',
    sql: `CREATE TABLE sms_number (
      number_key TEXT PRIMARY KEY,
      opted_out_at TEXT,
      pending_rest TEXT,
      updated_at TEXT NOT NULL
    )`,
  },
  {
    // Retention deletes conversations by last write (src/storage/retention.ts), without scanning the table.
    id: '006_conversation_state_updated_at',
    sql: 'CREATE INDEX conversation_state_updated_at ON conversation_state (updated_at)',
  },
];

/**
 * Applies every migration not yet recorded, each in its own IMMEDIATE transaction (so two processes starting
 * at once cannot both apply the same one, and a failing migration leaves no half-applied schema).
 * Exported so tests can apply custom lists; `openDatabase` calls it with `migrations`.
 */
export function applyMigrations(db: Database, list: readonly Migration[] = migrations): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`);
  const isApplied = db.prepare<[string], { id: string }>('SELECT id FROM schema_migrations WHERE id = ?');
  const markApplied = db.prepare<[string, string]>('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  const applied: string[] = [];
  for (const migration of list) {
    const apply = db.transaction(() => {
      if (isApplied.get(migration.id) !== undefined) return;
      db.exec(migration.sql);
      markApplied.run(migration.id, new Date().toISOString());
      applied.push(migration.id);
    });
    apply.immediate();
  }
  return applied;
}

/** True for paths that SQLite keeps in memory (no file, no directory, no WAL). */
function isInMemory(path: string): boolean {
  return path === ':memory:' || path === '' || path.startsWith('file::memory:');
}

/**
 * Opens (creating if needed) the assistant's SQLite database with safe defaults and an up-to-date schema,
 * so every feature can assume its tables exist. Pass ':memory:' for tests.
 */
export function openDatabase(path: string): Database {
  const inMemory = isInMemory(path);
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    if (!inMemory) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    applyMigrations(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
