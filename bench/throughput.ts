import { type ChildProcess, fork } from 'node:child_process';
import autocannon from 'autocannon';
import { endChild, serverEnv, within } from './child.js';
import { compiledSibling } from './paths.js';
import { round } from './stats.js';
import { type FaqQuestion, assertFaqAnswer, hasReplyText, messageActivity, postTurn } from './turns.js';

/** Load settings shared by both servers. */
export interface LoadOptions {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

/** One server's figures under load. */
export interface LoadResult {
  requestsPerSec: number;
  requestsTotal: number;
  latencyMs: { p50: number; p99: number; max: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Responses whose body was not what the server should answer (for the bot: no activity with text). */
  mismatches: number;
  /** The server process's memory when the load ended. */
  serverRssMB: number;
  serverMaxRssMB: number;
}

/** The three loads and the ratio of the bot's throughput to the bare server's. */
export interface ThroughputResult extends LoadOptions {
  questions: { text: string; locale: string; intent: string }[];
  bare: LoadResult;
  /** A botbuilder bot that only echoes, on the same server and adapter: the most any bot here can do. */
  echo: LoadResult;
  bot: LoadResult;
  ratio: number;
  /** echo / bare: the ratio no bot on this server and adapter can exceed. */
  ceiling: number;
  /** bot / echo: how much of the framework's floor the assistant's own work leaves. */
  botOfEcho: number;
}

interface Target {
  url: string;
  stop: () => Promise<{ rssBytes: number; maxRssBytes: number }>;
}

/** Starts `dist/bench/target.js <kind>` and waits for the port it listens on. */
async function startTarget(kind: 'bot' | 'bare' | 'echo', env: NodeJS.ProcessEnv, cwd: string): Promise<Target> {
  const child: ChildProcess = fork(compiledSibling('target.js'), [kind], { cwd, env, stdio: 'inherit' });
  try {
    const port = await within(
      new Promise<number>((resolve, reject) => {
        child.once('message', (message) => resolve((message as { port: number }).port));
        child.once('exit', (code) => reject(new Error(`bench: the ${kind} server exited (${String(code)})`)));
      }),
      15_000,
      `starting the ${kind} server`,
    );
    return {
      url: `http://127.0.0.1:${port}`,
      stop: async () => {
        const memory = new Promise<{ rssBytes: number; maxRssBytes: number }>((resolve) =>
          child.once('message', (message) => resolve(message as { rssBytes: number; maxRssBytes: number })),
        );
        child.send('stop');
        return within(memory, 5000, `stopping the ${kind} server`).finally(() => endChild(child));
      },
    };
  } catch (error) {
    await endChild(child);
    throw error;
  }
}

/** Numbers the requests of the whole run, so every one (warm-up included) opens a conversation of its own. */
let sequence = 0;

/** Runs autocannon once: POST /api/messages, each request a new conversation asking the next question in turn. */
async function cannon(
  url: string,
  questions: readonly FaqQuestion[],
  seconds: number,
  connections: number,
  verify: (body: string) => boolean,
) {
  return autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        setupRequest: (request) => {
          const n = sequence++;
          const question = questions[n % questions.length];
          if (!question) throw new Error('bench: no question to send');
          return { ...request, body: JSON.stringify(messageActivity(question, `load-${n}`, `m-${n}`)) };
        },
      },
    ],
    verifyBody: (body) => verify(String(body)),
  });
}

/** Warms up, then loads one server for the measured duration, then stops it and reads its memory. */
async function load(
  target: Target,
  questions: readonly FaqQuestion[],
  options: LoadOptions,
  verify: (body: string) => boolean,
): Promise<LoadResult> {
  const { connections, warmupSeconds, durationSeconds } = options;
  await cannon(target.url, questions, warmupSeconds, connections, verify);
  const result = await cannon(target.url, questions, durationSeconds, connections, verify);
  return {
    requestsPerSec: round(result.requests.average, 1),
    requestsTotal: result.requests.total,
    latencyMs: {
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: round(result.latency.mean, 2),
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
    serverRssMB: 0,
    serverMaxRssMB: 0,
  };
}

/** Loads a target and always stops it, adding its memory to the figures. */
async function loadAndStop(
  target: Target,
  questions: readonly FaqQuestion[],
  options: LoadOptions,
  verify: (body: string) => boolean,
  check: () => Promise<void> = () => Promise.resolve(),
): Promise<LoadResult> {
  let figures: LoadResult | undefined;
  try {
    await check();
    figures = await load(target, questions, options, verify);
    await check();
  } finally {
    const memory = await target.stop();
    if (figures) {
      figures.serverRssMB = round(memory.rssBytes / 2 ** 20, 1);
      figures.serverMaxRssMB = round(memory.maxRssBytes / 2 ** 20, 1);
    }
  }
  return figures;
}

/**
 * FAQ turns per second of the real server against a bare restify server and an echo bot on the same server and
 * adapter, on the same requests, one after the other, each in its own process on 127.0.0.1. The bot's answers are
 * checked before and after its load.
 */
export async function measureThroughput(
  questions: readonly FaqQuestion[],
  options: LoadOptions,
  root: string,
  dbPath: string,
): Promise<ThroughputResult> {
  const bareTarget = await startTarget('bare', serverEnv({}), root);
  const bare = await loadAndStop(bareTarget, questions, options, (body) => body === '{"ok":true}');
  const echoTarget = await startTarget('echo', serverEnv({ LOG_LEVEL: 'silent' }), root);
  const echo = await loadAndStop(echoTarget, questions, options, hasReplyText);

  const env = serverEnv({ HUB_DB_PATH: dbPath, LOG_LEVEL: 'silent', HOST: '127.0.0.1' });
  const botTarget = await startTarget('bot', env, root);
  let checks = 0;
  const check = async () => {
    for (const question of questions) {
      const id = `check-${checks++}`;
      assertFaqAnswer(await postTurn(botTarget.url, messageActivity(question, id, id)), question);
    }
  };
  const bot = await loadAndStop(botTarget, questions, options, hasReplyText, check);

  return {
    ...options,
    questions: questions.map(({ text, locale, intent }) => ({ text, locale, intent })),
    bare,
    echo,
    bot,
    ratio: round(bot.requestsPerSec / bare.requestsPerSec, 4),
    ceiling: round(echo.requestsPerSec / bare.requestsPerSec, 4),
    botOfEcho: round(bot.requestsPerSec / echo.requestsPerSec, 4),
  };
}
