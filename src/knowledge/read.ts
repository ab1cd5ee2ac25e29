import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse } from 'yaml';
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

/** Reads and validates every file of a knowledge-base folder, collecting every problem instead of stopping. */
export function readKnowledge(dir: string): RawKnowledge {
  const problems: Problem[] = [];
  const entries: Entry[] = [];
  const fileOf = new Map<Entry, string>();
  const where = (file: string) => relative(process.cwd(), file) || file;
  if (!existsSync(dir)) {
    return {
      entries,
      outOfScope: { sv: [], en: [] },
      overlays: new Map(),
      problems: [error(dir, 'the folder does not exist')],
    };
  }
  const files = readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name) && name !== OUT_OF_SCOPE_FILE)
    .sort();
  for (const name of files) {
    const file = join(dir, name);
    const topic = validate(topicFileSchema, readYaml(file, where(file), problems), where(file), problems);
    topic?.entries.forEach((raw, i) => {
      const label = entryLabel(raw, i);
      const parsed = entrySchema.safeParse(raw);
      if (parsed.success) {
        entries.push(parsed.data);
        fileOf.set(parsed.data, where(file));
      } else for (const issue of parsed.error.issues) problems.push(error(where(file), describe(issue), label));
    });
  }
  const oosFile = join(dir, OUT_OF_SCOPE_FILE);
  const oos = existsSync(oosFile)
    ? validate(outOfScopeSchema, readYaml(oosFile, where(oosFile), problems), where(oosFile), problems)
    : undefined;
  const overlays = new Map<string, Overlay>();
  const overlayDir = join(dir, 'overlays');
  if (existsSync(overlayDir)) {
    for (const name of readdirSync(overlayDir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort()) {
      const file = join(overlayDir, name);
      const overlay = validate(overlaySchema, readYaml(file, where(file), problems), where(file), problems);
      if (overlay) overlays.set(basename(name).replace(/\.ya?ml$/, ''), overlay);
    }
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

function readYaml(file: string, label: string, problems: Problem[]): unknown {
  try {
    return parse(readFileSync(file, 'utf8'));
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
