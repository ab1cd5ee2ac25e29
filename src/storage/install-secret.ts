import { randomBytes } from 'node:crypto';
import type { Database } from './database.js';

/**
 * A random secret of this installation, created on first use and kept in the database, so what it signs or keys
 * (web chat tokens, SMS conversation ids) stays valid across restarts without anyone having to configure it.
 * Several processes sharing the database agree on it: the first insert wins.
 */
export function installSecret(db: Database, name: string): Buffer {
  db.prepare('INSERT OR IGNORE INTO install_secret (name, value, created_at) VALUES (?, ?, ?)').run(
    name,
    randomBytes(32).toString('base64'),
    new Date().toISOString(),
  );
  const row = db.prepare<[string], { value: string }>('SELECT value FROM install_secret WHERE name = ?').get(name);
  if (row === undefined) throw new Error(`The install secret "${name}" could not be stored.`);
  return Buffer.from(row.value, 'base64');
}
