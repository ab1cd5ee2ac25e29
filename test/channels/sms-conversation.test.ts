import { describe, expect, it } from 'vitest';
import { DEMO } from '../../src/backend/embedded/demo-school.js';
import { countSegments } from '../../src/channels/sms/index.js';
import {
  ANNA_E164,
  ANNA_LOCAL,
  PHONE_IN_LOGS,
  postElks,
  postTwilio,
  type SmsWorld,
  sms,
  smsWorld,
  t,
} from './sms-harness.js';

const anna = DEMO.guardians.anna.id;
const { elsa } = DEMO.children;

/** An FAQ question whose answer and follow-ups together are longer than three segments. */
const LONG_QUESTION = 'Hur loggar jag in?';
const MORE_SV = 'Skriv MER för resten';
const MORE_EN = 'Reply MORE for the rest';

/** The text of a reply without its "MER" footer. */
const body = (reply: string, footer: string) => reply.slice(0, reply.length - footer.length).trimEnd();

describe('a long answer and "MER"', () => {
  it('is cut at a sentence end into ≤ 3 segments ending "Skriv MER för resten"; MER sends the rest', async () => {
    const world = await smsWorld();
    const first = await sms(world, '46elks', LONG_QUESTION);
    expect(first.endsWith(`\n${MORE_SV}`)).toBe(true);
    expect(body(first, MORE_SV)).toMatch(/[.!?:]$|\n\d+\. .+$/);
    const turns = world.turns();
    const rest = await sms(world, '46elks', 'MER');
    expect(world.turns(), 'MER is answered from the kept rest, not by the bot').toBe(turns);
    expect(rest).not.toContain(MORE_SV);
    // Nothing is lost: the two parts hold the whole answer and its follow-ups.
    const whole = `${body(first, MORE_SV)}\n${rest}`;
    expect(whole).toContain('följer du instruktionerna du fått från skolan.');
    expect(whole).toMatch(/1\. .+\n2\. .+\n3\. .+$/);
    // With nothing kept, "mer" is an ordinary message for the bot.
    await sms(world, '46elks', 'mer');
    expect(world.turns()).toBe(turns + 1);
  });

  it('says "Reply MORE for the rest" in an English conversation and takes MORE in any case', async () => {
    const world = await smsWorld();
    const first = await sms(world, 'twilio', 'How do I log in?');
    expect(first.endsWith(`\n${MORE_EN}`)).toBe(true);
    const rest = await sms(world, 'twilio', 'more.');
    expect(rest).toMatch(/1\. .+/);
    expect(rest).not.toContain(MORE_EN);
  });

  it('is dropped by any other message', async () => {
    const world = await smsWorld();
    await sms(world, '46elks', LONG_QUESTION);
    await sms(world, '46elks', 'tack');
    const turns = world.turns();
    const reply = await sms(world, '46elks', 'MER');
    expect(world.turns(), 'MER went to the bot: the rest was dropped').toBe(turns + 1);
    expect(reply).not.toContain('1. ');
  });

  it('survives a restart (the rest is kept in the database)', async () => {
    const world = await smsWorld();
    await sms(world, '46elks', LONG_QUESTION);
    const rest = await world.restartChannel().receive({ provider: '46elks', from: ANNA_E164, text: 'MER' });
    expect(rest).toMatch(/\d\. .+/);
  });
});

