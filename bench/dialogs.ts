/**
 * Whole absence reports over HTTP: the real server (dist/bench/target.js bot, SQLite state in a fresh file, the
 * embedded demo school) in its own process, and scripted guardians in this one, many conversations at a time.
 * Every reply is checked against the prompt the script expects next, so a broken dialog fails the bench.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadTranslations } from '../src/i18n.js';
import type { Locale } from '../src/nlu/types.js';
import { addDays, stockholmDate, weekday } from '../src/time/stockholm.js';
import { endChild, serverEnv, sleep, within } from './child.js';
import { compiledSibling } from './paths.js';
import { type LatencySummary, round, summarize } from './stats.js';
import { replyTexts } from './turns.js';

/** The two scripted paths: the first message names child, day and reason, or the dialog asks for everything. */
export type DialogPath = 'named' | 'asked';

/** One guardian message and a text the bot's reply to it must contain. */
export interface ScriptTurn {
  say: string;
  expect: string;
}

/** A scripted absence report: who writes, in which language, and every turn until the receipt. */
export interface Script {
  id: string;
  path: DialogPath;
  locale: Locale;
  /** The demo guardian's web chat account (`from.id`). */
  account: string;
  turns: ScriptTurn[];
}

/** Which day the scripts report, and why (the server's clock is the real one, except on a Saturday). */
export interface DayPlan {
  /** The Stockholm date the bench ran on and its weekday name. */
  runDate: string;
  runWeekday: string;
  /** The day word the scripts use. */
  word: 'today' | 'tomorrow';
  /** The day the absences are for (as the server sees it). */
  absenceDate: string;
  /** Days the server's clock is moved forward (0 but on a Saturday, when neither today nor tomorrow has school). */
  clockShiftDays: number;
  /** A note for the report when the day is not simply today, else null. */
  note: string | null;
}

/** The figures of one batch of conversations at one concurrency. */
export interface DialogRun {
  concurrency: number;
  /** The guardian's pause before each message, drawn evenly from [min, max] ms; null when turns go back to back. */
  thinkMs: { min: number; max: number } | null;
  conversations: number;
  /** Conversations that reached the receipt. */
  reports: number;
  turns: number;
  seconds: number;
  reportsPerSec: number;
  turnsPerSec: number;
  /** Latency of one guardian message, POST to full response, as this process saw it. */
  latencyMs: LatencySummary;
  /** Conversations that failed (HTTP error, network error, timeout or an unexpected reply). */
  errors: number;
  firstError: string | null;
  /** The script turn with the highest p99 in this run. */
  slowestTurn: { script: string; turn: number; say: string; p50: number; p99: number } | null;
}

/** Guardian messages a completed report took, per path (the most over that path's scripts and conversations). */
export type MessagesPerPath = Record<DialogPath, number>;

/** Everything the absence-report bench measured. */
export interface DialogsResult {
  day: DayPlan;
  scripts: { id: string; path: DialogPath; locale: Locale; account: string; says: string[] }[];
  messages: MessagesPerPath;
  warmupConversations: number;
  load: DialogRun;
  /** The same concurrency with a pause before every message, as guardians who read and type. */
  paced: DialogRun;
  single: DialogRun;
  /** The framework's floor: an echo bot on the same server and adapter, the same turns back to back. */
  echo: DialogRun;
  /** The server's VmRSS and VmHWM (peak) after the runs, from /proc (null where there is no /proc). */
  serverVmRssMB: number | null;
  serverVmHwmMB: number | null;
}

