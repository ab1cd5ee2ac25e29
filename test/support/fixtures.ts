import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pino, type Logger } from 'pino';
import { stringify } from 'yaml';
import { type Assistant, createAssistant } from '../../src/assistant.js';
import { loadSettings, type Settings } from '../../src/config.js';
import type { Locale } from '../../src/nlu/types.js';

/** A logger that writes nothing. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/**
 * Where the tests keep trained models: one folder for every test file and run, so the knowledge base's model is
 * trained once (by `train-models.ts` before the files start), not in every file.
 */
export const TEST_MODEL_DIR = join(tmpdir(), 'hub-assistant-test-models');

/** Real settings for tests: an in-memory database and no logging unless the test says otherwise. */
export function testSettings(env: Record<string, string | undefined> = {}): Settings {
  return loadSettings({ HUB_DB_PATH: ':memory:', HUB_MODEL_DIR: TEST_MODEL_DIR, LOG_LEVEL: 'silent', ...env });
}

/** The real assistant (knowledge base, matcher, storage, bot) built from test settings. */
export function testAssistant(env: Record<string, string | undefined> = {}): Assistant {
  return createAssistant(testSettings(env), silentLogger());
}

const tempDirs: string[] = [];

/** A fresh temporary directory, removed by `removeTempDirs`. */
export function tempDir(prefix = 'hub-assistant-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Removes every directory made by `tempDir` (call in afterEach/afterAll). */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes a file (creating its folders) and returns its path. */
export function writeFile(path: string, content: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content, 'utf8');
  return path;
}

/** Fails with a message instead of using a non-null assertion. */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}

interface LocalizedEntry {
  title: string;
  questions: string[];
  answer: string;
}

/** One knowledge-base entry as written in a topic file (see faq/FORMAT.md). */
export interface EntryDefinition {
  id: string;
  kind: 'faq' | 'task' | 'talk';
  followUps?: string[];
  sv: LocalizedEntry;
  en: LocalizedEntry;
}

/** Writes a knowledge base (one topic file, optional out-of-scope file) into `dir` and returns `dir`. */
export function writeKnowledgeBase(
  dir: string,
  entries: EntryDefinition[],
  outOfScope?: Record<Locale, string[]>,
): string {
  writeFile(join(dir, 'topics.yaml'), stringify({ entries }));
  if (outOfScope) writeFile(join(dir, 'out-of-scope.yaml'), stringify({ outOfScope }));
  return dir;
}

const LAUNDRY_SV = [
  'Hur bokar jag tvättstugan',
  'Var bokar man en tvättid',
  'Kan jag boka tvättstugan i kväll',
  'När är tvättstugan ledig',
  'Hur avbokar jag min tvättid',
  'Vem städar tvättstugan',
  'Var hittar jag nyckeln till tvättstugan',
  'Hur många tvättpass får jag boka',
];
const LAUNDRY_EN = [
  'How do I book the laundry room',
  'Where do I book a laundry slot',
  'Can I book the laundry room tonight',
  'When is the laundry room free',
  'How do I cancel my laundry slot',
  'Who cleans the laundry room',
  'Where do I find the key to the laundry room',
  'How many laundry slots can I book',
];

/** A question both twin intents of `twinKnowledgeBase` match equally well, per language. */
export const TWIN_QUESTION: Record<Locale, string> = {
  sv: 'Hur bokar jag tvättstugan?',
  en: 'How do I book the laundry room?',
};

/** A question only the `parking.permit` intent of `twinKnowledgeBase` answers, per language. */
export const PARKING_QUESTION: Record<Locale, string> = {
  sv: 'Hur får jag ett parkeringstillstånd?',
  en: 'How do I get a parking permit?',
};

function twin(id: string, word: string, svTitle: string, enTitle: string): EntryDefinition {
  return {
    id,
    kind: 'faq',
    followUps: ['parking.permit'],
    sv: {
      title: svTitle,
      questions: LAUNDRY_SV.map((q) => `${q} ${word}`),
      answer: `Svaret för huset ${word}.`,
    },
    en: {
      title: enTitle,
      questions: LAUNDRY_EN.map((q) => `${q} ${word}`),
      answer: `The answer for house ${word}.`,
    },
  };
}

/**
 * A small knowledge base where two intents (`laundry.alfa`, `laundry.beta`) have the same example questions
 * except for one word each, so `TWIN_QUESTION` is equally close to both (a reliable "did you mean …?"), and
 * an unrelated intent (`parking.permit`).
 */
export function twinKnowledgeBase(dir = tempDir()): string {
  return writeKnowledgeBase(
    dir,
    [
      twin('laundry.alfa', 'alfa', 'Tvättstuga hus alfa', 'Laundry house alfa'),
      twin('laundry.beta', 'beta', 'Tvättstuga hus beta', 'Laundry house beta'),
      {
        id: 'parking.permit',
        kind: 'faq',
        followUps: ['laundry.alfa', 'laundry.beta'],
        sv: {
          title: 'Parkeringstillstånd',
          questions: [
            'Hur får jag ett parkeringstillstånd',
            'Var ansöker jag om parkeringstillstånd',
            'Vad kostar ett parkeringstillstånd',
            'Får jag parkera på gården',
            'Var får gäster parkera',
            'Hur länge gäller parkeringstillståndet',
            'parkering',
            'Jag behöver en parkeringsplats',
          ],
          answer: 'Parkeringstillstånd söker du hos förvaltaren.',
        },
        en: {
          title: 'Parking permit',
          questions: [
            'How do I get a parking permit',
            'Where do I apply for a parking permit',
            'How much does a parking permit cost',
            'Can I park in the yard',
            'Where can guests park',
            'How long is the parking permit valid',
            'parking',
            'I need a parking space',
          ],
          answer: 'Apply for a parking permit at the property manager.',
        },
      },
    ],
    {
      sv: ['Vad blir det för väder i morgon?', 'Vilken tid går bussen?'],
      en: ["What's the weather tomorrow?", 'When does the bus leave?'],
    },
  );
}
