/**
 * Every dialog and every FAQ answer through the SMS path: the real server's 46elks webhook (the body of the answer
 * is the SMS), the real assistant on the embedded demo school with a fixed school-day clock. Measures each reply in
 * segments (GSM-7 or UCS-2, exactly as a phone network counts them), follows "MER" until a long answer is out, and
 * reports the longest reply. Target: every reply ≤ 3 segments.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { createAdapter } from '../src/botframework/cloud-adapter.js';
import { createAssistant } from '../src/assistant.js';
import { countSegments, MAX_SEGMENTS, type SegmentCount, smsRoutes, toGsm } from '../src/channels/sms/index.js';
import { loadSettings } from '../src/config.js';
import type { Translations } from '../src/i18n.js';
import type { Locale } from '../src/nlu/types.js';
import { createServer } from '../src/server.js';
import type { TargetCheck } from './report.js';

/** Wednesday 25 November 2026, 09:00 in Stockholm (the dialog tests' day): today and tomorrow are school days. */
export const SMS_BENCH_CLOCK = '2026-11-25T08:00:00Z';

/** One guardian message of a script and, for the last, a text its reply must contain. */
interface SmsTurn {
  say: string;
  expect?: string;
}

/** A scripted conversation: who writes (a demo phone number, as a Swedish phone shows it) and what. */
interface SmsScript {
  id: string;
  /** A demo guardian's number in a local format; a number the school does not know for `unknown`. */
  from: string;
  turns: SmsTurn[];
}

/** The longest reply, where it came from. */
export interface LongestReply {
  /** The script, or `faq:<intent>:<locale>`. */
  where: string;
  say: string;
  segments: number;
  encoding: SegmentCount['encoding'];
  units: number;
}

export interface SmsResult {
  clock: string;
  scripts: { id: string; turns: number; ok: boolean }[];
  faq: { answers: number; asked: number; notReached: string[] };
  /** SMS sent by the assistant in all (each MER part counted). */
  replies: number;
  /** Replies that were cut and ended with "Skriv MER för resten". */
  cut: number;
  /** Replies per segment count. */
  bySegments: Record<string, number>;
  gsm7: number;
  ucs2: number;
  longest: LongestReply;
  /** Scripts whose reply missed the expected text (the dialog did not go as scripted). */
  failures: string[];
}

/** The dialog scripts: absence, leave, booking, changing and cancelling a meeting, in both languages. */
function scripts(t: Translations): SmsScript[] {
  const sv = (key: string, args: Record<string, unknown> = {}) => toGsm(t.sv(key, args));
  const en = (key: string, args: Record<string, unknown> = {}) => toGsm(t.en(key, args));
  const anna = '070-174 01 01';
  const omar = '0701740102';
  const leila = '+46 70 174 01 03';
  const lena = '070 174 01 04';
  const karim = '0046701740105';
  return [
    {
      id: 'absence-numbers-sv',
      from: anna,
      turns: [
        { say: 'Jag vill anmäla frånvaro' },
        { say: '1' },
        { say: '2' },
        { say: '1' },
        { say: '1' },
        { say: '1', expect: sv('absence.receipt', { names: 'Elsa' }) },
      ],
    },
    {
      id: 'absence-both-part-sv',
      from: anna,
      turns: [
        { say: 'anmäla frånvaro' },
        { say: 'HJÄLP' },
        { say: '3' },
        { say: 'i morgon' },
        { say: 'hela dagen' },
        { say: 'tandläkaren' },
        { say: 'ja', expect: 'Elsa och Nils' },
      ],
    },
    {
      id: 'absence-named-en',
      from: leila,
      turns: [
        { say: 'Yusuf is ill tomorrow' },
        { say: '2' },
        { say: 'yes', expect: en('absence.receipt', { names: 'Yusuf' }) },
      ],
    },
    {
      id: 'absence-after-lunch-sv',
      from: omar,
      turns: [{ say: 'Yusuf kommer efter lunch idag, han är hos tandläkaren' }, { say: 'ja', expect: 'Yusuf' }],
    },
    {
      id: 'leave-sv',
      from: anna,
      turns: [
        { say: 'Jag vill ansöka om ledighet' },
        { say: '3' },
        { say: '10–14 mars' },
        { say: 'resa till mormor' },
        { say: '1', expect: 'Elsa och Nils' },
        { say: 'status ledighet' },
      ],
    },
    {
      id: 'leave-en',
      from: omar,
      turns: [
        { say: 'I want to apply for leave' },
        { say: 'week 7' },
        { say: 'ski trip' },
        { say: 'yes', expect: 'Yusuf' },
        { say: 'leave status' },
      ],
    },
    {
      id: 'book-sv',
      from: omar,
      turns: [
        { say: 'Jag vill boka utvecklingssamtal' },
        { say: 'fler tider' },
        { say: 'MER' },
        { say: '2', expect: sv('meeting.booked') },
      ],
    },
    {
      id: 'book-en',
      from: anna,
      turns: [
        { say: 'I want to book a parent meeting' },
        { say: '1' },
        { say: 'more' },
        { say: '3', expect: en('meeting.booked') },
      ],
    },
    {
      id: 'change-sv',
      from: lena,
      turns: [{ say: 'boka utvecklingssamtal' }, { say: '1' }, { say: '2', expect: sv('meeting.changed') }],
    },
    {
      id: 'cancel-sv',
      from: lena,
      turns: [
        { say: 'Jag vill avboka utvecklingssamtalet' },
        { say: '1', expect: sv('meeting.cancelled', { name: 'Maja' }) },
      ],
    },
    {
      id: 'cancel-en',
      from: omar,
      turns: [{ say: 'cancel the parent meeting' }, { say: 'yes', expect: en('meeting.cancelled', { name: 'Yusuf' }) }],
    },
    {
      id: 'booking-not-open-sv',
      from: karim,
      turns: [{ say: 'boka utvecklingssamtal' }],
    },
    {
      id: 'unknown-number-sv',
      from: '070-174 09 99',
      turns: [{ say: 'Jag vill anmäla frånvaro' }, { say: 'HJÄLP' }, { say: 'STOPP' }, { say: 'START' }],
    },
  ];
}