/** How many conversations to run, and how many at a time. */
export interface DialogLoadOptions {
  concurrency: number;
  warmupConversations: number;
  conversations: number;
  /** Conversations for the one-at-a-time reference run. */
  singleConversations: number;
  /** Conversations for the paced run, and the pause before each message. */
  pacedConversations: number;
  thinkMs: { min: number; max: number };
  /** Stockholm weekday to plan for (1 = Monday … 7 = Sunday); the real one when omitted (for trying weekends). */
  weekday?: number;
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const weekdayName = (n: number) => WEEKDAYS[n - 1] ?? '?';

/**
 * Picks the day word from the Stockholm weekday: "today" Monday to Friday; on a Sunday "tomorrow" (Monday); on a
 * Saturday neither day has school (the dialog only takes today or tomorrow and ends with "no school day"), so the
 * server's clock is moved two days forward, to Monday, and the scripts say "today".
 */
export function planDay(now: Date = new Date(), forcedWeekday?: number): DayPlan {
  const runDate = stockholmDate(now);
  const day = forcedWeekday ?? weekday(runDate);
  const base = { runDate, runWeekday: weekdayName(day) };
  if (day <= 5) return { ...base, word: 'today', absenceDate: runDate, clockShiftDays: 0, note: null };
  if (day === 7) {
    const monday = addDays(runDate, 1);
    const note = `${base.runWeekday} ${runDate} is no school day: the scripts say "i morgon"/"tomorrow" (Monday ${monday})`;
    return { ...base, word: 'tomorrow', absenceDate: monday, clockShiftDays: 0, note };
  }
  const monday = addDays(runDate, 2);
  const note =
    `${base.runWeekday} ${runDate}: neither today nor tomorrow is a school day, so the server's clock is moved ` +
    `2 days forward (to Monday ${monday}, a Date preload in the server process) and the scripts say "i dag"/"today"`;
  return { ...base, word: 'today', absenceDate: monday, clockShiftDays: 2, note };
}

/** The text of a translation up to its first interpolation (`{{…}}`), for prompts that name a date. */
function lead(t: (key: string, options?: Record<string, unknown>) => string, key: string): string {
  const raw = t(key, { skipInterpolation: true });
  const text = raw.split('{{')[0] ?? raw;
  if (text.trim().length < 8) throw new Error(`bench: the prompt ${key} has too little fixed text to check`);
  return text;
}

/** The four scripts (two paths × two languages), with the replies each turn must get from the locale files. */
export function absenceScripts(word: DayPlan['word'], localesDir = 'locales'): Script[] {
  const translations = loadTranslations(localesDir);
  const sv = (key: string, args: Record<string, unknown> = {}) => translations.sv(key, args);
  const en = (key: string, args: Record<string, unknown> = {}) => translations.en(key, args);
  const day = { sv: word === 'today' ? 'i dag' : 'i morgon', en: word };
  return [
    {
      id: 'named-sv',
      path: 'named',
      locale: 'sv',
      account: 'demo-omar',
      turns: [
        { say: `Yusuf är sjuk ${day.sv}`, expect: lead(sv, 'absence.askPart') },
        { say: 'hela dagen', expect: sv('absence.summary') },
        { say: 'ja', expect: sv('absence.receipt', { names: 'Yusuf' }) },
      ],
    },
    {
      id: 'named-en',
      path: 'named',
      locale: 'en',
      account: 'demo-leila',
      turns: [
        { say: `Yusuf is ill ${day.en}`, expect: lead(en, 'absence.askPart') },
        { say: 'whole day', expect: en('absence.summary') },
        { say: 'yes', expect: en('absence.receipt', { names: 'Yusuf' }) },
      ],
    },
    {
      id: 'asked-sv',
      path: 'asked',
      locale: 'sv',
      account: 'demo-anna',
      turns: [
        { say: 'Jag vill anmäla frånvaro', expect: sv('absence.askChild') },
        { say: 'Elsa', expect: sv('absence.askDay', { names: 'Elsa' }) },
        { say: day.sv, expect: lead(sv, 'absence.askPart') },
        { say: 'hela dagen', expect: sv('absence.askReason') },
        { say: 'sjuk', expect: sv('absence.summary') },
        { say: 'ja', expect: sv('absence.receipt', { names: 'Elsa' }) },
      ],
    },
    {
      id: 'asked-en',
      path: 'asked',
      locale: 'en',
      account: 'demo-anna',
      turns: [
        { say: 'I want to report an absence', expect: en('absence.askChild') },
        { say: 'Elsa', expect: en('absence.askDay', { names: 'Elsa' }) },
        { say: day.en, expect: lead(en, 'absence.askPart') },
        { say: 'whole day', expect: en('absence.askReason') },
        { say: 'ill', expect: en('absence.summary') },
        { say: 'yes', expect: en('absence.receipt', { names: 'Elsa' }) },
      ],
    },
  ];
}

/** A server's memory in MB, from /proc/<pid>/status (VmHWM, unlike getrusage's maxRSS, starts afresh at exec). */
interface ServerMemory {
  vmRssMB: number | null;
  vmHwmMB: number | null;
}

/** VmRSS and VmHWM of a process in MB, or nulls when /proc cannot tell. */
function memoryOf(pid: number | undefined): ServerMemory {
  let status = '';
  try {
    status = pid === undefined ? '' : readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // no /proc (not Linux) or the process is gone
  }
  const kB = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match?.[1] ? round(Number(match[1]) / 1024, 1) : null;
  };
  return { vmRssMB: kB('VmRSS'), vmHwmMB: kB('VmHWM') };
}

