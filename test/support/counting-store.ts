import type { ModelStore } from '../../src/nlu/trained-model.js';

/** A model store in memory that counts what it was asked, so a test can tell a kept snapshot was read, not rebuilt. */
export function countingStore(): ModelStore & { reads: number; writes: number; files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    reads: 0,
    writes: 0,
    read(key) {
      this.reads++;
      return files.get(key);
    },
    write(key, data) {
      this.writes++;
      files.set(key, data);
    },
  };
}
