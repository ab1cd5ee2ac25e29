import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations, migrations, openDatabase } from '../../src/storage/database.js';

const tempDirs: string[] = [];

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-assistant-'));
  tempDirs.push(dir);
  return join(dir, 'data', 'assistant.db');
}

afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates the parent directory, uses WAL and applies every migration once', () => {
    const file = tempFile();
    const first = openDatabase(file);
    expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.pragma('foreign_keys', { simple: true })).toBe(1);
    first
      .prepare(
        "INSERT INTO unanswered (created_at, locale, channel, reason, text) VALUES ('t', 'sv', 'web', 'abstained', 'x')",
      )
      .run();
    first.close();

    // Re-opening (a restart) must neither fail on existing tables nor lose data.
    const second = openDatabase(file);
    const ids = second.prepare<[], { id: string }>('SELECT id FROM schema_migrations ORDER BY id').all();
    expect(ids.map((r) => r.id).sort()).toEqual(migrations.map((m) => m.id).sort());
    expect(applyMigrations(second)).toEqual([]);
    expect(second.prepare('SELECT count(*) AS n FROM unanswered').get()).toEqual({ n: 1 });
    second.close();
  });

  it('works in memory with the full schema', () => {
    const db = openDatabase(':memory:');
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name")
      .all()
      .map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['conversation_state', 'unanswered', 'unanswered_created_at']));
    db.close();
  });

  it('applies a newly appended migration on the next start, and rolls back a failing one', () => {
    const file = tempFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    const extra = [...migrations, { id: '999_test', sql: 'CREATE TABLE extra (id INTEGER PRIMARY KEY)' }];
    expect(applyMigrations(db, extra)).toEqual(['999_test']);
    expect(applyMigrations(db, extra)).toEqual([]);

    const broken = [
      ...extra,
      { id: '1000_broken', sql: 'CREATE TABLE half (id INTEGER); SELECT nonsense FROM nowhere' },
    ];
    expect(() => applyMigrations(db, broken)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare("SELECT id FROM schema_migrations WHERE id = '1000_broken'").get()).toBeUndefined();
    db.close();
  });
});
