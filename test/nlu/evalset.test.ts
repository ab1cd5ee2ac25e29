import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testSettings } from '../support/fixtures.js';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { questionKey } from '../../src/knowledge/read.js';
import { firstMessageScores, writtenExamples } from '../support/knowledge.js';
import { parseLabelledLines } from '../../src/nlu/evaluate.js';

/**
 * The evaluation set: 896 guardians' messages written by helpers who saw only the topics in plain words (never
 * faq/, the tests or an example question), frozen on 4 December 2026 and measured in aggregate only (README, "How
 * the evaluation set was made"). These floors sit just under its figures for the bot's decision on each line as
 * the first message of a new conversation without a channel language; `npx tsx scripts/evalset-score.ts` prints
 * them. A line of this set never goes into faq/.
 */
const FLOORS = {
  sv: { inScopeAccuracy: 0.96, oosRecall: 0.9, taskAccuracy: 0.97, languageAccuracy: 0.98 },
  en: { inScopeAccuracy: 0.945, oosRecall: 0.9, taskAccuracy: 0.95, languageAccuracy: 0.98 },
} as const;

/** The set's digest when it was frozen: a changed line fails here, so the set cannot drift with the matcher. */
const FROZEN_SHA256 = 'd3938000582516e40319e725086e0266e222438c66737df78feaaec6fe99c2d4';

const file = 'test/nlu/evalset.jsonl';
const content = readFileSync(file, 'utf8');
const lines = parseLabelledLines(content, file);
const settings = testSettings();
const knowledge = loadKnowledgeBase(settings.HUB_FAQ_DIR);

describe('the evaluation set', () => {
  it('is the frozen set: at least 800 lines, 200 out of scope, 150 on tasks, both languages', () => {
    expect(createHash('sha256').update(content).digest('hex')).toBe(FROZEN_SHA256);
    expect(lines.length).toBeGreaterThanOrEqual(800);
    expect(lines.filter((line) => line.intent === null).length).toBeGreaterThanOrEqual(200);
    const tasks = lines.filter((line) => line.intent !== null && knowledge.kind(line.intent) === 'task');
    expect(tasks.length).toBeGreaterThanOrEqual(150);
    for (const locale of ['sv', 'en'] as const) {
      expect(lines.filter((line) => line.locale === locale).length).toBeGreaterThanOrEqual(250);
    }
  });

  it('labels every line with an intent of the knowledge base or out of scope', () => {
    const unknown = lines.filter((line) => line.intent !== null && !knowledge.has(line.intent)).length;
    expect(unknown).toBe(0);
  });

  it('shares no line with the knowledge base (counted, not shown)', () => {
    const known = writtenExamples(settings.HUB_FAQ_DIR);
    expect(lines.filter((line) => known.has(questionKey(line.text))).length).toBe(0);
  });

  it.each(['sv', 'en'] as const)('%s: the bot stays above the floors on first messages', (locale) => {
    const scores = firstMessageScores(knowledge, settings, lines, locale);
    // Figures only: a failing floor names the figure, never a line.
    expect(scores?.inScopeAccuracy).toBeGreaterThanOrEqual(FLOORS[locale].inScopeAccuracy);
    expect(scores?.oosRecall).toBeGreaterThanOrEqual(FLOORS[locale].oosRecall);
    expect(scores?.taskAccuracy).toBeGreaterThanOrEqual(FLOORS[locale].taskAccuracy);
    expect(scores?.languageAccuracy).toBeGreaterThanOrEqual(FLOORS[locale].languageAccuracy);
  });
});
