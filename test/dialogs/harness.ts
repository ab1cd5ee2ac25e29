import type { Activity } from 'botbuilder';
import { afterEach, expect } from 'vitest';
import { type Assistant, createAssistant } from '../../src/assistant.js';
import { openEmbeddedBackend } from '../../src/backend/embedded/demo-school.js';
import type { EmbeddedSchoolBackend } from '../../src/backend/embedded/backend.js';
import type { Locale } from '../../src/nlu/types.js';
import { openDatabase } from '../../src/storage/database.js';
import { BotConversation } from '../support/bot-driver.js';
import { silentLogger, testSettings } from '../support/fixtures.js';

/** A clock the test moves by hand. */
export class TestClock {
  private instant: number;

  constructor(iso: string) {
    this.instant = Date.parse(iso);
  }

  readonly now = (): Date => new Date(this.instant);

  set(iso: string): void {
    this.instant = Date.parse(iso);
  }

  advance(ms: number): void {
    this.instant += ms;
  }
}

export interface DialogWorld {
  assistant: Assistant;
  backend: EmbeddedSchoolBackend;
  clock: TestClock;
  close(): void;
}

/**
 * The real assistant on a demo school seeded at `now`, with the clock fixed there. `dbPath` lets a test reopen the
 * same database (a restart); `wrap` puts something between the bot and the backend (a failing school system);
 * `faqDir` answers from another knowledge base.
 */
export interface WorldOptions {
  dbPath?: string;
  /** Another knowledge base (HUB_FAQ_DIR) than the real one. */
  faqDir?: string;
  clock?: TestClock;
  wrap?: (backend: EmbeddedSchoolBackend) => EmbeddedSchoolBackend;
}

export function dialogWorld(now: string, options: WorldOptions = {}): DialogWorld {
  const clock = options.clock ?? new TestClock(now);
  const settings = testSettings({
    HUB_DB_PATH: options.dbPath ?? ':memory:',
    ...(options.faqDir ? { HUB_FAQ_DIR: options.faqDir } : {}),
  });
  const backendDb = openDatabase(options.dbPath ?? ':memory:');
  const backend = openEmbeddedBackend(backendDb, clock.now, { demo: true });
  const assistant = createAssistant(settings, silentLogger(), {
    clock: clock.now,
    backend: options.wrap ? options.wrap(backend) : backend,
  });
  let open = true;
  return {
    assistant,
    backend,
    clock,
    close: () => {
      if (!open) return;
      open = false;
      assistant.db.close();
      backendDb.close();
    },
  };
}

/** Opens worlds (at `now` unless a test says otherwise) for a test file, and closes each one after its test. */
export function worldsAt(now: string): (options?: WorldOptions & { now?: string }) => DialogWorld {
  const opened: DialogWorld[] = [];
  afterEach(() => {
    for (const world of opened.splice(0)) world.close();
  });
  return (options = {}) => {
    const world = dialogWorld(options.now ?? now, options);
    opened.push(world);
    return world;
  };
}

let conversations = 0;

/** A web chat conversation of a demo guardian (their web chat account, e.g. `demo-anna`). */
export function chatAs(world: DialogWorld, user: string, locale: Locale, id?: string): BotConversation {
  conversations++;
  return new BotConversation(world.assistant.bot, {
    id: id ?? `dialog-${conversations}`,
    channelId: 'webchat',
    user,
    locale: locale === 'sv' ? 'sv-SE' : 'en-GB',
  });
}

/** Everything the bot said in a turn, paragraphs, card facts and button titles, as one searchable text. */
export function said(replies: Partial<Activity>[]): string {
  return replies
    .map((reply) => {
      const buttons = (reply.suggestedActions?.actions ?? []).map((action) => `[${action.title}]`).join(' ');
      const cards = (reply.attachments ?? []).map((attachment) => JSON.stringify(attachment.content)).join(' ');
      return [reply.text ?? '', buttons, cards].join(' ');
    })
    .join('\n');
}

/** The buttons of the last reply of a turn. */
export function buttons(replies: Partial<Activity>[]): string[] {
  return (replies.at(-1)?.suggestedActions?.actions ?? []).map((action) => action.title);
}

/** A locale string as the guardian reads it (for expectations). */
export function text(world: DialogWorld, locale: Locale, key: string, args: Record<string, unknown> = {}): string {
  return world.assistant.translations[locale](key, args);
}

/** One step of a table: what the guardian says and what must (and must not) be in the answer. */
export interface Exchange {
  say: string;
  expect: (string | RegExp)[];
  not?: (string | RegExp)[];
}

/** Plays a table of exchanges and returns how many messages the guardian sent. */
export async function play(chat: BotConversation, exchanges: Exchange[]): Promise<number> {
  for (const exchange of exchanges) {
    const reply = said(await chat.send(exchange.say));
    for (const expected of exchange.expect) {
      if (typeof expected === 'string') expect(reply, `after "${exchange.say}"`).toContain(expected);
      else expect(reply, `after "${exchange.say}"`).toMatch(expected);
    }
    for (const unexpected of exchange.not ?? []) {
      if (typeof unexpected === 'string') expect(reply, `after "${exchange.say}"`).not.toContain(unexpected);
      else expect(reply, `after "${exchange.say}"`).not.toMatch(unexpected);
    }
  }
  return exchanges.length;
}
