import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { endChild, serverEnv, sleep, within } from './child.js';
import { compiledSibling } from './paths.js';
import { percentile, round } from './stats.js';
import { type FaqQuestion, assertFaqAnswer, messageActivity, postTurn } from './turns.js';

/** Spawns of the server in one state of its model folder. */
export interface StartupRuns {
  /** From spawn until the first FAQ answer over HTTP: the median of the runs. */
  firstAnswerMs: number;
  /** Each run's time from spawn to first answer. */
  runs: number[];
  /** Per run, the polls made until that answer (every ~20 ms). */
  polls: number[];
  /** Per run, the server's own `startupMs` from its "is listening" log line, if seen. */
  reportedStartupMs: (number | null)[];
}

/**
 * Start-up and memory of the assistant as `npm start` runs it after a build (`node … dist/src/main.js`, its
 * command read from package.json). The top-level `firstAnswerMs`, `runs`, `polls` and `reportedStartupMs` are the
 * warm start's (as `warm`), the figure with a target: a start with the trained model already kept on disk.
 */
export interface StartupResult extends StartupRuns {
  /** The command spawned (from package.json's start script, after its build). */
  command: string[];
  /** Each run with an empty model folder (HUB_MODEL_DIR's default, `models/` beside a fresh HUB_DB_PATH): trains. */
  cold: StartupRuns & { modelKept: boolean };
  /** Each run with a fresh database beside the model folder a cold run filled: loads the kept model. */
  warm: StartupRuns & { trainedAgain: boolean };
  /**
   * The floor: the echo bot (`target.js echo`: the same server and CloudAdapter around a bot that only echoes)
   * from spawn to its first answer, the median of its runs. No bot on this stack starts faster.
   */
  echo: { firstAnswerMs: number; runs: number[] };
  turns: number;
  turnConcurrency: number;
  turnsSeconds: number;
  vmRssMB: number;
  vmHwmMB: number;
  /** VmRSS and VmHWM of the last warm server right after its first answer, before the turns. */
  vmRssAfterStartMB: number;
  vmHwmAfterStartMB: number;
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
 * The command `npm start` runs after its build, from package.json (`npm run build && node … dist/src/main.js`),
 * with this Node as `node`.
 */
export function startCommand(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const start = pkg.scripts?.start ?? '';
  const run = start
    .split('&&')
    .map((part) => part.trim())
    .filter((part) => !/^npm run build\b/.test(part));
  const words = run.length === 1 ? (run[0] ?? '').split(/\s+/) : [];
  if (words[0] !== 'node' || words.some((word) => /["'$`|;<>]/.test(word))) {
    throw new Error(`bench: package.json's start script is not "npm run build && node …": ${start}`);
  }
  return [process.execPath, ...words.slice(1)];
}

/**
 * Spawns the start command (PORT free, HUB_DB_PATH as given, the model folder its default beside it, LOG_LEVEL
 * info) and polls it every ~20 ms until it gives its first FAQ answer. The caller ends the child; on failure it
 * is ended here.
 */
async function spawnUntilAnswer(
  root: string,
  command: readonly string[],
  dbPath: string,
  question: FaqQuestion,
  timeoutMs: number,
): Promise<Spawned> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = serverEnv({ PORT: String(port), HOST: '127.0.0.1', HUB_DB_PATH: dbPath, LOG_LEVEL: 'info' });
  const [node = process.execPath, ...args] = command;
  const started = performance.now();
  const child = spawn(node, args, { cwd: root, env, stdio: 'pipe' });
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
      if (performance.now() - started > timeoutMs) {
        throw new Error(`bench: main.js did not answer within ${timeoutMs / 1000} s`);
      }
      await sleep(20);
    }
  } catch (error) {
    await endChild(child);
    throw error;
  }
}

