import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative } from 'node:path';
import type { z } from 'zod';
import { CATALOGUE_IDS } from './catalogue.js';
import { overlayOnlyFacts } from './markers.js';
import type { Problem } from './problem.js';
import { type Entry, entrySchema, type Overlay, outOfScopeSchema, overlaySchema, topicFileSchema } from './schema.js';
import { fold } from '../nlu/steps.js';
import type { Locale } from '../nlu/types.js';

/** Everything read from a knowledge-base folder, with what is wrong in it. */
export interface RawKnowledge {
  entries: Entry[];
  outOfScope: Record<Locale, string[]>;
  overlays: Map<string, Overlay>;
  problems: Problem[];
}

const OUT_OF_SCOPE_FILE = 'out-of-scope.yaml';

/** One file of a knowledge-base folder: its name in the folder, its path and its text (or why it could not be read). */
export interface KnowledgeFile {
  name: string;
  path: string;
  text: string | Error;
}

/**
 * A knowledge-base folder's files, read but not parsed: the topic files (by name), `out-of-scope.yaml` and the
 * municipality overlays. What `readKnowledge` parses, and what a start-up snapshot is keyed by (see
 * `knowledge-base.ts`): the same files give the same knowledge base.
 */
export interface KnowledgeFiles {
  dir: string;
  /** False when the folder does not exist (then there are no files). */
  exists: boolean;
  topics: KnowledgeFile[];
  outOfScope: KnowledgeFile | undefined;
  overlays: (KnowledgeFile & { municipality: string })[];
}

/** Reads every file of a knowledge-base folder, in name order, without parsing them. */
export function readKnowledgeFiles(dir: string): KnowledgeFiles {
  if (!existsSync(dir)) return { dir, exists: false, topics: [], outOfScope: undefined, overlays: [] };
  const yamlIn = (folder: string) =>
    readdirSync(folder)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort();
  const topics = yamlIn(dir)
    .filter((name) => name !== OUT_OF_SCOPE_FILE)
    .map((name) => readText(dir, name));
  const oosFile = join(dir, OUT_OF_SCOPE_FILE);
  const overlayDir = join(dir, 'overlays');
  const overlays = existsSync(overlayDir)
    ? yamlIn(overlayDir).map((name) => ({
        ...readText(dir, join('overlays', name)),
        municipality: basename(name).replace(/\.ya?ml$/, ''),
      }))
    : [];
  const outOfScope = existsSync(oosFile) ? readText(dir, OUT_OF_SCOPE_FILE) : undefined;
  return { dir, exists: true, topics, outOfScope, overlays };
}

function readText(dir: string, name: string): KnowledgeFile {
  const path = join(dir, name);
  try {
    return { name, path, text: readFileSync(path, 'utf8') };
  } catch (error) {
    return { name, path, text: error as Error };
  }
}

/**
 * Reads and validates every file of a knowledge-base folder (or the files already read from it), collecting every
 * problem instead of stopping.
 */
export function readKnowledge(dir: string, files: KnowledgeFiles = readKnowledgeFiles(dir)): RawKnowledge {
  const problems: Problem[] = [];
  const entries: Entry[] = [];
  const fileOf = new Map<Entry, string>();
  const where = (file: string) => relative(process.cwd(), file) || file;
  if (!files.exists) {
    return {
      entries,
      outOfScope: { sv: [], en: [] },
      overlays: new Map(),
      problems: [error(dir, 'the folder does not exist')],
    };
  }
  for (const file of files.topics) {
    const topic = validate(topicFileSchema, readYaml(file, where(file.path), problems), where(file.path), problems);
    topic?.entries.forEach((raw, i) => {
      const label = entryLabel(raw, i);
      const parsed = entrySchema.safeParse(raw);
      if (parsed.success) {
        entries.push(parsed.data);
        fileOf.set(parsed.data, where(file.path));
      } else for (const issue of parsed.error.issues) problems.push(error(where(file.path), describe(issue), label));
    });
  }
  const oosFile = files.outOfScope;
  const oos = oosFile
    ? validate(outOfScopeSchema, readYaml(oosFile, where(oosFile.path), problems), where(oosFile.path), problems)
    : undefined;
  const overlays = new Map<string, Overlay>();
  for (const file of files.overlays) {
    const overlay = validate(overlaySchema, readYaml(file, where(file.path), problems), where(file.path), problems);
    if (overlay) overlays.set(file.municipality, overlay);
  }
  problems.push(
    ...crossCheck(entries, (entry) => fileOf.get(entry) ?? where(dir), overlays, oos?.outOfScope, where(dir)),
  );
  return { entries, outOfScope: oos?.outOfScope ?? { sv: [], en: [] }, overlays, problems };
}

