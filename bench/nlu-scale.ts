/**
 * `hub-assistant nlu-eval` at the scale of a public intent corpus (15,000 training and 5,500 test lines), timed as
 * a child process: wall time from spawn to exit and the child's own peak resident memory. Public corpora may not be
 * committed, so the two files are generated into the bench's scratch folder from the knowledge base: its example
 * questions, titles and out-of-scope lines, split per intent and language into training and test bases, and varied
 * deterministically (a seeded generator) with the mistakes people make when typing on a phone. Test lines are
 * variants of their own bases, never equal to a training line. The accuracy of that run is a smoke check only.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import type { EvaluationReport } from '../src/nlu/evaluate.js';
import type { LabelledExample, Locale } from '../src/nlu/types.js';
import { endChild, serverEnv } from './child.js';
import { compiledSibling } from './paths.js';
import { round } from './stats.js';
import { seeded } from '../src/nlu/random.js';

/** How the synthetic corpus is made. */
export interface CorpusOptions {
  trainLines: number;
  testLines: number;
  /** Share of out-of-scope lines (intent null) in each file. */
  trainOutOfScope: number;
  testOutOfScope: number;
  /** Share of each intent's (and language's) base lines kept for the test file. */
  testBaseShare: number;
  seed: number;
}

export const CORPUS: CorpusOptions = {
  trainLines: 15_000,
  testLines: 5_500,
  trainOutOfScope: 0.1,
  testOutOfScope: 0.18,
  testBaseShare: 0.3,
  seed: 20_261_122,
};

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('bench: pick from nothing');
  return item;
};

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const GREETINGS: Record<Locale, { before: string[]; after: string[] }> = {
  sv: { before: ['Hej! ', 'Hej, ', 'Hejsan ', 'God morgon! ', 'Hallå, '], after: [' Tack!', ' tack', ' Mvh'] },
  en: { before: ['Hi! ', 'Hello, ', 'Hey ', 'Good morning, ', 'Hi there, '], after: [' Thanks!', ' thx', ' Cheers'] },
};

/** Indexes of the words of `words` with at least `min` letters. */
const longWords = (words: readonly string[], min: number) =>
  words.flatMap((word, i) => ((word.match(/\p{L}/gu)?.length ?? 0) >= min ? [i] : []));

/** Changes one letter-level thing in one word of at least four letters. */
function typo(random: Random, text: string, kind: 'drop' | 'swap' | 'double'): string {
  const words = text.split(' ');
  const candidates = longWords(words, 4);
  if (candidates.length === 0) return text;
  const w = pick(random, candidates);
  const word = words[w] ?? '';
  // Swedish and English letters are one UTF-16 unit each; a word of four letters has room inside.
  const chars = Array.from(word);
  const at = 1 + Math.floor(random() * (chars.length - 2));
  if (kind === 'drop') chars.splice(at, 1);
  else if (kind === 'double') chars.splice(at, 0, chars[at] ?? '');
  else [chars[at], chars[at - 1]] = [chars[at - 1] ?? '', chars[at] ?? ''];
  words[w] = chars.join('');
  return words.join(' ');
}

/** The ways a line is varied; each returns the text unchanged when it does not apply. */
const VARIATIONS: ((random: Random, text: string, locale: Locale) => string)[] = [
  (random, text) => typo(random, text, 'drop'),
  (random, text) => typo(random, text, 'swap'),
  (random, text) => typo(random, text, 'double'),
  (random, text) => {
    const words = text.split(' ');
    if (words.length < 4) return text;
    words.splice(Math.floor(random() * words.length), 1);
    return words.join(' ');
  },
  (random, text) =>
    pick(random, [
      (t: string) => t.toLowerCase(),
      (t: string) => t.toUpperCase(),
      (t: string) => t.charAt(0).toLowerCase() + t.slice(1),
    ])(text),
  (random, text, locale) =>
    random() < 0.6
      ? pick(random, GREETINGS[locale].before) + text
      : text.replace(/[.!]?$/u, '') + pick(random, GREETINGS[locale].after),
  (_random, text) => text.replace(/[?!.,]/gu, ''),
  // A phone without Swedish letters.
  (_random, text, locale) => (locale === 'sv' ? text.replace(/[åä]/gu, 'a').replace(/ö/gu, 'o') : text),
];

/** A variant of `text` with `operations` variations (more are tried when one does not change the text). */
function vary(random: Random, text: string, locale: Locale, operations: number): string {
  let result = text;
  for (let done = 0, tries = 0; done < operations && tries < operations * 4; tries++) {
    const next = pick(random, VARIATIONS)(random, result, locale);
    if (next !== result) done++;
    result = next;
  }
  return result.replace(/\s+/gu, ' ').trim();
}

