import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeDigest, nluCodeDigest } from '../nlu/code-digest.js';
import type { ModelStore } from '../nlu/trained-model.js';
import type { LabelledExample, Locale } from '../nlu/types.js';
import type { Problem } from './problem.js';
import { type KnowledgeFiles, type RawKnowledge, readKnowledge, readKnowledgeFiles } from './read.js';
import type { Entry, EntryKind, Overlay } from './schema.js';

/** How much an answer text counts as an example, against an example question (1). */
const ANSWER_WEIGHT = 0.6;

/** The knowledge base could not be loaded; the message names each file, entry and problem. */
export class KnowledgeBaseError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(
      `The knowledge base has ${problems.length} problem(s):\n` +
        problems.map((p) => `  ${p.file}${p.entry ? ` [${p.entry}]` : ''}: ${p.message}`).join('\n'),
    );
    this.name = 'KnowledgeBaseError';
  }
}

/** The answers the assistant knows, in both languages, with the chosen municipality's answers on top. */
export class KnowledgeBase {
  private readonly byId: ReadonlyMap<string, Entry>;

  constructor(
    entries: readonly Entry[],
    private readonly outOfScope: Record<Locale, string[]>,
    /** The municipality whose answers replace the general ones, if one is chosen. */
    readonly overlay?: Overlay,
  ) {
    this.byId = new Map(entries.map((entry) => [entry.id, entry]));
  }

