import { randomUUID } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { ModelStore } from '../nlu/trained-model.js';

/** How many trained models a folder keeps (the most recently used): one per knowledge base and settings in use, and spares. */
const KEEP = 4;
const SUFFIX = '.model';
const TEMPORARY = '.tmp';
/** A temporary file older than this was left by a write that never finished (a crash): it is removed. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;

/**
 * Trained models as files in one folder, one per digest of what they were trained from. A file is written under
 * a temporary name of its own (process, thread and a random part, so two writers never share one) and renamed, so a
 * reader never sees half a model; a file that cannot be read is simply trained again. Reading a model marks it as
 * used, so the one a server runs on is never the one removed to make room. Nothing in a model is personal: it holds
 * weights of words from the knowledge base.
 */
export class ModelFiles implements ModelStore {
  /**
   * `onError` hears of a model that could not be read (other than one never kept) or kept: the assistant works
   * without it, but trains at every start, which whoever runs it should know.
   */
  constructor(
    private readonly dir: string,
    private readonly onError: ModelFilesError = () => {},
  ) {}

  read(key: string): Uint8Array | undefined {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(this.path(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.onError(error, 'read');
      return undefined;
    }
    try {
      const now = new Date();
      utimesSync(this.path(key), now, now);
    } catch {
      // A folder the assistant may read but not write: the model is used all the same.
    }
    return bytes;
  }

  write(key: string, data: Uint8Array): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      const temporary = `${this.path(key)}.${process.pid}.${threadId}.${randomUUID()}${TEMPORARY}`;
      writeFileSync(temporary, data);
      renameSync(temporary, this.path(key));
      this.prune();
    } catch (error) {
      // A model that cannot be kept is trained again at the next start; the assistant works either way.
      this.onError(error, 'write');
    }
  }

  private path(key: string): string {
    return join(this.dir, `${key}${SUFFIX}`);
  }

  /** Removes all but the most recently used models, and temporary files an unfinished write left behind. */
  private prune(): void {
    const now = Date.now();
    const files = readdirSync(this.dir).map((name) => ({ name, time: statSync(join(this.dir, name)).mtimeMs }));
    const models = files.filter(({ name }) => name.endsWith(SUFFIX)).sort((a, b) => b.time - a.time);
    const stale = files.filter(({ name, time }) => name.endsWith(TEMPORARY) && now - time > STALE_TEMPORARY_MS);
    for (const { name } of [...models.slice(KEEP), ...stale]) unlinkSync(join(this.dir, name));
  }
}

/**
 * The model folder the settings name: HUB_MODEL_DIR, else `models/` beside the database (none when that is only in
 * memory). One place for the rule, as the matcher and the knowledge base both keep what they worked out there.
 */
export function modelStoreFor(
  settings: { HUB_MODEL_DIR?: string | undefined; HUB_DB_PATH?: string | undefined },
  onError?: ModelFilesError,
): ModelFiles | undefined {
  if (settings.HUB_MODEL_DIR) return new ModelFiles(settings.HUB_MODEL_DIR, onError);
  return settings.HUB_DB_PATH ? modelFilesBeside(settings.HUB_DB_PATH, onError) : undefined;
}

/** The model folder beside the database file, or none when the database is only in memory (tests). */
export function modelFilesBeside(dbPath: string, onError?: ModelFilesError): ModelFiles | undefined {
  return dbPath === ':memory:' ? undefined : new ModelFiles(join(dirname(dbPath), 'models'), onError);
}

/** What `ModelFiles` tells of a model it could not read or keep. */
export type ModelFilesError = (error: unknown, action: 'read' | 'write') => void;