/** How lines are compared for distinctness: the matcher lowercases and ignores spacing anyway. */
const key = (text: string) => text.toLowerCase().replace(/\s+/gu, ' ').trim();

/** The base lines of one intent (null: out of scope) in one language, split into training and test bases. */
interface Group {
  intent: string | null;
  locale: Locale;
  train: string[];
  test: string[];
}

/** Spreads `total` over `parts` as evenly as whole numbers allow. */
const spread = (total: number, parts: number) =>
  Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));

/** The synthetic corpus: training and test lines with their languages. */
export interface Corpus {
  train: LabelledExample[];
  test: LabelledExample[];
  intents: number;
  baseLines: number;
}

/**
 * Generates the training and test files from the knowledge base's example questions, titles and out-of-scope
 * lines (answer texts are left out): every intent gets an even share of the in-scope lines, half in each language,
 * the training lines being the bases themselves first and then variants, the test lines only variants of the test
 * bases that differ from every training line.
 */
export function generateCorpus(knowledge: KnowledgeBase, options: CorpusOptions = CORPUS): Corpus {
  const random = seeded(options.seed);
  const byGroup = new Map<string, { intent: string | null; locale: Locale; texts: string[] }>();
  let baseLines = 0;
  for (const example of knowledge.examples()) {
    if (example.weight !== undefined || !example.locale || !example.text.trim()) continue;
    const id = `${example.intent ?? ''}\u0000${example.locale}`;
    const group = byGroup.get(id) ?? { intent: example.intent, locale: example.locale, texts: [] };
    byGroup.set(id, group);
    if (!group.texts.includes(example.text)) {
      group.texts.push(example.text);
      baseLines++;
    }
  }
  const groups = new Map<string | null, Group[]>();
  for (const { intent, locale, texts } of byGroup.values()) {
    const order = shuffled(random, texts);
    const testCount = order.length < 2 ? 0 : Math.max(1, Math.round(order.length * options.testBaseShare));
    const test = order.slice(0, testCount);
    const train = order.slice(testCount);
    // A group of one line lends it to both files; the test variants still differ from every training line.
    groups.set(intent, [...(groups.get(intent) ?? []), { intent, locale, train, test: test.length ? test : train }]);
  }
  const intents = [...groups.keys()].filter((intent): intent is string => intent !== null).sort();
  if (intents.length === 0 || !groups.has(null))
    throw new Error('bench: the knowledge base has no intents or no out-of-scope lines');

  const seen = new Set<string>();
  const train: LabelledExample[] = [];
  const test: LabelledExample[] = [];
  /** `count` lines of one intent, alternating its languages, into `out`. */
  const fill = (intent: string | null, count: number, out: LabelledExample[], side: 'train' | 'test') => {
    const ofIntent = groups.get(intent) ?? [];
    const next = new Map<Group, number>();
    for (let n = 0; n < count; n++) {
      const group = ofIntent[n % ofIntent.length];
      if (!group) throw new Error(`bench: no base lines for ${intent ?? 'out of scope'}`);
      const bases = group[side];
      let made: string | undefined;
      for (let attempt = 0; attempt < 200 && made === undefined; attempt++) {
        const k = next.get(group) ?? 0;
        next.set(group, k + 1);
        const base = bases[k % bases.length] ?? '';
        // Training lines: each base once as written, then variants; test lines: variants only, a little rougher.
        const text =
          side === 'train'
            ? k < bases.length
              ? base
              : vary(random, base, group.locale, 1 + Math.floor(random() * 2))
            : vary(random, base, group.locale, 1 + Math.floor(random() * 3));
        const id = key(text);
        if (side === 'test' && id === key(base)) continue;
        if (seen.has(id) && attempt < (side === 'train' ? 20 : 199)) continue;
        if (side === 'test' && seen.has(id)) break;
        seen.add(id);
        made = text;
      }
      if (made === undefined) throw new Error(`bench: could not vary ${intent ?? 'out of scope'} into a new test line`);
      out.push({ text: made, intent, locale: group.locale });
    }
  };
  const trainOut = Math.round(options.trainLines * options.trainOutOfScope);
  const testOut = Math.round(options.testLines * options.testOutOfScope);
  spread(options.trainLines - trainOut, intents.length).forEach((count, i) =>
    fill(intents[i] ?? '', count, train, 'train'),
  );
  fill(null, trainOut, train, 'train');
  spread(options.testLines - testOut, intents.length).forEach((count, i) =>
    fill(intents[i] ?? '', count, test, 'test'),
  );
  fill(null, testOut, test, 'test');
  return { train: shuffled(random, train), test: shuffled(random, test), intents: intents.length, baseLines };
}

