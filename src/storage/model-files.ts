import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ModelStore } from '../nlu/trained-model.js';

/** How many trained models a folder keeps (the newest): one per knowledge base and settings in use, and spares. */
const KEEP = 4;
const SUFFIX = '.model';

/**
 * Trained models as files in one folder, one per digest of what they were trained from. A file is written under
 * a temporary name and renamed, so a reader never sees half a model; a file that cannot be read is simply trained
 * again. Nothing in a model is personal: it holds weights of words from the knowledge base.
 */
export class ModelFiles implements ModelStore {
  constructor(private readonly dir: string) {}

  read(key: string): Uint8Array | undefined {
    try {
      return readFileSync(this.path(key));
    } catch {
      return undefined;
    }
  }

  write(key: string, data: Uint8Array): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      const temporary = `${this.path(key)}.${process.pid}.tmp`;
      writeFileSync(temporary, data);
      renameSync(temporary, this.path(key));
      this.prune();
    } catch {
      // A model that cannot be kept is trained again at the next start; the assistant works either way.
    }
  }

  private path(key: string): string {
    return join(this.dir, `${key}${SUFFIX}`);
  }

  /** Removes all but the newest models. */
  private prune(): void {
    const files = readdirSync(this.dir)
      .filter((name) => name.endsWith(SUFFIX))
      .map((name) => ({ name, time: statSync(join(this.dir, name)).mtimeMs }))
      .sort((a, b) => b.time - a.time);
    for (const { name } of files.slice(KEEP)) unlinkSync(join(this.dir, name));
  }
}

/** The model folder beside the database file, or none when the database is only in memory (tests). */
export function modelFilesBeside(dbPath: string): ModelFiles | undefined {
  return dbPath === ':memory:' ? undefined : new ModelFiles(join(dirname(dbPath), 'models'));
}
