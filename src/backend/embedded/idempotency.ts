import type { Database } from '../../storage/database.js';

/** The writes that take an idempotency key; a key is scoped to one guardian and one operation. */
export type IdempotentOperation = 'absence' | 'leave' | 'book' | 'change' | 'cancel';

/** How long a key is remembered: far longer than any retry, short enough that the table stays small. */
const RETENTION_MS = 7 * 24 * 3_600_000;

/**
 * Remembers the result of each keyed write, so a retried request (a double-clicked button, a resent message,
 * a timeout on the guardian's side) returns the first result instead of registering twice. Callers must use it
 * inside the same transaction as the write.
 */
export class IdempotencyStore {
  readonly #find;
  readonly #insert;
  readonly #prune;

  constructor(db: Database) {
    this.#find = db.prepare<[string, string, string], { result: string }>(
      'SELECT result FROM school_idempotency WHERE guardian_id = ? AND operation = ? AND key = ?',
    );
    this.#insert = db.prepare<[string, string, string, string, string]>(
      'INSERT INTO school_idempotency (guardian_id, operation, key, result, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.#prune = db.prepare<[string, string]>(
      'DELETE FROM school_idempotency WHERE guardian_id = ? AND created_at < ?',
    );
  }

  /** The stored result of an earlier write with this key, or undefined when the key is new. */
  find(guardianId: string, operation: IdempotentOperation, key: string): { result: unknown } | undefined {
    const row = this.#find.get(guardianId, operation, key);
    return row === undefined ? undefined : { result: JSON.parse(row.result) as unknown };
  }

  /** Records a write's result (use `null` for writes without one) and forgets this guardian's expired keys. */
  remember(guardianId: string, operation: IdempotentOperation, key: string, result: unknown, now: Date): void {
    this.#prune.run(guardianId, new Date(now.getTime() - RETENTION_MS).toISOString());
    this.#insert.run(guardianId, operation, key, JSON.stringify(result ?? null), now.toISOString());
  }
}