/** The timed nlu-eval run as the bench reports it. */
export interface NluEvalResult {
  /** The command timed, from the project root (FILEs in the bench's scratch folder). */
  command: string[];
  corpus: CorpusOptions & {
    intents: number;
    baseLines: number;
    trainOutOfScopeLines: number;
    testOutOfScopeLines: number;
    /** First 12 hex digits of the SHA-256 of each file, to tell corpora apart between runs. */
    trainSha256: string;
    testSha256: string;
  };
  /** From spawn to exit of the child. */
  wallSeconds: number;
  /** The child's own peak resident memory (`process.resourceUsage().maxRSS` at its exit). */
  maxRssMB: number;
  userCpuSeconds: number;
  systemCpuSeconds: number;
  /** nlu-eval's own figures on the synthetic test lines (a smoke check, not a target). */
  inScopeAccuracy: number;
  oosRecall: number;
  macroF1: number;
  languageAccuracy: number;
  byLocale: EvaluationReport['byLocale'];
  calibration: {
    expectedCalibrationError: number;
    minConfidence: number | null;
    foldsExpectedCalibrationError: number | null;
  };
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);
const jsonLines = (lines: readonly LabelledExample[]) => lines.map((line) => JSON.stringify(line)).join('\n') + '\n';

/**
 * Writes the corpus to `scratchDir`, runs `node bin/hub-assistant.js nlu-eval --train A --test B --json` from the
 * project root with a preloaded probe that records the child's resource usage at exit, and reads its report.
 */
export async function measureNluEval(
  root: string,
  scratchDir: string,
  knowledge: KnowledgeBase,
  { options = CORPUS, timeoutMs = 300_000 } = {},
): Promise<NluEvalResult> {
  const corpus = generateCorpus(knowledge, options);
  const dir = join(scratchDir, 'nlu-eval');
  mkdirSync(dir, { recursive: true });
  const trainPath = join(dir, 'train.jsonl');
  const testPath = join(dir, 'test.jsonl');
  const usagePath = join(dir, 'usage.json');
  const trainText = jsonLines(corpus.train);
  const testText = jsonLines(corpus.test);
  writeFileSync(trainPath, trainText);
  writeFileSync(testPath, testText);
  const probe = pathToFileURL(compiledSibling('usage-probe.js')).href;
  const args = ['bin/hub-assistant.js', 'nlu-eval', '--train', trainPath, '--test', testPath, '--json'];
  const env = serverEnv({ BENCH_USAGE_FILE: usagePath });
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', probe, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
  const timer = setTimeout(() => void endChild(child), timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => resolve(exitCode));
  }).finally(() => clearTimeout(timer));
  const wallSeconds = round((performance.now() - started) / 1000, 2);
  if (code !== 0) {
    throw new Error(
      `bench: nlu-eval exited with ${code ?? 'a signal'} after ${wallSeconds} s` +
        (wallSeconds * 1000 >= timeoutMs ? ` (ended at the ${timeoutMs / 1000} s time limit)` : '') +
        `:\n${stderr}`,
    );
  }
  const report = JSON.parse(stdout.trim().split('\n').pop() ?? '') as EvaluationReport;
  const usage = JSON.parse(readFileSync(usagePath, 'utf8')) as NodeJS.ResourceUsage;
  const outOfScope = (lines: readonly LabelledExample[]) => lines.filter((line) => line.intent === null).length;
  return {
    command: ['node', ...args.map((arg) => arg.replace(`${dir}/`, '<scratch>/'))],
    corpus: {
      ...options,
      intents: corpus.intents,
      baseLines: corpus.baseLines,
      trainOutOfScopeLines: outOfScope(corpus.train),
      testOutOfScopeLines: outOfScope(corpus.test),
      trainSha256: sha(trainText),
      testSha256: sha(testText),
    },
    wallSeconds,
    // maxRSS is in KiB.
    maxRssMB: round(usage.maxRSS / 1024, 1),
    userCpuSeconds: round(usage.userCPUTime / 1e6, 2),
    systemCpuSeconds: round(usage.systemCPUTime / 1e6, 2),
    inScopeAccuracy: report.inScopeAccuracy,
    oosRecall: report.oosRecall,
    macroF1: report.macroF1,
    languageAccuracy: report.languageAccuracy,
    byLocale: report.byLocale,
    calibration: {
      expectedCalibrationError: report.calibration.expectedCalibrationError,
      minConfidence: report.calibration.minConfidence ?? null,
      foldsExpectedCalibrationError: report.calibration.folds?.expectedCalibrationError ?? null,
    },
  };
}
