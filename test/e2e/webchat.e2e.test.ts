/**
 * The web chat page end to end: the real server (page, Direct Line endpoint, bot, demo school) and Debian's
 * Chromium driven by playwright-core. Without /usr/bin/chromium these tests are skipped with a note, unless CI or
 * HUB_E2E=require is set: then they fail.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/backend/embedded/demo-data.js';
import { Responder } from '../../src/bot/responder.js';
import type { Locale } from '../../src/nlu/types.js';
import {
  CHROMIUM,
  chromiumAvailable,
  chromiumRequired,
  focusedTag,
  launchChromium,
  type RunningServer,
  SCREENSHOTS,
  seeInTranscript,
  send,
  sendAndMeasure,
  snippet,
  startServer,
  suggestedAction,
  watchPage,
} from './harness.js';

const available = chromiumAvailable();
const run = available || chromiumRequired();
if (!run) {
  console.log(
    `web chat e2e: skipped, ${CHROMIUM} is missing (apt-get install chromium; HUB_E2E=require makes this a failure)`,
  );
}

/** A browser test may wait for a build, a browser and several turns. */
const SLOW = 60_000;

describe.runIf(run)('the web chat page in Chromium', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const pages: Page[] = [];

  beforeAll(async () => {
    if (!available) {
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium (CI or HUB_E2E=require needs the browser)`);
    }
    server = await startServer();
    browser = await launchChromium();
  }, 120_000);

  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The running server and browser (beforeAll failed when they are missing). */
  const running = (): { server: RunningServer; browser: Browser } => {
    if (!server || !browser) throw new Error('the server or the browser did not start');
    return { server, browser };
  };
  const assistant = () => running().server.assistant;
  const t = (locale: Locale, key: string, args: Record<string, unknown> = {}) =>
    assistant().translations[locale](key, args);
  const answerOf = (intent: string, locale: Locale) => assistant().knowledge.answer(intent, locale) ?? intent;

  /** A new tab (its own sessionStorage) on `/chat`, with the welcome shown; `problems` collects page errors. */
  async function openChat(): Promise<{ page: Page; problems: string[] }> {
    const page = await running().browser.newPage({ viewport: { width: 1000, height: 800 }, locale: 'sv-SE' });
    pages.push(page);
    const problems = watchPage(page);
    await page.goto(`${running().server.base}/chat`);
    await seeInTranscript(page, snippet(t('sv', 'welcome')));
    return { page, problems };
  }

  /** Demo mode: picks a demo guardian and starts a new conversation as them. */
  async function startAs(page: Page, account: string): Promise<void> {
    await page.getByLabel(t('sv', 'webchat.demoLabel')).selectOption(account);
    await page.getByRole('button', { name: t('sv', 'webchat.startNew') }).click();
    await seeInTranscript(page, snippet(t('sv', 'welcome')));
    // The guardian can write at once: the text box has the focus.
    await expect.poll(() => focusedTag(page)).toBe('TEXTAREA');
  }

  const screenshot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

  it(
    'answers a typed FAQ question, in the school’s page, without a single error or policy violation',
    async () => {
      const { page, problems } = await openChat();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Skolans assistent');
      expect(await page.locator('html').getAttribute('lang')).toBe('sv');
      const answer = snippet(answerOf('grades', 'sv'));

      const ms = await sendAndMeasure(page, 'Var ser jag mitt barns betyg?', answer);
      console.log(`web chat: first answer visible ${ms} ms after sending`);

      await seeInTranscript(page, answer);
      await seeInTranscript(page, 'Var ser jag mitt barns betyg?');
      await screenshot(page, 'faq-answer');
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'answers a tapped suggested action',
    async () => {
      const { page, problems } = await openChat();
      const starter = new Responder(assistant().knowledge, assistant().translations).welcome('sv').offered[0];
      if (!starter) throw new Error('the welcome offers no suggested actions');
      await suggestedAction(page, starter.title).click();
      await seeInTranscript(page, snippet(answerOf(starter.intent, 'sv')));
      await screenshot(page, 'suggested-action');
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'switches Web Chat and the assistant to English and back with the language buttons (keyboard too)',
    async () => {
      const { page, problems } = await openChat();
      const english = page.getByRole('button', { name: 'English' });
      const swedish = page.getByRole('button', { name: 'Svenska' });
      expect(await swedish.getAttribute('aria-pressed')).toBe('true');

      await english.click();
      expect(await english.getAttribute('aria-pressed')).toBe('true');
      expect(await swedish.getAttribute('aria-pressed')).toBe('false');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await seeInTranscript(page, t('en', 'languageSwitched'));
      expect(await page.getByRole('textbox').getAttribute('placeholder')).toBe('Type your message');
      expect(await page.getByRole('button', { name: t('en', 'webchat.startNew') }).count()).toBe(1);

      // A Swedish question now gets the English answer: the language was chosen, as if asked for in words.
      await send(page, 'Jag har glömt mitt lösenord');
      await seeInTranscript(page, snippet(answerOf('login.forgot_password', 'en')));
      await screenshot(page, 'english');

      await swedish.focus();
      await page.keyboard.press('Enter');
      await seeInTranscript(page, t('sv', 'languageSwitched'));
      expect(await swedish.getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByRole('textbox').getAttribute('placeholder')).toBe('Skriv ditt meddelande');
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'as demo-anna, reports Elsa’s absence through the whole dialog',
    async () => {
      const { page, problems } = await openChat();
      await startAs(page, 'demo-anna');

      await send(page, 'Elsa är sjuk i morgon');
      await seeInTranscript(page, 'Hela dagen eller en del av dagen');
      await suggestedAction(page, t('sv', 'absence.wholeDay')).click();
      await seeInTranscript(page, t('sv', 'absence.summary'));
      await seeInTranscript(page, t('sv', 'absence.summaryTitle'));
      await screenshot(page, 'absence-summary');
      await suggestedAction(page, 'Ja').click();
      await seeInTranscript(page, t('sv', 'absence.receipt', { names: 'Elsa' }));
      await screenshot(page, 'absence-receipt');

      const absences = await assistant().backend.absences(DEMO.guardians.anna.id, DEMO.children.elsa.id);
      expect(absences.map(({ date, reason }) => ({ date, reason }))).toContainEqual({
        date: '2026-11-26',
        reason: 'ill',
      });
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'after a reload in the middle of a dialog, shows what was said and finishes the dialog',
    async () => {
      const { page, problems } = await openChat();
      await startAs(page, 'demo-anna');
      await send(page, 'Jag vill anmäla frånvaro');
      await seeInTranscript(page, t('sv', 'absence.askChild'));
      await suggestedAction(page, 'Nils').click();
      await seeInTranscript(page, t('sv', 'absence.askDay', { names: 'Nils' }));
      await screenshot(page, 'reload-before');

      await page.reload();
      // The same conversation: what was said is back, the guardian is still Anna, the open question still open.
      await seeInTranscript(page, t('sv', 'absence.askDay', { names: 'Nils' }));
      await seeInTranscript(page, 'Jag vill anmäla frånvaro');
      await seeInTranscript(page, t('sv', 'absence.askChild'));
      expect(await page.getByLabel(t('sv', 'webchat.demoLabel')).inputValue()).toBe('demo-anna');
      await screenshot(page, 'reload-after');

      await suggestedAction(page, t('sv', 'absence.today')).click();
      await seeInTranscript(page, t('sv', 'absence.wholeDayOnly', { names: 'Nils' }));
      await seeInTranscript(page, t('sv', 'absence.askReason'));
      await send(page, 'tandläkaren');
      await seeInTranscript(page, t('sv', 'absence.summary'));
      await send(page, 'ja');
      await seeInTranscript(page, t('sv', 'absence.receipt', { names: 'Nils' }));
      await screenshot(page, 'reload-finished');

      const absences = await assistant().backend.absences(DEMO.guardians.anna.id, DEMO.children.nils.id);
      expect(absences.map(({ date, reason }) => ({ date, reason }))).toContainEqual({
        date: '2026-11-25',
        reason: 'other',
      });
      expect(problems).toEqual([]);
    },
    SLOW,
  );
});