/**
 * Checks that span entries: unique ids, follow-ups that exist, one question under one id, overlay-only facts kept
 * in their overlay, the catalogue.
 */
function crossCheck(
  entries: Entry[],
  fileOf: (entry: Entry) => string,
  overlays: Map<string, Overlay>,
  outOfScope: Record<Locale, string[]> | undefined,
  dir: string,
): Problem[] {
  const problems: Problem[] = [];
  const firstFile = new Map<string, string>();
  for (const entry of entries) {
    const other = firstFile.get(entry.id);
    if (other !== undefined) problems.push(error(fileOf(entry), `the id is also used in ${other}`, entry.id));
    else firstFile.set(entry.id, fileOf(entry));
  }
  const ids = new Set(firstFile.keys());
  const owner = new Map<string, string>();
  for (const entry of entries) {
    for (const followUp of entry.followUps) {
      if (followUp === entry.id) problems.push(error(fileOf(entry), 'an entry cannot follow up on itself', entry.id));
      else if (!ids.has(followUp)) problems.push(error(fileOf(entry), `unknown follow-up id "${followUp}"`, entry.id));
    }
    for (const locale of ['sv', 'en'] as const) {
      for (const question of entry[locale].questions) {
        const key = questionKey(question);
        const other = owner.get(key);
        if (other !== undefined && other !== entry.id) {
          problems.push(
            error(fileOf(entry), `the example question "${question}" is also listed under ${other}`, entry.id),
          );
        }
        owner.set(key, entry.id);
      }
    }
  }
  for (const locale of ['sv', 'en'] as const) {
    for (const question of outOfScope?.[locale] ?? []) {
      const other = owner.get(questionKey(question));
      if (other !== undefined) {
        problems.push(error(dir, `the out-of-scope question "${question}" is an example of ${other}`));
      }
    }
  }
  for (const [name, overlay] of overlays) {
    for (const id of Object.keys(overlay.answers)) {
      if (!ids.has(id)) problems.push(error(`${dir}/overlays/${name}.yaml`, 'the overlay answers an unknown id', id));
    }
  }
  problems.push(...overlayOnlyFacts(entries, fileOf, overlays, (name) => `${dir}/overlays/${name}.yaml`));
  for (const id of CATALOGUE_IDS) {
    if (!ids.has(id)) problems.push({ severity: 'warning', file: dir, entry: id, message: 'catalogue id missing' });
  }
  return problems;
}

/** Questions compared without case, punctuation or diacritics. */
export function questionKey(question: string): string {
  return fold(question.toLocaleLowerCase('sv'))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The YAML parser, loaded when a file is first parsed: a start whose knowledge base comes from its snapshot parses
 * no YAML. (The package's Node entry is CommonJS, the very module an import would load.)
 */
let yaml: typeof import('yaml') | undefined;

function readYaml(file: KnowledgeFile, label: string, problems: Problem[]): unknown {
  try {
    if (file.text instanceof Error) throw file.text;
    yaml ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
    return yaml.parse(file.text);
  } catch (cause) {
    problems.push(error(label, `not valid YAML: ${(cause as Error).message.split('\n')[0] ?? ''}`));
    return undefined;
  }
}

function validate<T>(schema: z.ZodType<T>, data: unknown, file: string, problems: Problem[]): T | undefined {
  if (data === undefined) return undefined;
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) problems.push(error(file, describe(issue)));
  return undefined;
}

function describe(issue: z.core.$ZodIssue): string {
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

function entryLabel(raw: unknown, index: number): string {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? raw.id : undefined;
  return typeof id === 'string' ? `${id} (entry ${index + 1})` : `entry ${index + 1}`;
}

function error(file: string, message: string, entry?: string): Problem {
  return entry === undefined ? { severity: 'error', file, message } : { severity: 'error', file, entry, message };
}
