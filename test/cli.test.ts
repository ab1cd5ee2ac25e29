import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Responder } from '../src/bot/responder.js';
import { loadTranslations, type Translations } from '../src/i18n.js';
import { type KnowledgeBase, loadKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { openDatabase } from '../src/storage/database.js';
import { type UnansweredInput, UnansweredStore } from '../src/triage/unanswered-store.js';
import { linesOf, runCommand } from './support/cli.js';
import {
  PARKING_QUESTION,
  removeTempDirs,
  required,
  tempDir,
  twinKnowledgeBase,
  writeFile,
} from './support/fixtures.js';

let knowledge: KnowledgeBase;
let translations: Translations;

beforeAll(() => {
  knowledge = loadKnowledgeBase('faq');
  translations = loadTranslations();
});

afterEach(() => {
  removeTempDirs();
});

const jsonLines = (...values: unknown[]) => values.map((value) => JSON.stringify(value)).join('\n') + '\n';

interface Classified {
  intent: string | null;
  confidence: number;
  locale: string;
  alternatives: { intent: string; confidence: number }[];
  /** What the bot does with the message (an addition to the documented fields). */
  action: string;
}

function expectClassification(line: string | undefined): Classified {
  const parsed = JSON.parse(required(line, 'output line')) as Classified;
  // The documented fields, and `action` added beside them.
  expect(Object.keys(parsed).sort()).toEqual(['action', 'alternatives', 'confidence', 'intent', 'locale']);
  expect(parsed.confidence).toBeGreaterThanOrEqual(0);
  expect(parsed.confidence).toBeLessThanOrEqual(1);
  expect(parsed.alternatives.length).toBeLessThanOrEqual(5);
  const confidences = parsed.alternatives.map((a) => a.confidence);
  expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  for (const alternative of parsed.alternatives)
    expect(Object.keys(alternative).sort()).toEqual(['confidence', 'intent']);
  return parsed;
}

describe('classify', () => {
  it('answers each JSON line with one JSON line: intent, confidence, locale, alternatives', async () => {
    const { code, stdout, stderr } = await runCommand(['classify'], {
      stdin: jsonLines(
        { text: 'Hur anmäler jag frånvaro?' },
        { text: 'How do I report absence?', locale: 'en' },
        { text: 'vad blir det för lunch idag', locale: 'sv' },
      ),
    });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = linesOf(stdout);
    expect(lines).toHaveLength(3);
    expect(expectClassification(lines[0])).toMatchObject({ intent: 'absence.report', locale: 'sv' });
    expect(expectClassification(lines[1])).toMatchObject({ intent: 'absence.report', locale: 'en' });
    expect(expectClassification(lines[2])).toMatchObject({ intent: null, locale: 'sv' });
  });

  it('answers a bad line with an error line and goes on with the next', async () => {
    const { code, stdout } = await runCommand(['classify'], {
      stdin: `this is not JSON\n${jsonLines({ txt: 'wrong field' }, { text: 'I forgot my password' })}`,
    });
    expect(code).toBe(0);
    const lines = linesOf(stdout);
    expect(lines).toHaveLength(3);
    const first = JSON.parse(required(lines[0], 'line 1')) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(['error']);
    expect(first.error).toMatch(/line 1/);
    expect(JSON.parse(required(lines[1], 'line 2'))).toEqual({ error: expect.stringMatching(/line 2/) as unknown });
    expect(expectClassification(lines[2])).toMatchObject({ intent: 'login.forgot_password', locale: 'en' });
  });

  it('--faq DIR classifies against that knowledge base (without the configured overlay)', async () => {
    const dir = twinKnowledgeBase(tempDir());
    const { code, stdout } = await runCommand(['classify', '--faq', dir], {
      stdin: jsonLines({ text: PARKING_QUESTION.sv }, { text: PARKING_QUESTION.en }),
      env: { HUB_MUNICIPALITY: 'vaggeryd' },
    });
    expect(code).toBe(0);
    const lines = linesOf(stdout);
    expect(expectClassification(lines[0])).toMatchObject({ intent: 'parking.permit', locale: 'sv' });
    expect(expectClassification(lines[1])).toMatchObject({ intent: 'parking.permit', locale: 'en' });
  });

  // What the bot would do with the line as the first message of a new conversation (no locale: none from a channel).
  const decisions: { text: string; locale?: 'sv' | 'en'; intent: string | null; answersIn: string; action: string }[] =
    [
      { text: 'password', intent: 'login.forgot_password', answersIn: 'en', action: 'answer' },
      { text: 'password', locale: 'sv', intent: 'login.forgot_password', answersIn: 'sv', action: 'answer' },
      { text: 'lösenord', intent: 'login.forgot_password', answersIn: 'sv', action: 'answer' },
      { text: 'Elsa mår dåligt', intent: 'absence.report', answersIn: 'sv', action: 'task' },
      { text: "we're keeping her at home today", intent: 'absence.report', answersIn: 'en', action: 'task' },
      { text: 'frånvaro', intent: 'absence.report', answersIn: 'sv', action: 'task' },
      { text: 'innebandyläger vecka 9', intent: 'leave.apply', answersIn: 'sv', action: 'task' },
      { text: 'a family wedding in Poland', intent: 'leave.apply', answersIn: 'en', action: 'task' },
      { text: 'svara på engelska', locale: 'sv', intent: 'language.switch', answersIn: 'en', action: 'switchLanguage' },
      {
        text: 'how do I change the language in the app?',
        locale: 'en',
        intent: null,
        answersIn: 'en',
        action: 'unknown',
      },
    ];

  describe('prints what the bot does with the first message of a new conversation', () => {
    let lines: string[] = [];
    beforeAll(async () => {
      const input = jsonLines(...decisions.map(({ text, locale }) => ({ text, ...(locale ? { locale } : {}) })));
      const { code, stdout } = await runCommand(['classify'], { stdin: input });
      expect(code).toBe(0);
      lines = linesOf(stdout);
      expect(lines).toHaveLength(decisions.length);
    });

    it.each(decisions.map((decision, index) => ({ ...decision, index })))(
      '$text (locale $locale) → $intent, answered in $answersIn ($action)',
      ({ index, intent, answersIn, action }) => {
        expect(expectClassification(lines[index])).toMatchObject({ intent, locale: answersIn, action });
      },
    );
  });

  it('a missing --faq folder → exit 1 with the problem on stderr', async () => {
    const missing = join(tempDir(), 'nowhere');
    const { code, stderr } = await runCommand(['classify', '--faq', missing], { stdin: '' });
    expect(code).toBe(1);
    expect(stderr).toContain('nowhere');
  });
});

describe('nlu-eval', () => {
  const train = [
    ...[
      'Hur anmäler jag frånvaro?',
      'Mitt barn är sjukt idag',
      'Jag vill sjukanmäla min dotter',
      'frånvaroanmälan',
      'Min son har feber och stannar hemma',
    ].map((text) => ({ text, intent: 'absence', locale: 'sv' })),
    ...[
      'Hur ansöker jag om ledighet?',
      'Vi ska resa bort en vecka, hur söker jag ledigt?',
      'ledighetsansökan',
      'Kan mitt barn få ledigt för en resa?',
      'Var gör man en ledighetsansökan?',
    ].map((text) => ({ text, intent: 'leave', locale: 'sv' })),
    ...['How do I report absence?', 'My child is ill today', 'absence report'].map((text) => ({
      text,
      intent: 'absence',
      locale: 'en',
    })),
    ...['How do I apply for leave?', 'Can my child get time off for a trip?', 'leave request'].map((text) => ({
      text,
      intent: 'leave',
      locale: 'en',
    })),
    ...['Vad blir det för lunch idag?', 'När går skolbussen?'].map((text) => ({ text, intent: null, locale: 'sv' })),
    ...["What's for lunch today?", 'When does the school bus leave?'].map((text) => ({
      text,
      intent: null,
      locale: 'en',
    })),
  ];
  const test = [
    { text: 'Hur anmäler jag frånvaro för min son?', intent: 'absence', locale: 'sv' },
    { text: 'Hur ansöker jag om ledighet för en resa?', intent: 'leave', locale: 'sv' },
    { text: 'How do I report my child absent?', intent: 'absence', locale: 'en' },
    // Deliberately mislabelled: a training example of "absence", so it must show up as leave → absence.
    { text: 'Mitt barn är sjukt idag', intent: 'leave', locale: 'sv' },
    { text: 'Vad blir det för lunch idag?', intent: null, locale: 'sv' },
  ];

  function files(): { trainFile: string; testFile: string } {
    const dir = tempDir();
    return {
      trainFile: writeFile(join(dir, 'train.jsonl'), jsonLines(...train)),
      testFile: writeFile(join(dir, 'test.jsonl'), jsonLines(...test)),
    };
  }

  it('--json prints the report as one JSON object, with the confused line among the confusions', async () => {
    const { trainFile, testFile } = files();
    const { code, stdout } = await runCommand(['nlu-eval', '--train', trainFile, '--test', testFile, '--json']);
    expect(code).toBe(0);
    const lines = linesOf(stdout);
    expect(lines).toHaveLength(1);
    const report = JSON.parse(required(lines[0], 'report')) as Record<string, unknown>;
    for (const key of ['inScopeAccuracy', 'oosRecall', 'macroF1', 'perIntent', 'confusions']) {
      expect(report).toHaveProperty(key);
    }
    expect(report.inScopeAccuracy).toEqual(expect.any(Number));
    expect(report.oosRecall).toEqual(expect.any(Number));
    expect(report.macroF1).toEqual(expect.any(Number));
    expect(Object.keys(report.perIntent as object)).toEqual(expect.arrayContaining(['absence', 'leave']));
    expect(report.confusions).toEqual(
      expect.arrayContaining([{ expected: 'leave', predicted: 'absence', count: expect.any(Number) as unknown }]),
    );
  });

  it('without --json prints a readable summary', async () => {
    const { trainFile, testFile } = files();
    const { code, stdout } = await runCommand(['nlu-eval', '--train', trainFile, '--test', testFile]);
    expect(code).toBe(0);
    expect(stdout).toContain('in-scope accuracy');
    expect(stdout).toContain('leave → absence');
  });

  it('without --test → exit 2 with the usage on stderr', async () => {
    const { trainFile } = files();
    const { code, stdout, stderr } = await runCommand(['nlu-eval', '--train', trainFile]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--test');
    expect(stderr).toContain('Usage: hub-assistant');
  });

  it('an unknown option → exit 2 with the usage', async () => {
    const { code, stderr } = await runCommand(['nlu-eval', '--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: hub-assistant');
  });
});

describe('faq-check', () => {
  it('passes on the real knowledge base', async () => {
    const { code, stdout } = await runCommand(['faq-check', '--faq', 'faq']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(`${knowledge.ids.length} entries, \\d+ municipality overlay\\(s\\), 0 error\\(s\\)`),
    );
  });

  it('fails on a broken knowledge base, naming the file and the entry', async () => {
    const dir = tempDir();
    writeFile(
      join(dir, 'broken.yaml'),
      [
        'entries:',
        '  - id: login.broken',
        '    kind: faq',
        '    followUps: [does.not_exist]',
        '    sv:',
        '      title: Trasig',
        '      questions: [En fråga, Två frågor]',
        '      answer: Ett svar.',
        '    en:',
        '      title: Broken',
        '      questions: [One question, Two questions]',
        '      answer: An answer.',
        '',
      ].join('\n'),
    );
    const { code, stdout } = await runCommand(['faq-check', '--faq', dir]);
    expect(code).toBe(1);
    const errors = linesOf(stdout).filter((line) => line.startsWith('error:'));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((line) => line.includes('broken.yaml') && line.includes('[login.broken'))).toBe(true);
    expect(stdout).toMatch(/needs at least 8 example questions/);
    expect(stdout).toMatch(/[1-9]\d* error\(s\)/);
  });
});

describe('unanswered', () => {
  function databaseWith(entries: UnansweredInput[]): string {
    const file = join(tempDir(), 'hub.db');
    const db = openDatabase(file);
    try {
      const store = new UnansweredStore(db);
      for (const entry of entries) store.record(entry);
    } finally {
      db.close();
    }
    return file;
  }

  const now = Date.now();
  const entry = (text: string, minutesAgo: number, extra: Partial<UnansweredInput> = {}): UnansweredInput => ({
    text,
    locale: 'sv',
    channel: 'webchat',
    reason: 'abstained',
    at: new Date(now - minutesAgo * 60_000),
    ...extra,
  });
  const recorded = [
    entry('När går skolbussen på morgonen?', 1),
    entry('Vad blir det för lunch idag?', 2),
    entry('När går skolbussen på morgonen', 3, { channel: 'msteams' }),
    entry('vad blir det för lunch idag', 4, { channel: 'msteams' }),
    entry('Hur söker man till gymnasiet?', 5),
    entry('Vad blir det för lunch idag??', 6, { channel: 'directline' }),
    entry('Vad kostar fotbollsskolan på sommaren?', 60 * 24 * 200),
  ];
  // Long enough to keep the 200-day-old question (the default keeps 90 days).
  const keepYear = { HUB_UNANSWERED_RETENTION_DAYS: '365' };

  it('groups similar questions, most frequent first', async () => {
    const { code, stdout } = await runCommand(['unanswered'], {
      env: { HUB_DB_PATH: databaseWith(recorded), ...keepYear },
    });
    expect(code).toBe(0);
    const lines = linesOf(stdout);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\s*3 × .*lunch/i);
    expect(lines[0]).toContain('directline,msteams,webchat');
    expect(lines[1]).toMatch(/^\s*2 × .*skolbussen/);
    expect(lines.slice(2).every((line) => /^\s*1 × /.test(line))).toBe(true);
  });

  it('--json prints the groups; --since leaves older questions out', async () => {
    const file = databaseWith(recorded);
    const { code, stdout } = await runCommand(['unanswered', '--json'], { env: { HUB_DB_PATH: file, ...keepYear } });
    expect(code).toBe(0);
    const groups = JSON.parse(stdout) as { example: string; count: number; channels: string[]; texts: string[] }[];
    expect(groups.map((g) => g.count)).toEqual([3, 2, 1, 1]);
    expect(groups[0]?.channels).toEqual(['directline', 'msteams', 'webchat']);
    expect(groups[0]?.texts).toHaveLength(3);

    const since = new Date(now - 60 * 24 * 3_600_000).toISOString();
    const recent = await runCommand(['unanswered', '--json', '--since', since], {
      env: { HUB_DB_PATH: file, ...keepYear },
    });
    const recentGroups = JSON.parse(recent.stdout) as { example: string; count: number }[];
    expect(recentGroups.map((g) => g.count)).toEqual([3, 2, 1]);
    expect(recent.stdout).not.toContain('fotbollsskolan');
  });

  it('never lists a question older than HUB_UNANSWERED_RETENTION_DAYS (90 by default), --since or not', async () => {
    const file = databaseWith(recorded);
    const plain = await runCommand(['unanswered'], { env: { HUB_DB_PATH: file } });
    expect(linesOf(plain.stdout)).toHaveLength(3);
    expect(plain.stdout).not.toContain('fotbollsskolan');
    const early = await runCommand(['unanswered', '--since', '2000-01-01'], { env: { HUB_DB_PATH: file } });
    expect(early.stdout).not.toContain('fotbollsskolan');
  });

  it('--since that is not a date → exit 2 with what it must be', async () => {
    const { code, stderr } = await runCommand(['unanswered', '--since', 'last week'], {
      env: { HUB_DB_PATH: databaseWith(recorded) },
    });
    expect(code).toBe(2);
    expect(stderr).toContain('--since must be a date');
  });

  it('says so when nothing is recorded', async () => {
    const { code, stdout } = await runCommand(['unanswered'], { env: { HUB_DB_PATH: databaseWith([]) } });
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('No unanswered questions recorded.');
  });
});

describe('commands and usage', () => {
  it('an unknown command → exit 2 with its name and the usage', async () => {
    const { code, stderr } = await runCommand(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown command: frobnicate');
    expect(stderr).toContain('Usage: hub-assistant');
  });

  it('no command → exit 2 with the usage; help → exit 0', async () => {
    expect((await runCommand([])).code).toBe(2);
    const help = await runCommand(['help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toContain('Usage: hub-assistant');
  });
});

describe('chat', () => {
  it('"hej", "1", "/quit" → the welcome with numbered starters, then answers', async () => {
    const { code, stdout } = await runCommand(['chat'], { stdin: 'hej\n1\n/quit\n' });
    expect(code).toBe(0);
    const welcome = translations.sv('welcome');
    const starters = new Responder(knowledge, translations).welcome('sv').offered.map((choice) => choice.title);
    expect(starters.length).toBeGreaterThan(0);

    // One segment per turn, separated by the prompt: the welcome, the reply to "hej", the reply to "1".
    const [opening, afterHej, afterOne, rest] = stdout.split('> ');
    expect(rest).toBe('');
    expect(required(opening, 'opening').trim()).toBe(
      [welcome, '', ...starters.map((title, i) => `${i + 1}. ${title}`)].join('\n'),
    );
    const answers = knowledge.ids.map((id) => required(knowledge.answer(id, 'sv'), id));
    // "hej" is answered (greeting, or "did you mean" with numbered choices); "1" picks the first choice.
    expect(required(afterHej, 'reply to hej').trim()).toMatch(/\n1\. /);
    expect(answers.some((answer) => required(afterOne, 'reply to 1').includes(answer))).toBe(true);
  });

  it('--locale en starts in English; a bad --locale → exit 2', async () => {
    const english = await runCommand(['chat', '--locale', 'en'], { stdin: '/quit\n' });
    expect(english.code).toBe(0);
    expect(english.stdout).toContain(translations.en('welcome'));
    const bad = await runCommand(['chat', '--locale', 'de'], { stdin: '/quit\n' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--locale');
  });
});

describe('school-api', () => {
  it('serves the demo school over the documented API, with the token required', async () => {
    const dir = tempDir();
    const child = spawn(
      process.execPath,
      ['bin/hub-assistant.js', 'school-api', '--port', '0', '--db', join(dir, 'school.db'), '--token', 't0ken'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const [chunk] = (await once(required(child.stdout, 'stdout'), 'data')) as [Buffer];
      const url = required(/http:\/\/[\d.]+:\d+/.exec(chunk.toString())?.[0], 'server url');
      const document = (await (await fetch(`${url}/openapi.json`)).json()) as { openapi: string };
      expect(document.openapi).toMatch(/^3\./);
      const children = `${url}/v1/guardians/guardian-anna/children`;
      expect((await fetch(children)).status).toBe(401);
      const answer = await fetch(children, { headers: { authorization: 'Bearer t0ken' } });
      expect(((await answer.json()) as { name: string }[]).map((c) => c.name).sort()).toEqual(['Elsa', 'Nils']);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