  get ids(): string[] {
    return [...this.byId.keys()];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  kind(id: string): EntryKind | undefined {
    return this.byId.get(id)?.kind;
  }

  /** The answer in a language, the municipality's version where it has one. */
  answer(id: string, locale: Locale): string | undefined {
    return this.overlay?.answers[id]?.[locale] ?? this.byId.get(id)?.[locale].answer;
  }

  /** The short title shown on buttons. */
  title(id: string, locale: Locale): string | undefined {
    return this.byId.get(id)?.[locale].title;
  }

  followUps(id: string): readonly string[] {
    return this.byId.get(id)?.followUps ?? [];
  }

  /** The labelled examples the matcher learns from: questions, answers (weighted lower) and out-of-scope ones. */
  examples(): LabelledExample[] {
    const examples: LabelledExample[] = [];
    for (const entry of this.byId.values()) {
      for (const locale of ['sv', 'en'] as const) {
        for (const text of entry[locale].questions) examples.push({ text, intent: entry.id, locale });
        examples.push({ text: entry[locale].title, intent: entry.id, locale });
        if (entry.kind !== 'talk') {
          examples.push({ text: this.answer(entry.id, locale) ?? '', intent: entry.id, locale, weight: ANSWER_WEIGHT });
        }
      }
    }
    for (const locale of ['sv', 'en'] as const) {
      for (const text of this.outOfScope[locale]) examples.push({ text, intent: null, locale });
    }
    return examples;
  }
}

/** Where a knowledge base may be kept between starts, once read and validated. */
export interface KnowledgeBaseOptions {
  /**
   * The model folder (see `modelStoreFor`): a snapshot of the validated files is kept there under a digest of the
   * files and of the code that reads them, so a start with the same files parses no YAML (about 0.3 s of a start).
   */
  store?: ModelStore;
}

/**
 * Reads, validates and assembles the knowledge base. Any error (or an unknown municipality) throws a
 * `KnowledgeBaseError` naming the file, the entry and what is wrong, so a broken file stops start-up. With a
 * `store`, files read before come from their snapshot there (the same entries, answers and overlays).
 */
export function loadKnowledgeBase(
  dir: string,
  municipality?: string,
  options: KnowledgeBaseOptions = {},
): KnowledgeBase {
  const files = readKnowledgeFiles(dir);
  const key = options.store && snapshotKey(files);
  const kept = key && options.store ? readSnapshot(options.store, key) : undefined;
  const raw = kept ?? readKnowledge(dir, files);
  const errors = raw.problems.filter((p) => p.severity === 'error');
  // Only a knowledge base without errors is kept (its warnings are `faq-check`'s business, not start-up's).
  if (!kept && key && options.store && errors.length === 0 && raw.entries.length > 0) {
    options.store.write(key, encodeSnapshot(key, raw));
  }
  if (raw.entries.length === 0 && errors.length === 0) {
    errors.push({ severity: 'error', file: dir, message: 'the knowledge base has no entries' });
  }
  const overlay = municipality ? raw.overlays.get(municipality) : undefined;
  if (municipality && !overlay) {
    const known = [...raw.overlays.keys()].join(', ') || 'none';
    errors.push({
      severity: 'error',
      file: `${dir}/overlays`,
      message: `no overlay for municipality "${municipality}" (known: ${known})`,
    });
  }
  if (errors.length > 0) throw new KnowledgeBaseError(errors);
  return new KnowledgeBase(raw.entries, raw.outOfScope, overlay);
}

/** Bump when what a knowledge-base snapshot holds changes: snapshots of another version are not read. */
const SNAPSHOT_FORMAT = 1;

/** What a snapshot keeps: the validated files (no problems: only a knowledge base without errors is kept). */
interface Snapshot {
  format: number;
  key: string;
  entries: Entry[];
  outOfScope: Record<Locale, string[]>;
  overlays: [municipality: string, overlay: Overlay][];
}

let digestOfReadingCode: string | undefined;

/**
 * A digest of the code that turns files into a knowledge base: `src/knowledge`'s files, `src/nlu`'s (words are
 * compared by its folding) and the versions of yaml and zod. Worked out once per process.
 */
function readingCodeDigest(): string {
  const version = (name: string) =>
    `${name} ${(createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version}`;
  digestOfReadingCode ??= codeDigest(dirname(fileURLToPath(import.meta.url)), [
    nluCodeDigest(),
    version('yaml'),
    version('zod'),
  ]);
  return digestOfReadingCode;
}

/**
 * The key of a folder's snapshot: a digest of its files (names within the folder, and texts) and of the code;
 * none when a file could not be read (it is reported as the folder is parsed, and nothing is kept).
 */
function snapshotKey(files: KnowledgeFiles): string | undefined {
  const hash = createHash('sha256').update(`${SNAPSHOT_FORMAT}\u0000${readingCodeDigest()}\u0000`);
  const all = [...files.topics, ...(files.outOfScope ? [files.outOfScope] : []), ...files.overlays];
  for (const file of all) {
    if (file.text instanceof Error) return undefined;
    hash.update(file.name).update('\u0000').update(file.text).update('\u0000');
  }
  return `knowledge-${hash.digest('base64url')}`;
}

/** A snapshot as bytes: a sha256 of the JSON, a line break, the JSON. */
function encodeSnapshot(key: string, raw: RawKnowledge): Uint8Array {
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    key,
    entries: raw.entries,
    outOfScope: raw.outOfScope,
    overlays: [...raw.overlays],
  };
  const json = JSON.stringify(snapshot);
  return Buffer.from(`${createHash('sha256').update(json).digest('hex')}\n${json}`, 'utf8');
}

/** The knowledge a snapshot kept under this key, or undefined when there is none or it is damaged. */
function readSnapshot(store: ModelStore, key: string): RawKnowledge | undefined {
  const bytes = store.read(key);
  if (!bytes) return undefined;
  try {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const newline = text.indexOf('\n');
    const json = text.slice(newline + 1);
    if (newline !== 64 || createHash('sha256').update(json).digest('hex') !== text.slice(0, newline)) return undefined;
    const snapshot = JSON.parse(json) as Snapshot;
    if (snapshot.format !== SNAPSHOT_FORMAT || snapshot.key !== key) return undefined;
    return {
      entries: snapshot.entries,
      outOfScope: snapshot.outOfScope,
      overlays: new Map(snapshot.overlays),
      problems: [],
    };
  } catch {
    return undefined;
  }
}