/** A running bot server in its own process. */
interface Server {
  url: URL;
  /** Stops the server; resolves with its memory read just before. */
  stop: () => Promise<ServerMemory>;
}

/** A module for `node --import` that moves `Date` (and so the server's clock) forward by `ms`. */
function clockShiftModule(ms: number): string {
  const source =
    `const R=Date;const s=${ms};class D extends R{constructor(...a){if(a.length===0)super(R.now()+s);` +
    `else super(...a)}static now(){return R.now()+s}}globalThis.Date=D;`;
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

/** Waits for the port a forked target reports, or its early exit. */
function portOf(child: ChildProcess): Promise<number> {
  return within(
    new Promise<number>((resolve, reject) => {
      child.once('message', (message) => resolve((message as { port: number }).port));
      child.once('exit', (code) => reject(new Error(`bench: the dialog server exited (${String(code)})`)));
    }),
    15_000,
    'starting the dialog server',
  );
}

/** Starts `dist/bench/target.js bot` (or `echo`) on a fresh SQLite file with the embedded demo school. */
async function startServer(
  root: string,
  dbPath: string,
  clockShiftDays: number,
  kind: 'bot' | 'echo' = 'bot',
): Promise<Server> {
  const env = serverEnv({
    HUB_DB_PATH: dbPath,
    HUB_BACKEND: 'embedded',
    HUB_DEMO_SCHOOL: 'true',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
  });
  const execArgv = clockShiftDays ? [...process.execArgv, '--import', clockShiftModule(clockShiftDays * DAY_MS)] : [];
  const child = fork(compiledSibling('target.js'), [kind], { cwd: root, env, stdio: 'inherit', execArgv });
  try {
    const port = await portOf(child);
    const stop = async () => {
      const memory = memoryOf(child.pid);
      const stopped = new Promise<void>((resolve) => child.once('message', () => resolve()));
      child.send('stop');
      await within(stopped, 5000, 'stopping the dialog server').finally(() => endChild(child));
      return memory;
    };
    return { url: new URL(`http://127.0.0.1:${port}/api/messages`), stop };
  } catch (error) {
    await endChild(child);
    throw error;
  }
}

/** Sends one request over a keep-alive agent (a JSON body when given); resolves with the status and the raw body. */
function send(
  agent: Agent,
  url: URL,
  body: string | null,
  timeoutMs: number,
): Promise<{ status: number; raw: string }> {
  const headers =
    body === null ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method: body === null ? 'GET' : 'POST', headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, raw: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no response within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

/**
 * Opens `count` keep-alive connections with as many GET /healthz at once, while the server is idle. A connection
 * opened while the server is saturated can wait seconds for its first response (new connections get served about
 * one per round of the busy ones), which would measure connection set-up, not dialog turns.
 */
async function openConnections(agent: Agent, url: URL, count: number): Promise<void> {
  const health = new URL('/healthz', url);
  const results = await Promise.all(Array.from({ length: count }, () => send(agent, health, null, 10_000)));
  if (results.some((r) => r.status !== 200)) throw new Error('bench: GET /healthz did not answer 200');
}

/** A web chat message activity of a demo guardian, answered in the response body (`expectReplies`). */
function activity(script: Script, conversationId: string, turn: number): string {
  return JSON.stringify({
    type: 'message',
    id: `${conversationId}-${turn}`,
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: script.account, role: 'user' },
    recipient: { id: 'hub-assistant', role: 'bot' },
    conversation: { id: conversationId },
    locale: script.locale === 'sv' ? 'sv-SE' : 'en-GB',
    text: script.turns[turn]?.say ?? '',
    deliveryMode: 'expectReplies',
  });
}

/** The reply texts of a raw `expectReplies` body, joined (empty when it is not JSON). */
function replyOf(raw: string): string {
  try {
    return replyTexts(JSON.parse(raw)).join('\n');
  } catch {
    return '';
  }
}

/** Where one batch of conversations records its timings. */
interface Recorder {
  latencies: number[];
  /** Per script and turn index, that turn's latencies. */
  byTurn: Map<string, number[]>;
  reports: number;
  turns: number;
  errors: string[];
  messages: Partial<MessagesPerPath>;
}

/** A pause drawn evenly from [min, max] ms, or none. */
function pause(thinkMs: DialogRun['thinkMs']): Promise<void> {
  return thinkMs ? sleep(thinkMs.min + Math.random() * (thinkMs.max - thinkMs.min)) : Promise.resolve();
}

/**
 * Plays one script as one conversation, turn after turn (after a pause when `thinkMs` is given, not timed); throws
 * a descriptive error on the first bad reply.
 */
async function playConversation(
  agent: Agent,
  url: URL,
  script: Script,
  conversationId: string,
  rec: Recorder,
  thinkMs: DialogRun['thinkMs'],
) {
  for (const [index, turn] of script.turns.entries()) {
    await pause(thinkMs);
    const started = performance.now();
    const { status, raw } = await send(agent, url, activity(script, conversationId, index), 10_000);
    const ms = performance.now() - started;
    rec.latencies.push(ms);
    rec.turns++;
    const key = `${script.id}#${index}`;
    const list = rec.byTurn.get(key) ?? [];
    list.push(ms);
    rec.byTurn.set(key, list);
    const reply = replyOf(raw);
    if (status < 200 || status >= 300 || !reply.includes(turn.expect)) {
      const got = reply.replace(/\s+/g, ' ').slice(0, 160) || `(no text; HTTP ${status})`;
      throw new Error(`${script.id} turn ${index + 1} "${turn.say}": expected "${turn.expect}", got "${got}"`);
    }
  }
  rec.reports++;
  rec.messages[script.path] = Math.max(rec.messages[script.path] ?? 0, script.turns.length);
}

/** The script turn with the highest p99 among those recorded. */
function slowestTurn(scripts: readonly Script[], byTurn: Map<string, number[]>): DialogRun['slowestTurn'] {
  let slowest: DialogRun['slowestTurn'] = null;
  for (const [key, values] of byTurn) {
    const [id = '', index = '0'] = key.split('#');
    const { p50, p99 } = summarize(values);
    const say = scripts.find((s) => s.id === id)?.turns[Number(index)]?.say ?? '?';
    if (!slowest || p99 > slowest.p99) slowest = { script: id, turn: Number(index) + 1, say, p50, p99 };
  }
  return slowest;
}

/** Numbers conversations over the whole bench, so each one (warm-up included) has ids of its own. */
let conversationSequence = 0;

/**
 * Runs `count` conversations, `concurrency` at a time, the scripts in turn, over `agent`'s keep-alive connections
 * (each message after a pause when `thinkMs` is given); a failed conversation is an error.
 */
async function runConversations(
  agent: Agent,
  url: URL,
  scripts: readonly Script[],
  count: number,
  concurrency: number,
  thinkMs: DialogRun['thinkMs'] = null,
): Promise<{ run: DialogRun; messages: Partial<MessagesPerPath> }> {
  const rec: Recorder = { latencies: [], byTurn: new Map(), reports: 0, turns: 0, errors: [], messages: {} };
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const script = scripts[n % scripts.length];
      if (!script) throw new Error('bench: no script');
      const conversationId = `absence-${conversationSequence++}`;
      await playConversation(agent, url, script, conversationId, rec, thinkMs).catch((error: unknown) => {
        rec.errors.push(error instanceof Error ? error.message : String(error));
      });
    }
  };
  const started = performance.now();
  await within(Promise.all(Array.from({ length: concurrency }, worker)), 300_000, `${count} absence reports`);
  const seconds = (performance.now() - started) / 1000;
  const run: DialogRun = {
    concurrency,
    thinkMs,
    conversations: count,
    reports: rec.reports,
    turns: rec.turns,
    seconds: round(seconds, 2),
    reportsPerSec: round(rec.reports / seconds, 1),
    turnsPerSec: round(rec.turns / seconds, 1),
    latencyMs: summarize(rec.latencies),
    errors: rec.errors.length,
    firstError: rec.errors[0] ?? null,
    slowestTurn: slowestTurn(scripts, rec.byTurn),
  };
  return { run, messages: rec.messages };
}