describe('STOPP and START', () => {
  it('opts the number out with one confirmation, then silence until START', async () => {
    const world = await smsWorld();
    expect(await sms(world, 'twilio', 'Stopp!')).toBe(t(world, 'sv', 'sms.stopped'));
    const turns = world.turns();
    const quiet = await postTwilio(world, 'Jag vill anmäla frånvaro');
    expect(quiet.status).toBe(200);
    expect(quiet.text).toBeUndefined();
    expect((await postTwilio(world, 'STOPP')).text, 'no second confirmation').toBeUndefined();
    expect((await postElks(world, 'HJÄLP')).status).toBe(204);
    expect(world.turns(), 'the bot never sees an opted-out number').toBe(turns);

    expect(await sms(world, 'twilio', 'START')).toBe(t(world, 'sv', 'sms.started'));
    expect(await sms(world, 'twilio', LONG_QUESTION)).toContain('infomentor.se');
    expect(world.turns()).toBe(turns + 1);
  });

  it('is stored: the opt-out outlives a restart, and STOP/START answer in English', async () => {
    const world = await smsWorld();
    expect(await sms(world, '46elks', ' stop ')).toBe(t(world, 'en', 'sms.stopped'));
    const restarted = world.restartChannel();
    expect(await restarted.receive({ provider: '46elks', from: ANNA_E164, text: 'hello' })).toBeUndefined();
    // "START" is the same word in both languages: the answer is in the language of the opt-out.
    expect(await restarted.receive({ provider: '46elks', from: ANNA_E164, text: 'Start' })).toBe(
      t(world, 'en', 'sms.started'),
    );
  });

  it('only the whole message is a keyword: "stoppa" and "stopp för idag tack" go to the bot', async () => {
    const world = await smsWorld();
    await sms(world, 'twilio', 'stopp för idag tack');
    await sms(world, 'twilio', 'stoppa');
    expect(world.turns()).toBe(2);
    expect(await sms(world, 'twilio', 'hej')).not.toBe('');
  });
});

describe('HJÄLP', () => {
  it('explains the current step and adds the SMS footer (numbers, MER, STOPP)', async () => {
    const world = await smsWorld();
    await sms(world, 'twilio', 'Jag vill anmäla frånvaro');
    const help = await sms(world, 'twilio', 'HJÄLP');
    expect(help).toContain(t(world, 'sv', 'absence.help.child').split('.')[0]);
    expect(help).toContain(t(world, 'sv', 'sms.helpFooter'));
    // The dialog goes on where it was.
    expect(await sms(world, 'twilio', '1')).toContain('i dag eller i morgon för Elsa');
  });

  it('outside a task says what the assistant can do, with the footer', async () => {
    const world = await smsWorld();
    const help = await sms(world, '46elks', 'hjälp');
    expect(help).toContain('Jag kan svara på frågor');
    expect(help.endsWith(t(world, 'sv', 'sms.helpFooter'))).toBe(true);
    // The footer is in the conversation's language.
    const omar = '070-174 01 02';
    await sms(world, '46elks', 'How do I log in?', omar);
    const en = await sms(world, '46elks', 'HELP', omar);
    expect(en).toContain('I can answer questions');
    // Too long with the footer: cut, and the footer stays at the end.
    expect(en.endsWith(`${MORE_EN}\n\n${t(world, 'en', 'sms.helpFooter')}`)).toBe(true);
    expect(await sms(world, '46elks', 'MORE', omar)).not.toContain(t(world, 'en', 'sms.helpFooter'));
  });

  it('answers a first HELP from a new number in English, and a first HJÄLP in Swedish', async () => {
    const world = await smsWorld();
    const en = await sms(world, '46elks', 'HELP', '070-174 01 02');
    expect(en).toContain('I can answer questions');
    expect(en).toContain(t(world, 'en', 'sms.helpFooter'));
    const sv = await sms(world, '46elks', 'Hjälp', '070-174 01 03');
    expect(sv).toContain('Jag kan svara på frågor');
    expect(sv).toContain(t(world, 'sv', 'sms.helpFooter'));
  });
});

describe('the rate limit', () => {
  it('stops running the bot past HUB_SMS_RATE_LIMIT an hour: one notice, then silence, then answers again', async () => {
    const world = await smsWorld({ env: { HUB_SMS_RATE_LIMIT: '3' } });
    for (let i = 0; i < 3; i++) {
      expect(await sms(world, 'twilio', 'Hur loggar jag in?')).toContain('infomentor.se');
      world.clock.advance(60_000);
    }
    expect(await sms(world, 'twilio', 'Hur loggar jag in?')).toBe(t(world, 'sv', 'sms.rateLimited'));
    expect((await postTwilio(world, 'Hur loggar jag in?')).text).toBeUndefined();
    expect((await postTwilio(world, 'MER')).text).toBeUndefined();
    expect(world.turns()).toBe(3);
    // Another number is not affected.
    expect(await sms(world, 'twilio', 'Hur loggar jag in?', '0701740102')).toContain('infomentor.se');

    // The window slides: an hour after the first message, one more is let through.
    world.clock.advance(60 * 60_000 - 3 * 60_000 + 1);
    expect(await sms(world, 'twilio', 'Hur loggar jag in?')).toContain('infomentor.se');
    expect(await sms(world, 'twilio', 'Hur loggar jag in?')).toBe(t(world, 'sv', 'sms.rateLimited'));
    expect(world.turns()).toBe(5);
  });

  it('still takes STOPP past the limit', async () => {
    const world = await smsWorld({ env: { HUB_SMS_RATE_LIMIT: '1' } });
    await sms(world, '46elks', 'hej');
    await sms(world, '46elks', 'hej');
    expect(await sms(world, '46elks', 'STOPP')).toBe(t(world, 'sv', 'sms.stopped'));
  });
});

