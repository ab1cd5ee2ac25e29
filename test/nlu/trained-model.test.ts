import { readdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetTrainedModels, IntentMatcher } from '../../src/nlu/matcher.js';
import { loadProperNouns } from '../../src/nlu/proper-nouns.js';
import type { ModelStore } from '../../src/nlu/trained-model.js';
import type { LabelledExample } from '../../src/nlu/types.js';
import { codeDigest } from '../../src/nlu/code-digest.js';
import { ModelFiles } from '../../src/storage/model-files.js';
import { buildMatcher } from '../../src/bot/understanding.js';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { removeTempDirs, required, tempDir, testSettings, writeFile } from '../support/fixtures.js';
import { countingStore } from '../support/counting-store.js';

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

/** A store that answers every key with the same bytes: a file left in place of another model's. */
function storeAnswering(bytes: Uint8Array): ModelStore & { writes: number } {
  return {
    writes: 0,
    read: () => bytes,
    write() {
      this.writes++;
    },
  };
}

/** The bytes `build` stored for these examples and options. */
function storedBytes(examples: LabelledExample[], options: { threshold: number }): Uint8Array {
  const store = countingStore();
  IntentMatcher.build(examples, options, { store });
  return required([...store.files.values()][0], 'the stored model');
}

describe("the knowledge base's matcher restored from its snapshot", () => {
  it('answers examples, misspelt, joined and out of order, exactly as one indexed from the examples', () => {
    const knowledge = loadKnowledgeBase('faq');
    // The tests' model folder holds the snapshot (test/support/train-models.ts): read, nothing trained.
    const restored = buildMatcher(knowledge, testSettings());
    // The same model, kept in memory by that build: this one analyses and indexes every example again.
    const indexed = buildMatcher(knowledge, testSettings({ HUB_MODEL_DIR: undefined }));
    // Every twentieth example, as written, misspelt, with two words joined and with its words in reverse order.
    const texts = knowledge.examples().flatMap(({ text }, i) => {
      if (i % 20 !== 0) return [];
      const words = text.split(' ');
      const at = i % words.length;
      const misspelt = [...words];
      misspelt[at] = (words[at] ?? '').slice(0, 1) + (words[at] ?? '').slice(2);
      return [
        text,
        misspelt.join(' '),
        words.slice(0, 2).join('') + words.slice(2).join(' '),
        words.reverse().join(' '),
      ];
    });
    const answers = (matcher: typeof restored) =>
      texts.map((text) => [
        matcher.classify(text, 'sv'),
        matcher.classify(text),
        matcher.messageLanguage(text),
        matcher.nearestExamples(text, 'en', 2),
      ]);
    expect(JSON.stringify(answers(restored))).toBe(JSON.stringify(answers(indexed)));
    expect(restored.calibrationSummary).toEqual(indexed.calibrationSummary);
    expect(restored.knownIntents).toEqual(indexed.knownIntents);
  });
});

describe('a kept model that does not fit', () => {
  const THREE_INTENTS: LabelledExample[] = [
    ...EXAMPLES,
    ...NAMES.flatMap((name) => [
      { text: `Vi vill boka utvecklingssamtal för ${name}`, intent: 'meeting', locale: 'sv' as const },
      { text: `När är ${name}s utvecklingssamtal?`, intent: 'meeting', locale: 'sv' as const },
    ]),
  ];

  it('is trained again when it was trained for another number of intents', () => {
    const other = storedBytes(EXAMPLES, { threshold: 0.15 });
    forgetTrainedModels();
    const store = storeAnswering(other);
    const matcher = IntentMatcher.build(THREE_INTENTS, { threshold: 0.15 }, { store });
    expect(store.writes).toBe(1);
    const answer = matcher.classify('Vi vill boka utvecklingssamtal för Tove', 'sv');
    expect(answer.intent).toBe('meeting');
    expect(Number.isFinite(answer.confidence)).toBe(true);
  });

  it('is trained again when its weights are not numbers', () => {
    const bytes = storedBytes(EXAMPLES, { threshold: 0.16 });
    // The last bias, a double at the end of the file, becomes NaN.
    new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setFloat64(bytes.byteLength - 8, Number.NaN, true);
    forgetTrainedModels();
    const store = storeAnswering(bytes);
    const matcher = IntentMatcher.build(EXAMPLES, { threshold: 0.16 }, { store });
    expect(store.writes).toBe(1);
    expect(Number.isFinite(matcher.classify('Tove är sjuk', 'sv').confidence)).toBe(true);
  });
});