/** The most messages a path took over several runs; a path no conversation completed counts as NaN. */
function mergeMessages(...all: Partial<MessagesPerPath>[]): MessagesPerPath {
  const most = (path: DialogPath) => Math.max(...all.map((m) => m[path] ?? Number.NaN));
  return { named: most('named'), asked: most('asked') };
}

/** The same turns for the echo bot, each expecting its own text back. */
function echoScripts(scripts: readonly Script[]): Script[] {
  return scripts.map((s) => ({ ...s, id: `echo-${s.id}`, turns: s.turns.map(({ say }) => ({ say, expect: say })) }));
}

/** Opens the connections, warms the server up (a failure there stops the bench) and runs the measured batches. */
async function withConnections<T>(
  url: URL,
  scripts: readonly Script[],
  options: DialogLoadOptions,
  measure: (
    run: (count: number, concurrency: number, thinkMs?: DialogRun['thinkMs']) => ReturnType<typeof runConversations>,
  ) => Promise<T>,
): Promise<T> {
  // One agent for every batch, its connections opened up front and then reused by every turn.
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    await openConnections(agent, url, options.concurrency);
    const warmup = await runConversations(agent, url, scripts, options.warmupConversations, options.concurrency);
    if (warmup.run.firstError) throw new Error(`bench: a conversation failed in the warm-up: ${warmup.run.firstError}`);
    return await measure((count, concurrency, thinkMs = null) =>
      runConversations(agent, url, scripts, count, concurrency, thinkMs),
    );
  } finally {
    agent.destroy();
  }
}

