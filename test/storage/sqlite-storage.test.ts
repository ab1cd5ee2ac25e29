import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { SqliteStorage } from '../../src/storage/sqlite-storage.js';

const opened: Database[] = [];
const tempDirs: string[] = [];

function memoryStorage(): SqliteStorage {
  const db = openDatabase(':memory:');
  opened.push(db);
  return new SqliteStorage(db);
}

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SqliteStorage', () => {
  it('reads back what was written, with an eTag, and omits unknown keys', async () => {
    const storage = memoryStorage();
    await storage.write({ 'conv/1': { dialogStack: [{ id: 'faq' }], locale: 'sv', name: 'Åsa Öberg' } });
    const items = await storage.read(['conv/1', 'conv/missing']);
    expect(Object.keys(items)).toEqual(['conv/1']);
    expect(items['conv/1']).toMatchObject({ dialogStack: [{ id: 'faq' }], locale: 'sv', name: 'Åsa Öberg' });
    expect(typeof items['conv/1']?.eTag).toBe('string');
  });

  it('assigns a new eTag on every write', async () => {
    const storage = memoryStorage();
    await storage.write({ k: { n: 1 } });
    const first = (await storage.read(['k']))['k']?.eTag;
    await storage.write({ k: { n: 2, eTag: first } });
    const second = (await storage.read(['k']))['k'];
    expect(second).toMatchObject({ n: 2 });
    expect(second?.eTag).not.toBe(first);
  });

  it('rejects a write with a stale eTag and keeps the newer state (no lost update)', async () => {
    const storage = memoryStorage();
    await storage.write({ k: { n: 1 } });
    const stale = (await storage.read(['k']))['k'];
    await storage.write({ k: { ...stale, n: 2 } });
    await expect(storage.write({ k: { ...stale, n: 3 } })).rejects.toThrow(
      'Storage: error writing "k" due to eTag conflict.',
    );
    expect((await storage.read(['k']))['k']).toMatchObject({ n: 2 });
  });

  it('writes arriving together are committed together, and a stale one fails alone', async () => {
    const storage = memoryStorage();
    await storage.write({ a: { n: 1 }, c: { n: 1 } });
    const { a, c } = await storage.read(['a', 'c']);
    const results = await Promise.allSettled([
      storage.write({ a: { n: 2, eTag: a?.eTag } }),
      storage.write({ b: { n: 2 }, c: { n: 2, eTag: 'stale' } }),
      storage.write({ d: { n: 2 } }),
      storage.write({ c: { n: 3, eTag: c?.eTag } }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const stored = await storage.read(['a', 'b', 'c', 'd']);
    expect(Object.fromEntries(Object.entries(stored).map(([key, item]) => [key, item.n]))).toEqual({
      a: 2,
      c: 3,
      d: 2,
    });
  });

  it('saves nothing from a batch that contains a conflict', async () => {
    const storage = memoryStorage();
    await storage.write({ a: { n: 1 } });
    await expect(storage.write({ b: { n: 1 }, a: { n: 9, eTag: 'not-the-current-one' } })).rejects.toThrow(
      /eTag conflict/,
    );
    expect(await storage.read(['b'])).toEqual({});
    expect((await storage.read(['a']))['a']).toMatchObject({ n: 1 });
  });

  it("overwrites regardless of the stored eTag when the item has eTag '*' or none", async () => {
    const storage = memoryStorage();
    await storage.write({ k: { n: 1 } });
    await storage.write({ k: { n: 2, eTag: '*' } });
    expect((await storage.read(['k']))['k']).toMatchObject({ n: 2 });
    await storage.write({ k: { n: 3 } });
    expect((await storage.read(['k']))['k']).toMatchObject({ n: 3 });
  });

  it('deletes keys and ignores unknown ones', async () => {
    const storage = memoryStorage();
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    await storage.delete(['a', 'nope']);
    const items = await storage.read(['a', 'b']);
    expect(Object.keys(items)).toEqual(['b']);
  });

  it('keeps conversation state across a restart (close and re-open the database file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-assistant-'));
    tempDirs.push(dir);
    const file = join(dir, 'nested', 'state.db');

    const before = openDatabase(file);
    await new SqliteStorage(before).write({ 'conv/42': { step: 'ask-class', locale: 'en' } });
    const written = (await new SqliteStorage(before).read(['conv/42']))['conv/42'];
    before.close();

    const after = openDatabase(file);
    opened.push(after);
    const storage = new SqliteStorage(after);
    const restored = (await storage.read(['conv/42']))['conv/42'];
    expect(restored).toEqual(written);
    // The restored eTag is still valid for optimistic concurrency after the restart.
    await storage.write({ 'conv/42': { ...restored, step: 'done' } });
    expect((await storage.read(['conv/42']))['conv/42']).toMatchObject({ step: 'done' });
  });
});
