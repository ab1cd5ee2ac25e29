import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type restify from 'restify';
import { createAdapter } from '../../src/botframework/cloud-adapter.js';
import { type Assistant, createAssistant } from '../../src/assistant.js';
import { channelRoutes } from '../../src/channels/index.js';
import { buildWebChat } from '../../src/channels/webchat/build.js';
import { loadSettings } from '../../src/config.js';
import { createServer } from '../../src/server.js';
import { silentLogger } from '../support/fixtures.js';

/** Debian's Chromium (`apt-get install chromium`); Playwright's own browser downloads do not work here. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a headless Chromium on a machine without a display or outside network: no sandbox (root in a
 * container), no GPU, and none of Chromium's own background connections (they are refused here, many at a time).
 * `--headless` itself comes from Playwright's `headless: true`.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where the screenshots go (gitignored). */
export const SCREENSHOTS = 'test-results/e2e';

/** Whether a missing Chromium fails the run (CI, or HUB_E2E=require) instead of skipping the browser tests. */
export function chromiumRequired(): boolean {
  return Boolean(process.env.CI) || process.env.HUB_E2E === 'require';
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Wednesday 25 November 2026, 09:00 in Stockholm: absence may be reported for today and tomorrow. */
export const WEDNESDAY = '2026-11-25T08:00:00Z';

export interface RunningServer {
  base: string;
  assistant: Assistant;
  close(): Promise<void>;
}

/**
 * The real assistant and HTTP server (the same parts as `npm start`: `/api/messages`, the web chat page and its
 * Direct Line endpoint) on a free port of 127.0.0.1, with a temporary database, the demo school, and a clock that
 * runs from a Wednesday morning (so absence can be reported). The page is built first with the build script's own
 * function, into a temporary folder.
 */
export async function startServer(): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-assistant-e2e-'));
  const assetsDir = join(dir, 'web');
  await buildWebChat({ outDir: assetsDir });
  const settings = loadSettings({ HUB_DB_PATH: join(dir, 'hub.db'), LOG_LEVEL: 'silent', HUB_DEMO_SCHOOL: 'true' });
  const logger = silentLogger();
  const offset = Date.parse(WEDNESDAY) - Date.now();
  const assistant = createAssistant(settings, logger, { clock: () => new Date(Date.now() + offset) });
  const server: restify.Server = createServer({
    adapter: createAdapter(settings, logger, assistant.translations),
    bot: assistant.bot,
    logger,
    routes: channelRoutes({ settings, assistant, logger }, { webChat: { assetsDir } }),
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    base: `http://127.0.0.1:${port}`,
    assistant,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      assistant.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Playwright starts Chromium with a new, empty --user-data-dir of its own each time.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** What the page logged that a test should fail on: errors, Content-Security-Policy violations, uncaught errors. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' || /Content Security Policy/i.test(text)) problems.push(`console: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** The start of an answer's first line: enough to recognise it in the transcript, and free of line breaks. */
export function snippet(text: string, length = 60): string {
  const firstLine = text.split('\n')[0] ?? text;
  return firstLine.slice(0, length).trim();
}

/** The transcript (Web Chat's feed of messages). */
export function transcript(page: Page) {
  return page.getByRole('feed');
}

/** Waits until the transcript shows `text` (the last message with it) on screen. */
export async function seeInTranscript(page: Page, text: string, timeout = 10_000): Promise<void> {
  await transcript(page).getByText(text, { exact: false }).last().waitFor({ state: 'visible', timeout });
}

/** One of the suggested actions under the latest message (a button in Web Chat's toolbar). */
export function suggestedAction(page: Page, title: string) {
  return page.getByRole('toolbar').getByRole('button', { name: title, exact: true });
}

/** Types a message in Web Chat's text box and sends it with Enter. */
export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox');
  await box.fill(text);
  await box.press('Enter');
}

/** The few browser globals the in-page code below uses (the tests are compiled without the DOM library). */
interface BrowserGlobals {
  document: {
    addEventListener(type: 'keydown', listener: (event: { key: string }) => void, options: { capture: true }): void;
    querySelector(selector: string): { textContent: string | null } | null;
    body: unknown;
    activeElement: { tagName: string } | null;
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: { childList: true; subtree: true; characterData: true }): void;
    disconnect(): void;
  };
  requestAnimationFrame(callback: () => void): number;
  hubMeasure?: { sentAt: number; visibleAt: number };
}

/** The tag name of the element that has the keyboard focus (`TEXTAREA` for Web Chat's text box). */
export function focusedTag(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.activeElement?.tagName);
}

/**
 * Sends `text` and measures, in the page, the time from the Enter key to the first paint after `answer` appears
 * in the transcript: what a guardian waits for the first answer.
 */
export async function sendAndMeasure(page: Page, text: string, answer: string): Promise<number> {
  const box = page.getByRole('textbox');
  await box.fill(text);
  await page.evaluate((expected) => {
    const w = globalThis as unknown as BrowserGlobals;
    const state = { sentAt: 0, visibleAt: 0 };
    w.hubMeasure = state;
    w.document.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Enter' && !state.sentAt) state.sentAt = performance.now();
      },
      { capture: true },
    );
    const observer = new w.MutationObserver(() => {
      const feed = w.document.querySelector('[role="feed"]');
      if (!state.sentAt || state.visibleAt || !feed?.textContent?.includes(expected)) return;
      observer.disconnect();
      // The text is in the page; it is on screen at the next frame.
      w.requestAnimationFrame(() => {
        state.visibleAt = performance.now();
      });
    });
    observer.observe(w.document.body, { childList: true, subtree: true, characterData: true });
  }, answer);
  await box.press('Enter');
  const handle = await page.waitForFunction(
    () => {
      const state = (globalThis as unknown as BrowserGlobals).hubMeasure;
      return state?.visibleAt ? state.visibleAt - state.sentAt : undefined;
    },
    undefined,
    { timeout: 10_000 },
  );
  const ms = await handle.jsonValue();
  if (ms === undefined) throw new Error('the answer was not measured');
  return Math.round(ms);
}
