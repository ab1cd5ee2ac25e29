import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { UnansweredStore } from '../../src/triage/unanswered-store.js';

/** Stand-in for the NLU's normalise+stem: lower-case words. */
const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

let db: Database;
let store: UnansweredStore;

beforeEach(() => {
  db = openDatabase(':memory:');
  store = new UnansweredStore(db);
});

afterEach(() => {
  db.close();
});

const at = (minute: number): Date => new Date(Date.UTC(2026, 2, 10, 8, minute));

describe('UnansweredStore', () => {
  it('never stores personal data, whatever the caller passes', () => {
    store.record({
      text: 'Min son 080315-2388 är sjuk, ring 070-123 45 67 eller åsa@example.se',
      locale: 'sv',
      channel: 'webchat',
      reason: 'handoff',
    });
    const raw = db.prepare<[], { text: string }>('SELECT text FROM unanswered').all();
    expect(raw).toEqual([{ text: 'Min son [personnummer] är sjuk, ring [telefon] eller [e-post]' }]);
  });

  it('lists newest first, honouring limit and since', () => {
    store.record({ text: 'första', locale: 'sv', channel: 'webchat', reason: 'abstained', at: at(1) });
    store.record({ text: 'second', locale: 'en', channel: 'teams', reason: 'rejected_suggestion', at: at(3) });
    store.record({ text: 'tredje', locale: 'sv', channel: 'webchat', reason: 'abstained', at: at(2) });

    expect(store.list().map((e) => e.text)).toEqual(['second', 'tredje', 'första']);
    expect(store.list({ limit: 1 })[0]).toMatchObject({
      text: 'second',
      locale: 'en',
      channel: 'teams',
      reason: 'rejected_suggestion',
      createdAt: at(3).toISOString(),
    });
    expect(store.list({ since: at(2) }).map((e) => e.text)).toEqual(['second', 'tredje']);
  });

  it('groups similar questions, most frequent group first', () => {
    store.record({
      text: 'Hur sjukanmäler jag mitt barn?',
      locale: 'sv',
      channel: 'webchat',
      reason: 'abstained',
      at: at(9),
    });
    store.record({
      text: 'vad blir det för lunch idag',
      locale: 'sv',
      channel: 'webchat',
      reason: 'abstained',
      at: at(1),
    });
    store.record({
      text: 'vad blir det för lunch i morgon',
      locale: 'sv',
      channel: 'teams',
      reason: 'handoff',
      at: at(5),
    });
    store.record({ text: 'What is for lunch today', locale: 'en', channel: 'webchat', reason: 'abstained', at: at(2) });

    const groups = store.grouped(words);
    expect(groups).toHaveLength(3);
    expect(groups[0]).toEqual({
      example: 'vad blir det för lunch i morgon',
      count: 2,
      locales: ['sv'],
      channels: ['teams', 'webchat'],
      lastAt: at(5).toISOString(),
      texts: ['vad blir det för lunch i morgon', 'vad blir det för lunch idag'],
    });
    // Equal counts: the most recent group comes first.
    expect(groups.slice(1).map((g) => g.example)).toEqual([
      'Hur sjukanmäler jag mitt barn?',
      'What is for lunch today',
    ]);
  });

  it('keeps questions apart when the threshold is strict', () => {
    store.record({
      text: 'vad blir det för lunch idag',
      locale: 'sv',
      channel: 'webchat',
      reason: 'abstained',
      at: at(1),
    });
    store.record({
      text: 'vad blir det för lunch i morgon',
      locale: 'sv',
      channel: 'webchat',
      reason: 'abstained',
      at: at(2),
    });
    expect(store.grouped(words, { minSimilarity: 0.9 }).map((g) => g.count)).toEqual([1, 1]);
  });
});
