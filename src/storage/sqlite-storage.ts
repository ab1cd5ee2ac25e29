import { randomUUID } from 'node:crypto';
import type { Database } from './database.js';

/** A stored object as botbuilder sees it; declared locally so storage code does not depend on botbuilder. */
export interface StoreItem {
  eTag?: string;
  [key: string]: unknown;
}

/** Keyed items passed to / returned from storage, structurally matching botbuilder's `StoreItems`. */
export type StoreItems = Record<string, StoreItem>;

interface Row {
  key: string;
  etag: string;
  value: string;
}

/**
 * botbuilder-compatible `Storage` backed by SQLite, so conversation state survives restarts.
 * Same semantics as botbuilder's MemoryStorage (new eTag on each write, optimistic concurrency on a
 * non-'*' eTag), except that a write is atomic: on an eTag conflict no change in the batch is saved.
 */
export class SqliteStorage {
  readonly #select;
  readonly #selectEtag;
  readonly #upsert;
  readonly #remove;
  readonly #writeAll;
  readonly #deleteAll;

  /** `now` stamps each write (retention deletes conversations by their last write); tests pass a fixed clock. */
  constructor(db: Database, now: () => Date = () => new Date()) {
    this.#select = db.prepare<[string], Row>('SELECT key, etag, value FROM conversation_state WHERE key = ?');
    this.#selectEtag = db.prepare<[string], { etag: string }>('SELECT etag FROM conversation_state WHERE key = ?');
    this.#upsert = db.prepare<[string, string, string, string]>(
      `INSERT INTO conversation_state (key, etag, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.#remove = db.prepare<[string]>('DELETE FROM conversation_state WHERE key = ?');
    this.#deleteAll = db.transaction((keys: string[]) => {
      for (const key of keys) this.#remove.run(key);
    });
    this.#writeAll = db.transaction((changes: StoreItems) => {
      const writtenAt = now().toISOString();
      // botbuilder passes `any`, so check at runtime rather than trusting the declared type.
      for (const [key, item] of Object.entries(changes as Record<string, unknown>)) {
        if (typeof item !== 'object' || item === null) {
          throw new TypeError(`Storage: item for "${key}" must be an object.`);
        }
        const { eTag, ...rest } = item as StoreItem;
        if (eTag !== undefined && eTag !== '' && eTag !== '*') {
          const stored = this.#selectEtag.get(key);
          if (stored !== undefined && stored.etag !== eTag) {
            throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
          }
        }
        this.#upsert.run(key, randomUUID(), JSON.stringify(rest), writtenAt);
      }
    });
  }

  /** Returns the stored items for the keys that exist (with their current eTag); missing keys are omitted. */
  read(keys: string[]): Promise<StoreItems> {
    return Promise.resolve().then(() => {
      const items: StoreItems = {};
      for (const key of keys) {
        const row = this.#select.get(key);
        if (row === undefined) continue;
        items[key] = { ...(JSON.parse(row.value) as Record<string, unknown>), eTag: row.etag };
      }
      return items;
    });
  }

  /** Saves all changes in one transaction; rejects (saving nothing) if any item's eTag is stale. */
  write(changes: StoreItems): Promise<void> {
    return Promise.resolve().then(() => {
      this.#writeAll(changes);
    });
  }

  /** Removes the given keys; unknown keys are ignored. */
  delete(keys: string[]): Promise<void> {
    return Promise.resolve().then(() => {
      this.#deleteAll(keys);
    });
  }
}