describe('two messages from one number at once', () => {
  it('are handled one after the other: the dialog is not corrupted', async () => {
    const world = await smsWorld();
    await sms(world, 'twilio', 'Jag vill anmäla frånvaro');
    // Both answer "1": the first picks Elsa, the second then picks "I dag". Run at once without queueing,
    // both would read the child prompt and Elsa would be picked twice.
    const replies = await Promise.all([postTwilio(world, '1'), postTwilio(world, '1')]);
    const texts = replies.map((reply) => reply.text ?? '');
    expect(texts.filter((text) => text.includes('i dag eller i morgon för Elsa'))).toHaveLength(1);
    expect(texts.filter((text) => text.includes('Hela dagen eller en del av dagen'))).toHaveLength(1);
    for (const say of ['1', '1']) await sms(world, 'twilio', say);
    expect(await sms(world, 'twilio', '1')).toContain('Frånvaron för Elsa är registrerad');
    expect(await world.backend.absences(anna, elsa.id)).toMatchObject([{ date: '2026-11-25', reason: 'ill' }]);
  });
});

describe('privacy', () => {
  async function conversation(world: SmsWorld): Promise<void> {
    for (const say of ['Jag vill anmäla frånvaro', '1', '2', '1', '1', '1', LONG_QUESTION, 'MER', 'HJÄLP']) {
      await sms(world, 'twilio', say);
    }
    await sms(world, '46elks', 'Mitt nummer är 070-174 01 01, ring mig');
    await sms(world, '46elks', 'STOPP');
    await sms(world, '46elks', 'START');
    await postTwilio(world, 'hej', { signature: null });
    await postElks(world, 'hej', { secret: 'wrong-secret-0123456789' });
  }

  it('logs no phone number at any level, and the conversation id is not the number', async () => {
    const world = await smsWorld();
    await conversation(world);
    expect(world.logs.length).toBeGreaterThan(10);
    for (const line of world.logs) expect(line).not.toMatch(PHONE_IN_LOGS);
    const ids = world.logs.map((line) => JSON.parse(line) as { conversation?: string });
    expect(ids.some((line) => line.conversation?.includes('701740101'))).toBe(false);
  });

  it('keeps no phone number in the database', async () => {
    const world = await smsWorld();
    await conversation(world);
    const tables = world.assistant.db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((row) => row.name);
    for (const table of tables) {
      const rows = world.assistant.db.prepare(`SELECT * FROM "${table}"`).all();
      // The guardian's own message is stored redacted (unanswered questions) or not at all.
      expect(JSON.stringify(rows), table).not.toMatch(PHONE_IN_LOGS);
    }
    const keys = world.assistant.db.prepare<[], { key: string }>('SELECT key FROM conversation_state').all();
    expect(keys.some((row) => /^sms\/conversations\/sms-[0-9a-f]{32}\/$/.test(row.key))).toBe(true);
  });

  it('every reply of the conversation was at most 3 segments', async () => {
    const world = await smsWorld();
    const replies: string[] = [];
    for (const say of ['I want to report an absence', '1', '1', '1', '1', '1', 'How do I log in?', 'MORE', 'HELP']) {
      replies.push(await sms(world, '46elks', say, ANNA_LOCAL));
    }
    expect(Math.max(...replies.map((reply) => countSegments(reply).segments))).toBeLessThanOrEqual(3);
  });
});