describe('a model trained in this process', () => {
  it('is not pushed out of memory when another model in memory is built again', () => {
    const store = countingStore();
    for (const threshold of [0.2, 0.21, 0.22, 0.23]) IntentMatcher.build(EXAMPLES, { threshold }, { store });
    const reads = store.reads;
    IntentMatcher.build(EXAMPLES, { threshold: 0.21 }, { store });
    IntentMatcher.build(EXAMPLES, { threshold: 0.2 }, { store });
    expect(store.reads).toBe(reads);
  });
});

describe('the expected share of out-of-scope messages', () => {
  it.each([1, 1.5, -0.1])('refuses %s, which would leave no weight to the questions it can answer', (share) => {
    expect(() => IntentMatcher.build(EXAMPLES, { outOfScopeShare: share })).toThrow(RangeError);
  });
});

describe('the digest of the code that trains a model', () => {
  it('changes when a source file changes, and only then', () => {
    const dir = tempDir();
    writeFile(join(dir, 'steps.ts'), 'export const A = 1;');
    writeFile(join(dir, 'notes.md'), 'not code');
    const before = codeDigest(dir, ['fuse.js 7.1.0']);
    writeFile(join(dir, 'notes.md'), 'still not code');
    expect(codeDigest(dir, ['fuse.js 7.1.0'])).toBe(before);
    expect(codeDigest(dir, ['fuse.js 7.2.0'])).not.toBe(before);
    writeFile(join(dir, 'steps.ts'), 'export const A = 2;');
    expect(codeDigest(dir, ['fuse.js 7.1.0'])).not.toBe(before);
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

  it('keeps the model it was last asked for, however old its file, over newer ones', () => {
    const dir = tempDir();
    const files = new ModelFiles(dir);
    const ago = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000);
    for (const [key, days] of [
      ['in-use', 365],
      ['a', 30],
      ['b', 20],
      ['c', 10],
    ] as const) {
      files.write(key, new Uint8Array([1]));
      utimesSync(join(dir, `${key}.model`), ago(days), ago(days));
    }
    expect(files.read('in-use')).toBeDefined();
    files.write('d', new Uint8Array([1]));
    expect(readdirSync(dir).sort()).toEqual(['b.model', 'c.model', 'd.model', 'in-use.model']);
  });

  it('removes a temporary file an unfinished write left behind, once it is old', () => {
    const dir = tempDir();
    const files = new ModelFiles(dir);
    const old = writeFile(join(dir, 'x.model.123.1.abc.tmp'), 'half a model');
    const fresh = writeFile(join(dir, 'y.model.456.1.def.tmp'), 'being written');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    utimesSync(old, twoHoursAgo, twoHoursAgo);
    files.write('a', new Uint8Array([1]));
    expect(readdirSync(dir).sort()).toEqual(['a.model', fresh.slice(dir.length + 1)]);
  });

  it('writes nothing and throws nothing where it cannot write, and says so', () => {
    const told: string[] = [];
    // A folder inside a file cannot be made.
    const files = new ModelFiles(join(writeFile(join(tempDir(), 'a-file'), 'x'), 'models'), (_, action) =>
      told.push(action),
    );
    expect(() => files.write('a', new Uint8Array([1]))).not.toThrow();
    expect(files.read('a')).toBeUndefined();
    expect(told).toEqual(['write', 'read']);
  });

  it('says nothing of a model it never kept', () => {
    const told: string[] = [];
    const files = new ModelFiles(tempDir(), (_, action) => told.push(action));
    expect(files.read('never-kept')).toBeUndefined();
    expect(told).toEqual([]);
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
