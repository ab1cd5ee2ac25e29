import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { endChild, serverEnv, sleep, within } from './child.js';
import { percentile, round } from './stats.js';
import { type FaqQuestion, assertFaqAnswer, messageActivity, postTurn } from './turns.js';

/** Start-up and memory of the assistant as `node dist/src/main.js` runs it. */
export interface StartupResult {
  /** From spawn until the first FAQ answer over HTTP: the median of the runs. */
  firstAnswerMs: number;
  /** Each run's time from spawn to first answer. */
  runs: number[];
  /** Per run, the polls made until that answer (every ~20 ms). */
  polls: number[];
  /** Per run, the server's own `startupMs` from its "is listening" log line, if seen. */
  reportedStartupMs: (number | null)[];
  turns: number;
  turnConcurrency: number;
  turnsSeconds: number;
  vmRssMB: number;
  vmHwmMB: number;
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('bench: no free port');
  return address.port;
}

/** VmRSS and VmHWM of a process, in MB, from /proc/<pid>/status. */
function memoryOf(pid: number): { vmRssMB: number; vmHwmMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match?.[1]) throw new Error(`bench: no ${field} in /proc/${pid}/status`);
    return round(Number(match[1]) / 1024, 1);
  };
  return { vmRssMB: kB('VmRSS'), vmHwmMB: kB('VmHWM') };
}

/** A running `node dist/src/main.js` that has answered its first FAQ question. */
interface Spawned {
  child: ChildProcess;
  url: string;
  firstAnswerMs: number;
  polls: number;
  reportedStartupMs: number | null;
}

/**
 * Spawns `node dist/src/main.js` (PORT free, HUB_DB_PATH fresh, LOG_LEVEL info) and polls it every ~20 ms until
 * it gives its first FAQ answer. The caller ends the child; on failure it is ended here.
 */
async function spawnUntilAnswer(root: string, dbPath: string, question: FaqQuestion): Promise<Spawned> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = serverEnv({ PORT: String(port), HOST: '127.0.0.1', HUB_DB_PATH: dbPath, LOG_LEVEL: 'info' });
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], { cwd: root, env, stdio: 'pipe' });
  const spawned: Spawned = { child, url, firstAnswerMs: 0, polls: 0, reportedStartupMs: null };
  const stderrTail: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (spawned.reportedStartupMs === null && line.includes('hub-assistant is listening')) {
      try {
        spawned.reportedStartupMs = (JSON.parse(line) as { startupMs?: number }).startupMs ?? null;
      } catch {
        // not a JSON log line
      }
    }
    if (!line.includes('"understood"')) stderrTail.push(line.slice(0, 300));
    if (stderrTail.length > 10) stderrTail.shift();
  });
  child.stdout.resume();
  try {
    for (;;) {
      spawned.polls++;
      if (child.exitCode !== null) {
        throw new Error(`bench: main.js exited (${child.exitCode}) before answering:\n${stderrTail.join('\n')}`);
      }
      const activity = messageActivity(question, 'startup', `startup-${spawned.polls}`);
      const answered = await postTurn(url, activity, 1000).then(
        (result) => (assertFaqAnswer(result, question), true),
        (error: unknown) => {
          if (error instanceof Error && error.message.startsWith('bench:')) throw error;
          return false; // not listening yet
        },
      );
      if (answered) {
        spawned.firstAnswerMs = round(performance.now() - started, 1);
        return spawned;
      }
      if (performance.now() - started > 15_000) throw new Error('bench: main.js did not answer within 15 s');
      await sleep(20);
    }
  } catch (error) {
    await endChild(child);
    throw error;
  }
}

/** Sends `turns` FAQ turns, `concurrency` at a time, five turns per conversation; each must get its answer. */
async function sendTurns(url: string, questions: readonly FaqQuestion[], turns: number, concurrency: number) {
  let next = 0;
  const worker = async () => {
    while (next < turns) {
      const n = next++;
      const question = questions[n % questions.length];
      if (!question) throw new Error('bench: no question');
      const conversation = `memory-${Math.floor(n / 5)}`;
      assertFaqAnswer(await postTurn(url, messageActivity(question, conversation, `t-${n}`)), question);
    }
  };
  await within(Promise.all(Array.from({ length: concurrency }, worker)), 60_000, `${turns} FAQ turns`);
}

/**
 * Times `node dist/src/main.js` from spawn to first FAQ answer `runs` times (a fresh database each; the median is
 * the figure), then sends `turns` FAQ turns to the last one, reads its memory and ends it.
 */
export async function measureStartup(
  root: string,
  scratchDir: string,
  questions: readonly FaqQuestion[],
  { runs = 3, turns = 500, concurrency = 10 } = {},
): Promise<StartupResult> {
  const first = questions[0];
  if (!first) throw new Error('bench: no question');
  const spawns: Spawned[] = [];
  for (let run = 1; run <= runs; run++) {
    const spawned = await spawnUntilAnswer(root, join(scratchDir, `startup-${run}.db`), first);
    spawns.push(spawned);
    if (run < runs) await endChild(spawned.child);
  }
  const last = spawns[spawns.length - 1];
  if (!last) throw new Error('bench: no start-up run');
  try {
    const turnsStarted = performance.now();
    await sendTurns(last.url, questions, turns, concurrency);
    const turnsSeconds = round((performance.now() - turnsStarted) / 1000, 2);
    const times = spawns.map((s) => s.firstAnswerMs);
    return {
      firstAnswerMs: percentile(Float64Array.from(times).sort(), 50),
      runs: times,
      polls: spawns.map((s) => s.polls),
      reportedStartupMs: spawns.map((s) => s.reportedStartupMs),
      turns,
      turnConcurrency: concurrency,
      turnsSeconds,
      ...memoryOf(last.child.pid ?? -1),
    };
  } finally {
    await endChild(last.child);
  }
}
