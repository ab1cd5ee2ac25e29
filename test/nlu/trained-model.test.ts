import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetTrainedModels, IntentMatcher } from '../../src/nlu/matcher.js';
import { loadProperNouns } from '../../src/nlu/proper-nouns.js';
import type { ModelStore } from '../../src/nlu/trained-model.js';
import type { LabelledExample } from '../../src/nlu/types.js';
import { ModelFiles } from '../../src/storage/model-files.js';
import { removeTempDirs, required, tempDir, writeFile } from '../support/fixtures.js';

afterEach(() => removeTempDirs());

/** Enough examples per intent for a calibration (the matcher fits one from 40 in-scope examples up). */
const NAMES = ['Elsa', 'Olle', 'Nils', 'Maja', 'Leo', 'Ida', 'Alva', 'Vera', 'Liam', 'Saga', 'Adam', 'Ella'];
const EXAMPLES: LabelledExample[] = [
  ...NAMES.flatMap((name) => [
    { text: `${name} är sjuk idag`, intent: 'absence', locale: 'sv' as const },
    { text: `Hur anmäler jag frånvaro för ${name}?`, intent: 'absence', locale: 'sv' as const },
    { text: `Kan ${name} få ledigt för en resa?`, intent: 'leave', locale: 'sv' as const },
    { text: `Hur söker jag ledighet för ${name}?`, intent: 'leave', locale: 'sv' as const },
  ]),
  { text: 'Vad blir det för lunch i dag?', intent: null, locale: 'sv' },
  { text: 'När går skolbussen?', intent: null, locale: 'sv' },
  { text: 'Vad kostar en ny jacka?', intent: null, locale: 'sv' },
];

/** A store in memory that counts what it was asked. */
function countingStore(): ModelStore & { reads: number; writes: number; files: Map<string, Uint8Array> } {
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

const QUESTIONS = ['Tove är sjuk', 'Tove behöver ledigt nästa vecka', 'Vad är det för mat i dag?'];

describe('a trained model kept in a store', () => {
  it('is written once, and a matcher built from it answers exactly as the one that trained it', () => {
    const store = countingStore();
    const trained = IntentMatcher.build(EXAMPLES, {}, { store });
    expect(store.writes).toBe(1);
    forgetTrainedModels();
    const reloaded = IntentMatcher.build(EXAMPLES, {}, { store });
    expect(store.writes).toBe(1);
    expect(store.reads).toBe(2);
    for (const question of QUESTIONS) {
      expect(reloaded.classify(question, 'sv')).toEqual(trained.classify(question, 'sv'));
    }
    expect(reloaded.calibrationSummary).toEqual(trained.calibrationSummary);
    expect(reloaded.calibrationSummary?.minConfidence).toBe(0.5);
  });

  it('is another model for other options or other language resources', () => {
    const store = countingStore();
    IntentMatcher.build(EXAMPLES, { threshold: 0.12 }, { store });
    IntentMatcher.build(EXAMPLES, { threshold: 0.13 }, { store });
    IntentMatcher.build(EXAMPLES, { threshold: 0.13 }, { store, properNouns: new Set(['tove']) });
    expect(store.files.size).toBe(3);
  });

  it('is trained again when the stored bytes cannot be read', () => {
    const store = countingStore();
    const first = IntentMatcher.build(EXAMPLES, { threshold: 0.14 }, { store });
    const key = required([...store.files.keys()][0], 'the stored key');
    const broken = countingStore();
    broken.files.set(key, new Uint8Array([1, 2, 3]));
    forgetTrainedModels();
    const rebuilt = IntentMatcher.build(EXAMPLES, { threshold: 0.14 }, { store: broken });
    expect(broken.writes).toBe(1);
    const question = 'Tove är sjuk';
    expect(rebuilt.classify(question, 'sv').intent).toBe(first.classify(question, 'sv').intent);
  });
});

describe('ModelFiles', () => {
  it('keeps a model as a file under its key and reads it back; an unknown key reads nothing', () => {
    const dir = tempDir();
    const files = new ModelFiles(dir);
    files.write('abc', new Uint8Array([5, 6, 7]));
    expect([...(files.read('abc') ?? [])]).toEqual([5, 6, 7]);
    expect([...readFileSync(`${dir}/abc.model`)]).toEqual([5, 6, 7]);
    expect(files.read('other')).toBeUndefined();
  });

  it('keeps only the four newest models', () => {
    const files = new ModelFiles(tempDir());
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) files.write(key, new Uint8Array([1]));
    const kept = ['a', 'b', 'c', 'd', 'e', 'f'].filter((key) => files.read(key) !== undefined);
    expect(kept).toHaveLength(4);
    expect(kept).toContain('f');
  });

  it('writes nothing and throws nothing where it cannot write', () => {
    // A folder inside a file cannot be made.
    const files = new ModelFiles(join(writeFile(join(tempDir(), 'a-file'), 'x'), 'models'));
    expect(() => files.write('a', new Uint8Array([1]))).not.toThrow();
    expect(files.read('a')).toBeUndefined();
  });
});

describe('names from the dictionaries', () => {
  it.each([
    ['yusuf', true],
    ['maja', true],
    ['oliver', true],
    ['skola', false],
    ['lösenord', false],
  ])('%s is a name: %s', (word, name) => {
    expect(loadProperNouns().has(word)).toBe(name);
  });

  it('a name the examples never used does not make a message unknown', () => {
    const withNames = IntentMatcher.build(EXAMPLES, {}, { properNouns: loadProperNouns() });
    const withoutNames = IntentMatcher.build(EXAMPLES, {});
    const text = 'Abdirahman är sjuk idag';
    expect(withNames.classify(text, 'sv').intent).toBe('absence');
    expect(withNames.classify(text, 'sv').confidence).toBeGreaterThan(withoutNames.classify(text, 'sv').confidence);
  });
});