/** The echo bot from spawn until its first answer (any reply to a message), every ~20 ms. */
async function echoUntilAnswer(root: string, question: FaqQuestion, timeoutMs: number): Promise<number> {
  const port = await freePort();
  const env = serverEnv({ TARGET_PORT: String(port), LOG_LEVEL: 'warn' });
  const started = performance.now();
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', compiledSibling('target.js'), 'echo'], {
    cwd: root,
    env,
    stdio: 'ignore',
  });
  try {
    for (let poll = 1; ; poll++) {
      if (child.exitCode !== null) throw new Error(`bench: the echo bot exited (${child.exitCode}) before answering`);
      const activity = messageActivity(question, 'echo-startup', `echo-${poll}`);
      const result = await postTurn(`http://127.0.0.1:${port}`, activity, 1000).catch(() => undefined);
      if (result && result.status >= 200 && result.status < 300 && result.texts.length > 0) {
        return round(performance.now() - started, 1);
      }
      if (performance.now() - started > timeoutMs) throw new Error('bench: the echo bot did not answer');
      await sleep(20);
    }
  } finally {
    await endChild(child);
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

/** The kept models of a folder, each with its inode number (none when the folder does not exist). */
function modelsIn(dir: string): string[] {
  try {
    return (
      readdirSync(dir)
        .filter((name) => name.endsWith('.model'))
        // A model written again is a new file (written aside and renamed): a new inode. Reading one only touches its
        // modification time (ModelFiles marks a model as used), which says nothing of training.
        .map((name) => `${name}@${statSync(join(dir, name)).ino}`)
        .sort()
    );
  } catch {
    return [];
  }
}

function summarizeRuns(spawns: readonly Spawned[]): StartupRuns {
  const times = spawns.map((s) => s.firstAnswerMs);
  return {
    firstAnswerMs: percentile(Float64Array.from(times).sort(), 50),
    runs: times,
    polls: spawns.map((s) => s.polls),
    reportedStartupMs: spawns.map((s) => s.reportedStartupMs),
  };
}

/**
 * Times the start command from spawn to first FAQ answer: `coldRuns` times each in a folder of its own (a fresh
 * database and an empty `models/` beside it, so the server trains and keeps its model), then `warmRuns` times with a
 * fresh database in the first cold run's folder (so the server loads the model kept there). The medians are the
 * figures. Then reads the last warm server's memory, sends it `turns` FAQ turns, reads its memory again and ends it.
 */
export async function measureStartup(
  root: string,
  scratchDir: string,
  questions: readonly FaqQuestion[],
  { coldRuns = 3, warmRuns = 5, turns = 500, concurrency = 10, coldTimeoutMs = 120_000, warmTimeoutMs = 30_000 } = {},
): Promise<StartupResult> {
  const first = questions[0];
  if (!first) throw new Error('bench: no question');
  const command = startCommand(root);
  const cold: Spawned[] = [];
  let modelKept = true;
  for (let run = 1; run <= coldRuns; run++) {
    const dir = join(scratchDir, 'startup', `cold-${run}`);
    mkdirSync(dir, { recursive: true });
    const spawned = await spawnUntilAnswer(root, command, join(dir, 'hub.db'), first, coldTimeoutMs);
    cold.push(spawned);
    await endChild(spawned.child);
    if (modelsIn(join(dir, 'models')).length === 0) modelKept = false;
  }
  // The warm starts share the first cold run's folder: its kept model, a database of their own each.
  const warmDir = join(scratchDir, 'startup', 'cold-1');
  const keptBefore = modelsIn(join(warmDir, 'models')).join('\n');
  const warm: Spawned[] = [];
  for (let run = 1; run <= warmRuns; run++) {
    const spawned = await spawnUntilAnswer(root, command, join(warmDir, `warm-${run}.db`), first, warmTimeoutMs);
    warm.push(spawned);
    if (run < warmRuns) await endChild(spawned.child);
  }
  const last = warm[warm.length - 1];
  if (!last) throw new Error('bench: no warm start-up run');
  const echoRuns: number[] = [];
  for (let run = 1; run <= warmRuns; run++) echoRuns.push(await echoUntilAnswer(root, first, warmTimeoutMs));
  try {
    const afterStart = memoryOf(last.child.pid ?? -1);
    const turnsStarted = performance.now();
    await sendTurns(last.url, questions, turns, concurrency);
    const turnsSeconds = round((performance.now() - turnsStarted) / 1000, 2);
    const memory = memoryOf(last.child.pid ?? -1);
    const warmRunsResult = {
      ...summarizeRuns(warm),
      trainedAgain: modelsIn(join(warmDir, 'models')).join('\n') !== keptBefore,
    };
    return {
      ...summarizeRuns(warm),
      command: [relativeNode(command[0] ?? ''), ...command.slice(1)],
      cold: { ...summarizeRuns(cold), modelKept },
      warm: warmRunsResult,
      echo: { firstAnswerMs: percentile(Float64Array.from(echoRuns).sort(), 50), runs: echoRuns },
      turns,
      turnConcurrency: concurrency,
      turnsSeconds,
      ...memory,
      vmRssAfterStartMB: afterStart.vmRssMB,
      vmHwmAfterStartMB: afterStart.vmHwmMB,
    };
  } finally {
    await endChild(last.child);
  }
}

/** `node` for this Node's executable, for the report. */
function relativeNode(executable: string): string {
  return executable === process.execPath ? 'node' : executable;
}