/** What the measuring keeps while the conversations run. */
class Tally {
  replies = 0;
  cut = 0;
  gsm7 = 0;
  ucs2 = 0;
  readonly bySegments: Record<string, number> = {};
  longest: LongestReply = { where: '', say: '', segments: 0, encoding: 'GSM-7', units: 0 };

  constructor(private readonly footers: string[]) {}

  add(where: string, say: string, reply: string): SegmentCount {
    const count = countSegments(reply);
    this.replies++;
    if (count.encoding === 'GSM-7') this.gsm7++;
    else this.ucs2++;
    this.bySegments[String(count.segments)] = (this.bySegments[String(count.segments)] ?? 0) + 1;
    if (this.footers.some((footer) => reply.includes(footer))) this.cut++;
    const longer =
      count.segments > this.longest.segments ||
      (count.segments === this.longest.segments && count.units > this.longest.units);
    if (longer) this.longest = { where, say, ...count };
    return count;
  }

  /** True when the reply was cut (ends with the MER footer). */
  isCut(reply: string): boolean {
    return this.footers.some((footer) => reply.includes(footer));
  }
}

/**
 * Runs every script and every FAQ answer (one example question per answer and language that the matcher answers
 * outright, from a number of its own) through `POST /api/sms/46elks`, following MER after each cut reply.
 */