/**
 * Starts the real server on a fresh SQLite file (`dbPath`) with the embedded demo school, warms it up, then runs
 * whole absence reports over HTTP: `conversations` with `concurrency` at a time back to back, `pacedConversations`
 * at the same concurrency with a pause before each message, and `singleConversations` one at a time for reference.
 * Stops the server and reads its memory at the end. Then the same turns, back to back at the same concurrency, go to
 * an echo bot on the same server and adapter: the framework's floor for the same load.
 */
export async function measureDialogs(root: string, dbPath: string, options: DialogLoadOptions): Promise<DialogsResult> {
  const day = planDay(new Date(), options.weekday);
  const scripts = absenceScripts(day.word);
  const server = await startServer(root, dbPath, day.clockShiftDays);
  let runs: {
    load: Awaited<ReturnType<typeof runConversations>>;
    paced: Awaited<ReturnType<typeof runConversations>>;
    single: Awaited<ReturnType<typeof runConversations>>;
  };
  let memory: ServerMemory;
  try {
    runs = await withConnections(server.url, scripts, options, async (run) => ({
      load: await run(options.conversations, options.concurrency),
      paced: await run(options.pacedConversations, options.concurrency, options.thinkMs),
      single: await run(options.singleConversations, 1),
    }));
  } finally {
    memory = await server.stop();
  }
  const echoServer = await startServer(root, `${dbPath}.echo`, 0, 'echo');
  let echo: DialogRun;
  try {
    echo = (
      await withConnections(echoServer.url, echoScripts(scripts), options, (run) =>
        run(options.conversations, options.concurrency),
      )
    ).run;
  } finally {
    await echoServer.stop();
  }
  return {
    day,
    scripts: scripts.map(({ id, path, locale, account, turns }) => ({
      id,
      path,
      locale,
      account,
      says: turns.map((t) => t.say),
    })),
    messages: mergeMessages(runs.load.messages, runs.paced.messages, runs.single.messages),
    warmupConversations: options.warmupConversations,
    load: runs.load.run,
    paced: runs.paced.run,
    single: runs.single.run,
    echo,
    serverVmRssMB: memory.vmRssMB,
    serverVmHwmMB: memory.vmHwmMB,
  };
}
