import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CATALOGUE_IDS } from '../../src/knowledge/catalogue.js';
import { type KnowledgeBase, KnowledgeBaseError, loadKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { questionKey, readKnowledge } from '../../src/knowledge/read.js';
import { MAX_ANSWER_LENGTH, MIN_QUESTIONS } from '../../src/knowledge/schema.js';
import { LOCALES } from '../../src/nlu/types.js';
import { countingStore } from '../support/counting-store.js';

const FAQ = fileURLToPath(new URL('../../faq', import.meta.url));

describe('the real knowledge base', () => {
  const raw = readKnowledge(FAQ);
  const kb = loadKnowledgeBase(FAQ);
  const entries = new Map(raw.entries.map((entry) => [entry.id, entry]));

  it('loads without errors', () => {
    expect(raw.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it.each(CATALOGUE_IDS)('has %s in sv and en, with enough questions and a short answer', (id) => {
    expect(kb.has(id)).toBe(true);
    for (const locale of LOCALES) {
      expect(entries.get(id)?.[locale].questions.length).toBeGreaterThanOrEqual(MIN_QUESTIONS);
      expect(kb.title(id, locale)).toBeTruthy();
      const answer = kb.answer(id, locale) ?? '';
      expect(answer.length).toBeGreaterThan(0);
      expect(answer.length).toBeLessThanOrEqual(MAX_ANSWER_LENGTH);
    }
  });

  it.each(kb.ids)('%s only follows up on entries that exist, never itself', (id) => {
    for (const followUp of kb.followUps(id)) {
      expect(kb.has(followUp), `${id} → ${followUp}`).toBe(true);
      expect(followUp).not.toBe(id);
    }
  });

  it('lists each example question under one id only', () => {
    const owners = new Map<string, Set<string>>();
    for (const entry of raw.entries) {
      for (const locale of LOCALES) {
        for (const question of entry[locale].questions) {
          const key = questionKey(question);
          owners.set(key, (owners.get(key) ?? new Set()).add(entry.id));
        }
      }
    }
    expect([...owners].filter(([, ids]) => ids.size > 1)).toEqual([]);
  });

  it('gives the matcher examples in both languages and out-of-scope ones', () => {
    const examples = kb.examples();
    expect(examples.some((e) => e.intent === null && e.locale === 'sv')).toBe(true);
    expect(examples.some((e) => e.intent === null && e.locale === 'en')).toBe(true);
    for (const id of CATALOGUE_IDS) {
      for (const locale of LOCALES) {
        expect(examples.some((e) => e.intent === id && e.locale === locale)).toBe(true);
      }
    }
  });

  const overlaid = ['vaggeryd', 'borgholm'].flatMap((municipality) => {
    const overlay = raw.overlays.get(municipality);
    return Object.keys(overlay?.answers ?? {}).flatMap((id) =>
      LOCALES.map((locale) => ({ municipality, id, locale, expected: overlay?.answers[id]?.[locale] })),
    );
  });

  it.each(['vaggeryd', 'borgholm'])('has an overlay for %s that replaces at least one answer', (municipality) => {
    expect(overlaid.filter((o) => o.municipality === municipality).length).toBeGreaterThan(0);
    expect(loadKnowledgeBase(FAQ, municipality).overlay?.municipality).toBe(municipality);
  });

  it.each(overlaid)('$municipality replaces the $locale answer of $id', ({ municipality, id, locale, expected }) => {
    const local = loadKnowledgeBase(FAQ, municipality);
    expect(expected).toBeTruthy();
    expect(local.answer(id, locale)).toBe(expected);
    expect(local.answer(id, locale)).not.toBe(kb.answer(id, locale));
    expect(local.answer(id, locale)?.length).toBeLessThanOrEqual(MAX_ANSWER_LENGTH);
  });

  it.each(['vaggeryd', 'borgholm'])('%s keeps the base answer where it lists none', (municipality) => {
    const local = loadKnowledgeBase(FAQ, municipality);
    const listed = new Set(Object.keys(raw.overlays.get(municipality)?.answers ?? {}));
    const unlisted = kb.ids.filter((id) => !listed.has(id));
    expect(unlisted.length).toBeGreaterThan(0);
    for (const id of unlisted) {
      for (const locale of LOCALES) expect(local.answer(id, locale)).toBe(kb.answer(id, locale));
    }
  });

  const markers = [...raw.overlays].flatMap(([municipality, overlay]) =>
    overlay.markers.map((marker) => ({ municipality, marker })),
  );

  it.each(['vaggeryd', 'borgholm'])('lists the markers of %s beside its answers', (municipality) => {
    expect(markers.filter((m) => m.municipality === municipality).length).toBeGreaterThan(3);
  });

  it.each(markers)(
    'keeps "$marker" in the $municipality overlay, out of every other answer',
    ({ municipality, marker }) => {
      const said = (text: string) => questionKey(text).includes(questionKey(marker));
      for (const entry of raw.entries) {
        for (const locale of LOCALES) expect(said(entry[locale].answer), `${entry.id} (${locale})`).toBe(false);
      }
      for (const [other, overlay] of raw.overlays) {
        const own = Object.values(overlay.answers).some((answer) => LOCALES.some((locale) => said(answer[locale])));
        if (other === municipality) expect(own, `${marker} in its own overlay`).toBe(true);
        else expect(own, `${marker} in ${other}`).toBe(false);
      }
    },
  );

  // A family with a protected identity must hear "ask the school", never that a list leaves them out: no seed says
  // that of Hub's contact list, and a wrong promise could expose where a child lives.
  const promisesToLeaveOut = [
    'kommer inte med på klasslistor',
    'syns inte i kontaktlistan',
    'inte med i skolkatalogen',
    'left out of class lists',
    'not shown in the contact list',
    'not in the school catalogue',
  ];
  const everyAnswer = [
    ...raw.entries.flatMap((entry) => LOCALES.map((locale) => ({ where: entry.id, text: entry[locale].answer }))),
    ...[...raw.overlays].flatMap(([municipality, overlay]) =>
      Object.entries(overlay.answers).flatMap(([id, answer]) =>
        LOCALES.map((locale) => ({ where: `${municipality} ${id}`, text: answer[locale] })),
      ),
    ),
  ];
  it.each(promisesToLeaveOut)('promises a family with a protected address nothing like "%s"', (promise) => {
    const promised = everyAnswer.filter(({ text }) => questionKey(text).includes(questionKey(promise)));
    expect(promised.map(({ where }) => where)).toEqual([]);
  });

  it('refuses an unknown municipality, naming it', () => {
    expect(() => loadKnowledgeBase(FAQ, 'atlantis')).toThrow(KnowledgeBaseError);
    expect(() => loadKnowledgeBase(FAQ, 'atlantis')).toThrow(/"atlantis"/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Broken knowledge bases

interface Localized {
  title: string;
  questions: string[];
  answer: string;
}
interface RawEntry {
  id: string;
  kind: string;
  followUps: string[];
  sv?: Localized;
  en?: Localized;
}

/** A valid entry; `questions` are unique per id and language. */
function entry(id: string, change: (e: RawEntry) => void = () => undefined): RawEntry {
  const questions = (lang: string) => Array.from({ length: MIN_QUESTIONS }, (_, i) => `${lang} ${id} fråga ${i + 1}?`);
  const result: RawEntry = {
    id,
    kind: 'faq',
    followUps: [],
    sv: { title: `Titel ${id}`, questions: questions('sv'), answer: `Svaret om ${id}.` },
    en: { title: `Title ${id}`, questions: questions('en'), answer: `The answer about ${id}.` },
  };
  change(result);
  return result;
}

const yaml = (...entries: RawEntry[]): string => stringify({ entries });

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** Writes files into a fresh temporary folder and returns it. */
function knowledgeBase(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-kb-'));
  temporary.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function loadError(dir: string, municipality?: string): KnowledgeBaseError {
  try {
    loadKnowledgeBase(dir, municipality);
  } catch (error) {
    if (error instanceof KnowledgeBaseError) return error;
    throw error;
  }
  throw new Error('the knowledge base loaded');
}

describe('a small valid knowledge base', () => {
  it('loads, with its answers, follow-ups and overlay', () => {
    const dir = knowledgeBase({
      'topic.yaml': yaml(
        entry('alpha'),
        entry('beta', (e) => (e.followUps = ['alpha'])),
      ),
      'overlays/testby.yaml': stringify({
        municipality: 'testby',
        name: { sv: 'Testby kommun', en: 'Testby municipality' },
        answers: { alpha: { sv: 'I Testby gäller annat.', en: 'In Testby it differs.' } },
      }),
    });
    const kb = loadKnowledgeBase(dir);
    expect(kb.ids).toEqual(['alpha', 'beta']);
    expect(kb.followUps('beta')).toEqual(['alpha']);
    expect(kb.answer('alpha', 'sv')).toBe('Svaret om alpha.');
    expect(loadKnowledgeBase(dir, 'testby').answer('alpha', 'en')).toBe('In Testby it differs.');
  });

  it('refuses an unknown municipality, naming it and the known ones', () => {
    const dir = knowledgeBase({ 'topic.yaml': yaml(entry('alpha')) });
    expect(loadError(dir, 'vaggeryd').message).toMatch(/"vaggeryd".*known: none/);
  });
});

describe('a broken entry stops loading, naming the file, the entry and the problem', () => {
  it.each<{ problem: string; entries: RawEntry[]; message: RegExp }>([
    {
      problem: 'missing en',
      entries: [entry('alpha'), entry('beta', (e) => delete e.en)],
      message: /\[beta\b.*en: .*(required|expected object)/i,
    },
    {
      problem: 'missing sv',
      entries: [entry('alpha', (e) => delete e.sv)],
      message: /\[alpha\b.*sv: .*(required|expected object)/i,
    },
    {
      problem: 'too few questions',
      entries: [entry('alpha'), entry('beta', (e) => e.sv?.questions.splice(2))],
      message: /\[beta\b.*sv\.questions: needs at least 8 example questions/,
    },
    {
      problem: 'bold markdown in an answer',
      entries: [entry('alpha', (e) => e.en && (e.en.answer = 'Click **Log in**.'))],
      message: /\[alpha\b.*en\.answer: the answer contains markdown/,
    },
    {
      problem: 'a markdown link in an answer',
      entries: [entry('alpha', (e) => e.sv && (e.sv.answer = 'Se [sidan](https://infomentor.se).'))],
      message: /\[alpha\b.*sv\.answer: the answer contains markdown/,
    },
    {
      problem: 'a markdown heading in an answer',
      entries: [entry('alpha', (e) => e.en && (e.en.answer = 'Some text.\n# Heading'))],
      message: /\[alpha\b.*en\.answer: the answer contains markdown/,
    },
    {
      problem: 'an answer that is too long',
      entries: [entry('alpha', (e) => e.en && (e.en.answer = 'word '.repeat(100)))],
      message: /\[alpha\b.*en\.answer: the answer is longer than 480 characters/,
    },
    {
      problem: 'an unknown kind',
      entries: [entry('alpha', (e) => (e.kind = 'chat'))],
      message: /\[alpha\b.*kind:/,
    },
  ])('$problem', ({ entries, message }) => {
    const dir = knowledgeBase({ 'topic.yaml': yaml(...entries) });
    const error = loadError(dir);
    expect(error.message).toContain(`${basename(dir)}/topic.yaml`);
    expect(error.message).toMatch(message);
  });

  it('invalid YAML names the file and where in it', () => {
    const dir = knowledgeBase({
      'good.yaml': yaml(entry('alpha')),
      'broken.yaml': 'entries:\n  - id: beta\n    kind: [faq\n',
    });
    const error = loadError(dir);
    expect(error.message).toContain(`${basename(dir)}/broken.yaml`);
    expect(error.message).toMatch(/not valid YAML.*line \d+/);
    expect(error.message).not.toContain('good.yaml');
  });

  it('reports every problem at once', () => {
    const dir = knowledgeBase({
      'a.yaml': yaml(entry('alpha', (e) => delete e.en)),
      'b.yaml': yaml(entry('beta', (e) => e.sv?.questions.splice(1))),
    });
    const error = loadError(dir);
    expect(error.problems).toHaveLength(2);
    expect(error.message).toMatch(/a\.yaml \[alpha\b/);
    expect(error.message).toMatch(/b\.yaml \[beta\b/);
  });
});

describe('entries that contradict each other stop loading, naming the entry and the problem', () => {
  it.each<{ problem: string; files: Record<string, string>; message: RegExp }>([
    {
      problem: 'an unknown follow-up id',
      files: { 'topic.yaml': yaml(entry('alpha', (e) => (e.followUps = ['gamma']))) },
      message: /\[alpha\]: unknown follow-up id "gamma"/,
    },
    {
      problem: 'an entry following up on itself',
      files: { 'topic.yaml': yaml(entry('alpha', (e) => (e.followUps = ['alpha']))) },
      message: /\[alpha\]: an entry cannot follow up on itself/,
    },
    {
      problem: 'the same question under two ids, ignoring case, punctuation and diacritics',
      files: {
        'a.yaml': yaml(entry('alpha', (e) => e.sv?.questions.push('Jag har glömt mitt lösenord'))),
        'b.yaml': yaml(entry('beta', (e) => e.sv?.questions.push('jag har GLOMT mitt losenord!'))),
      },
      message: /\[beta\]: the example question "jag har GLOMT mitt losenord!" is also listed under alpha/,
    },
    {
      problem: 'the same question in Swedish under one id and English under another',
      files: {
        'topic.yaml': yaml(
          entry('alpha', (e) => e.sv?.questions.push('BankID')),
          entry('beta', (e) => e.en?.questions.push('bankid?')),
        ),
      },
      message: /\[beta\]: the example question "bankid\?" is also listed under alpha/,
    },
    {
      problem: 'a duplicate id',
      files: { 'a.yaml': yaml(entry('alpha')), 'b.yaml': yaml(entry('alpha', (e) => e.sv?.questions.push('Annat?'))) },
      message: /b\.yaml \[alpha\]: the id is also used in .*a\.yaml/,
    },
    {
      problem: 'an overlay answering an unknown id',
      files: {
        'topic.yaml': yaml(entry('alpha')),
        'overlays/testby.yaml': stringify({
          municipality: 'testby',
          name: { sv: 'Testby kommun', en: 'Testby municipality' },
          answers: { gamma: { sv: 'Svar.', en: 'Answer.' } },
        }),
      },
      message: /overlays\/testby\.yaml \[gamma\]: the overlay answers an unknown id/,
    },
    {
      problem: "a base answer stating an overlay's marker, inflected and without å/ä/ö",
      files: {
        'topic.yaml': yaml(entry('alpha', (e) => e.sv && (e.sv.answer = 'I Testbys kommun gäller sju dagars lås.'))),
        'overlays/testby.yaml': testby({ alpha: { sv: 'I Testby är schemat låst.', en: 'Testby locks it.' } }),
      },
      message: /topic\.yaml \[alpha\]: the sv answer says "Testby", which only the testby overlay may say/,
    },
    {
      problem: "a base answer stating an overlay's rule, ignoring case and line breaks",
      files: {
        'topic.yaml': yaml(entry('alpha', (e) => e.en && (e.en.answer = 'It is LOCKED FOR\nSEVEN days everywhere.'))),
        'overlays/testby.yaml': testby({ alpha: { sv: 'I Testby är schemat låst.', en: 'Locked for seven days.' } }),
      },
      message: /\[alpha\]: the en answer says "locked for seven days", which only the testby overlay may say/,
    },
    {
      problem: "another municipality's overlay stating an overlay's marker",
      files: {
        'topic.yaml': yaml(entry('alpha')),
        'overlays/testby.yaml': testby({ alpha: { sv: 'I Testby är schemat låst.', en: 'Testby locks it.' } }),
        'overlays/annanby.yaml': stringify({
          municipality: 'annanby',
          name: { sv: 'Annanby kommun', en: 'Annanby municipality' },
          markers: ['Annanby'],
          answers: { alpha: { sv: 'I Annanby, som i Testby, är det låst.', en: 'Annanby locks it.' } },
        }),
      },
      message: /overlays\/annanby\.yaml \[alpha\]: the sv answer says "Testby", which only the testby overlay may say/,
    },
  ])('$problem', ({ files, message }) => {
    expect(loadError(knowledgeBase(files)).message).toMatch(message);
  });
});

/** An overlay for the fictitious Testby whose markers are its name and its seven-day lock. */
function testby(answers: Record<string, { sv: string; en: string }>): string {
  return stringify({
    municipality: 'testby',
    name: { sv: 'Testby kommun', en: 'Testby municipality' },
    markers: ['Testby', 'låst i sju dagar', 'locked for seven days'],
    answers,
  });
}

describe('markers', () => {
  it('match at the start of a word only, so a longer word that ends with one is no finding', () => {
    const dir = knowledgeBase({
      'topic.yaml': yaml(entry('alpha', (e) => e.sv && (e.sv.answer = 'Nytestbyborna har egna regler.'))),
      'overlays/testby.yaml': testby({
        alpha: { sv: 'I Testby är det låst i sju dagar.', en: 'Testby: locked for seven days.' },
      }),
    });
    expect(readKnowledge(dir).problems.filter((p) => p.message !== 'catalogue id missing')).toEqual([]);
  });

  it('that their own overlay never states, or an overlay without markers, are warnings', () => {
    const dir = knowledgeBase({
      'topic.yaml': yaml(entry('alpha')),
      'overlays/testby.yaml': testby({ alpha: { sv: 'I Testby är det låst.', en: 'Testby locks it.' } }),
      'overlays/annanby.yaml': stringify({
        municipality: 'annanby',
        name: { sv: 'Annanby kommun', en: 'Annanby municipality' },
        answers: { alpha: { sv: 'Svar.', en: 'Answer.' } },
      }),
    });
    const problems = readKnowledge(dir).problems.filter((p) => p.message !== 'catalogue id missing');
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(problems.map((p) => p.message)).toEqual([
      'the annanby overlay lists no markers, so nothing keeps its facts out of the base answers',
      'the marker "låst i sju dagar" is not in any testby answer',
      'the marker "locked for seven days" is not in any testby answer',
    ]);
    expect(() => loadKnowledgeBase(dir)).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The start-up snapshot

/** Everything a knowledge base tells the assistant, for comparing two of them. */
function everything(kb: KnowledgeBase) {
  return {
    ids: kb.ids,
    examples: kb.examples(),
    entries: kb.ids.map((id) => ({
      kind: kb.kind(id),
      followUps: kb.followUps(id),
      ...Object.fromEntries(LOCALES.map((locale) => [locale, [kb.title(id, locale), kb.answer(id, locale)]])),
    })),
    overlay: kb.overlay,
  };
}

describe('a knowledge base kept in a store', () => {
  it.each([undefined, 'vaggeryd'])('is read back as the same knowledge base (municipality %s)', (municipality) => {
    const store = countingStore();
    const parsed = loadKnowledgeBase(FAQ, municipality, { store });
    expect(store.writes).toBe(1);
    const kept = loadKnowledgeBase(FAQ, municipality, { store });
    expect(store.writes).toBe(1);
    expect(store.reads).toBe(2);
    expect(everything(kept)).toEqual(everything(parsed));
    expect(everything(kept)).toEqual(everything(loadKnowledgeBase(FAQ, municipality)));
  });

  it('is another snapshot when a file changes, and parsed again when its bytes are damaged', () => {
    const store = countingStore();
    const dir = knowledgeBase({ 'topic.yaml': yaml(entry('alpha'), entry('beta')) });
    loadKnowledgeBase(dir, undefined, { store });
    writeFileSync(join(dir, 'topic.yaml'), yaml(entry('alpha'), entry('gamma')));
    expect(loadKnowledgeBase(dir, undefined, { store }).ids).toEqual(['alpha', 'gamma']);
    expect(store.files.size).toBe(2);
    for (const bytes of store.files.values()) bytes[bytes.length - 2] = (bytes[bytes.length - 2] ?? 0) ^ 1;
    expect(loadKnowledgeBase(dir, undefined, { store }).ids).toEqual(['alpha', 'gamma']);
    expect(store.writes).toBe(3);
  });

  it('is never a knowledge base with errors: those stop every start', () => {
    const store = countingStore();
    const dir = knowledgeBase({ 'topic.yaml': yaml(entry('alpha', (e) => (e.followUps = ['nowhere']))) });
    for (let start = 0; start < 2; start++) {
      expect(() => loadKnowledgeBase(dir, undefined, { store })).toThrow(/unknown follow-up id "nowhere"/);
    }
    expect(store.writes).toBe(0);
  });
});