export async function measureSms(): Promise<SmsResult> {
  const secret = randomBytes(16).toString('hex');
  const settings = loadSettings({
    HUB_DB_PATH: ':memory:',
    LOG_LEVEL: 'silent',
    HUB_46ELKS_SECRET: secret,
    // The scripts send more than a guardian would in an hour from one number; the limit has its own tests.
    HUB_SMS_RATE_LIMIT: '10000',
  });
  const logger = pino({ level: 'silent' });
  const clock = () => new Date(SMS_BENCH_CLOCK);
  const assistant = createAssistant(settings, logger, { clock });
  const deps = { settings, assistant, logger };
  const server = createServer({
    adapter: createAdapter(settings, logger, assistant.translations),
    bot: assistant.bot,
    logger,
    routes: [smsRoutes(deps)],
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}/api/sms/46elks?secret=${secret}`;
  const t = assistant.translations;
  const footers = (['sv', 'en'] as const).map((locale: Locale) => toGsm(t[locale]('sms.more')));
  const tally = new Tally(footers);
  let sequence = 0;

  const send = async (from: string, text: string): Promise<string> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        direction: 'incoming',
        id: `bench-${++sequence}`,
        from,
        to: '+46766860000',
        message: text,
      }),
    });
    const body = await response.text();
    if (response.status !== 200 && response.status !== 204) {
      throw new Error(`bench: the 46elks webhook answered HTTP ${response.status}: ${body.slice(0, 120)}`);
    }
    return response.status === 200 ? body : '';
  };

  /** Sends a message and every MER its reply asks for; returns the first reply. */
  const exchange = async (where: string, from: string, say: string, moreWord: string): Promise<string> => {
    const first = await send(from, say);
    if (first) tally.add(where, say, first);
    let reply = first;
    for (let parts = 0; reply && tally.isCut(reply) && parts < 10; parts++) {
      reply = await send(from, moreWord);
      if (reply) tally.add(where, `${say} → ${moreWord}`, reply);
    }
    return first;
  };

  const results: SmsResult['scripts'] = [];
  const failures: string[] = [];
  const notReached: string[] = [];
  let answers = 0;
  let asked = 0;
  try {
    for (const script of scripts(t)) {
      let ok = true;
      for (const turn of script.turns) {
        const reply = await exchange(script.id, script.from, turn.say, 'MER');
        if (turn.expect && !reply.includes(turn.expect)) {
          ok = false;
          failures.push(
            `${script.id} "${turn.say}": expected "${turn.expect}", got "${reply.replace(/\s+/g, ' ').slice(0, 120)}"`,
          );
        }
      }
      results.push({ id: script.id, turns: script.turns.length, ok });
    }

    const { knowledge, matcher } = assistant;
    const examples = knowledge.examples().filter((e) => e.intent !== null && e.weight === undefined);
    let number = 200;
    for (const intent of knowledge.ids) {
      if (knowledge.kind(intent) !== 'faq') continue;
      for (const locale of ['sv', 'en'] as const) {
        answers++;
        const question = examples.find((e) => {
          if (e.intent !== intent || e.locale !== locale) return false;
          const result = matcher.classify(e.text, locale);
          return result.intent === intent && !result.ambiguous && result.locale === locale;
        });
        if (!question) {
          notReached.push(`${intent} (${locale})`);
          continue;
        }
        asked++;
        // A number of its own per question: a new conversation, in the question's language.
        await exchange(
          `faq:${intent}:${locale}`,
          `070-174 0${number++}`,
          question.text,
          locale === 'sv' ? 'MER' : 'MORE',
        );
      }
    }
  } finally {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
    assistant.db.close();
  }
  return {
    clock: SMS_BENCH_CLOCK,
    scripts: results,
    faq: { answers, asked, notReached },
    replies: tally.replies,
    cut: tally.cut,
    bySegments: tally.bySegments,
    gsm7: tally.gsm7,
    ucs2: tally.ucs2,
    longest: tally.longest,
    failures,
  };
}

/** The report's SMS section. */
export function formatSms(result: SmsResult, check: TargetCheck, section = 6): string {
  const verdict = `${check.op === '>=' ? '≥' : '≤'} ${check.target} segments  ${check.pass ? 'PASS' : 'MISS'}`;
  const distribution = Object.entries(result.bySegments)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([segments, count]) => `${segments}: ${count}`)
    .join(' · ');
  const { longest } = result;
  return [
    `${section}. SMS: ${result.scripts.length} dialog scripts (${result.scripts.filter((s) => s.ok).length} as scripted) ` +
      `and ${result.faq.asked}/${result.faq.answers} FAQ answers over the 46elks webhook, clock ${result.clock}`,
    `  ${result.replies} replies (${result.gsm7} GSM-7, ${result.ucs2} UCS-2), ${result.cut} cut with MER; ` +
      `by segments: ${distribution}`,
    `  longest reply ${longest.segments} segments (${longest.units} ${longest.encoding === 'GSM-7' ? 'septets' : 'UCS-2 units'}): ` +
      `${longest.where} "${longest.say}"  ${verdict}`,
    ...(result.faq.notReached.length
      ? [`  FAQ answers no example question reaches outright: ${result.faq.notReached.join(', ')}`]
      : []),
    ...result.failures.map((failure) => `  NOT AS SCRIPTED: ${failure}`),
  ].join('\n');
}

/** Every reply must fit in this many segments. */
export const SMS_TARGET_SEGMENTS = MAX_SEGMENTS;
