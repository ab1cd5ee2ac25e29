import type { ClassifyLatencyResult, DevsetResult } from './devset.js';
import type { DialogPath, DialogRun, DialogsResult } from './dialogs.js';
import type { MachineInfo } from './machine.js';
import type { StartupResult } from './startup.js';
import type { LoadResult, ThroughputResult } from './throughput.js';

/** One target and whether the run met it. */
export interface TargetCheck {
  name: string;
  value: number;
  unit: '%' | 'ms' | 'MB' | 'messages' | 'segments';
  op: '>=' | '<=';
  target: number;
  pass: boolean;
}

/** Checks a value against a target (shares are given as fractions and shown in %). */
export function check(name: string, value: number, op: TargetCheck['op'], target: number, unit: TargetCheck['unit']) {
  const scale = unit === '%' ? 100 : 1;
  const shown = Math.round(value * scale * 100) / 100;
  const pass = op === '>=' ? value >= target : value <= target;
  return { name, value: shown, unit, op, target: target * scale, pass } satisfies TargetCheck;
}

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
const verdict = (c: TargetCheck) =>
  `${c.op === '>=' ? '≥' : '≤'} ${c.target}${c.unit === '%' ? ' %' : ` ${c.unit}`}  ${c.pass ? 'PASS' : 'MISS'}`;

/** The report's heading: date and machine. */
export function formatMachine(machine: MachineInfo): string {
  return [
    `hub-assistant bench — ${machine.date}`,
    `machine: node ${machine.node} · ${machine.cpuModel} · ${machine.cores} cores · ${machine.memoryGiB} GiB · ${machine.platform}`,
    `load average at start: ${machine.loadAverage.join(' ')}`,
  ].join('\n');
}

/** Section 1: dev-set accuracy per language with its targets. */
export function formatDevset(result: DevsetResult, checks: Record<string, TargetCheck>): string {
  const row = (label: string, f: DevsetResult['overall'], acc?: TargetCheck, oos?: TargetCheck) =>
    `  ${label.padEnd(4)} ${`${f.inScope}+${f.outOfScope}`.padStart(8)}   ` +
    `${pct(f.inScopeAccuracy).padStart(7)}  ${(acc ? verdict(acc) : '').padEnd(16)}   ` +
    `${pct(f.oosRecall).padStart(7)}  ${oos ? verdict(oos) : ''}`;
  return [
    `1. Dev set: ${result.file} (${result.lines} lines)`,
    `  lang  in+out     in-scope accuracy            out-of-scope recall`,
    row('sv', result.byLocale.sv, checks['sv in-scope accuracy'], checks['sv out-of-scope recall']),
    row('en', result.byLocale.en, checks['en in-scope accuracy'], checks['en out-of-scope recall']),
    row('all', result.overall),
    `  macro F1 ${result.macroF1.toFixed(3)}`,
    `  top confusions (expected → predicted): ` +
      (result.topConfusions.map((c) => `${c.expected} → ${c.predicted} ×${c.count}`).join(', ') || 'none'),
  ].join('\n');
}

/** Section 2: classify latency per message. */
export function formatClassify(result: ClassifyLatencyResult, p99: TargetCheck): string {
  return [
    `2. classify latency: ${result.count} calls (${result.rounds} rounds × ${result.messages} messages, ` +
      `after ${result.warmupRounds} warm-up rounds)`,
    `  p50 ${result.p50.toFixed(3)} ms · p99 ${result.p99.toFixed(3)} ms · max ${result.max.toFixed(3)} ms · ` +
      `mean ${result.mean.toFixed(3)} ms`,
    `  p99 ${result.p99.toFixed(3)} ms  ${verdict(p99)}`,
  ].join('\n');
}

/** Section 3: throughput of the bot against a bare restify server. */
export function formatThroughput(result: ThroughputResult, ratio: TargetCheck): string {
  const row = (label: string, r: LoadResult) =>
    `  ${label.padEnd(13)} ${r.requestsPerSec.toFixed(1).padStart(8)} ${String(r.requestsTotal).padStart(8)} ` +
    `${String(r.latencyMs.p50).padStart(6)} ${String(r.latencyMs.p99).padStart(6)} ${String(r.latencyMs.max).padStart(6)} ` +
    `${String(r.non2xx).padStart(7)} ${String(r.errors + r.timeouts).padStart(6)} ${String(r.mismatches).padStart(6)} ` +
    r.serverMaxRssMB.toFixed(1).padStart(9);
  const languages = [...new Set(result.questions.map((q) => q.locale))].join('+');
  return [
    `3. FAQ-turn throughput over HTTP (127.0.0.1, ${result.connections} connections, ` +
      `${result.warmupSeconds} s warm-up + ${result.durationSeconds} s each, one after the other)`,
    `  bot: POST /api/messages expectReplies, ${result.questions.length} ${languages} dev-set questions in turn, ` +
      `a new conversation per request`,
    `  server            req/s    total  p50ms  p99ms  maxms non-2xx errors badbdy maxRSS MB`,
    row('bare restify', result.bare),
    row('echo bot', result.echo),
    row('bot', result.bot),
    `  ratio bot/bare ${pct(result.ratio)}  ${verdict(ratio)}`,
    `  ceiling echo/bare ${pct(result.ceiling)}: a botbuilder bot that only echoes, on the same server, adapter and ` +
      `authentication, is the most any bot here can reach; the assistant does ${pct(result.botOfEcho)} of it`,
  ].join('\n');
}

/** Section 4: start-up time and resident memory of `node dist/src/main.js`. */
export function formatStartup(result: StartupResult, first: TargetCheck, rss: TargetCheck): string {
  const reported = result.reportedStartupMs.map((ms) => (ms === null ? '?' : `${ms}`)).join(' / ');
  return [
    `4. Start-up and memory of node dist/src/main.js (${result.runs.length} spawns, fresh database each)`,
    `  spawn → first FAQ answer, median ${result.firstAnswerMs.toFixed(0)} ms  ${verdict(first)}`,
    `    runs: ${result.runs.map((ms) => ms.toFixed(0)).join(' / ')} ms; polls: ${result.polls.join(' / ')}; ` +
      `server's own startupMs: ${reported} ms`,
    `  after ${result.turns} more FAQ turns (${result.turnConcurrency} at a time, ${result.turnsSeconds} s): ` +
      `VmRSS ${result.vmRssMB} MB  ${verdict(rss)}  (VmHWM ${result.vmHwmMB} MB)`,
  ].join('\n');
}

/** One row of section 5's table: a batch of conversations at one concurrency. */
function dialogRow(label: string, r: DialogRun): string {
  return (
    `  ${label.padEnd(22)} ${String(r.concurrency).padStart(10)} ${String(r.reports).padStart(7)} ${String(r.turns).padStart(6)} ` +
    `${r.seconds.toFixed(2).padStart(7)} ${r.reportsPerSec.toFixed(1).padStart(9)} ${r.turnsPerSec.toFixed(1).padStart(7)} ` +
    `${r.latencyMs.p50.toFixed(2).padStart(6)} ${r.latencyMs.p99.toFixed(2).padStart(6)} ` +
    `${r.latencyMs.max.toFixed(2).padStart(7)} ${String(r.errors).padStart(6)}`
  );
}

/** The scripts of one path, one line each: account, language and the guardian's messages. */
function scriptLines(result: DialogsResult, path: DialogPath): string[] {
  return result.scripts
    .filter((s) => s.path === path)
    .map((s) => `    ${s.account} (${s.locale}): ${s.says.map((say) => `"${say}"`).join(' → ')}`);
}

/** Section 5: whole absence reports over HTTP, many conversations at a time, with both message-count targets. */
export function formatDialogs(
  result: DialogsResult,
  checks: { named: TargetCheck; asked: TargetCheck; p99: TargetCheck; pacedP99: TargetCheck },
): string {
  const { load, paced, single, echo, day } = result;
  const pause = paced.thinkMs ? `${paced.thinkMs.min}–${paced.thinkMs.max} ms pause` : 'no pause';
  const slow = load.slowestTurn;
  return [
    `5. Absence reports over HTTP (real server, SQLite state in a fresh file, embedded demo school; ` +
      `${load.concurrency} keep-alive connections, ${result.warmupConversations} warm-up reports, then the scripts ` +
      `in turn, each conversation's turns back to back)`,
    `  day: ${day.note ?? `${day.runWeekday} ${day.runDate}: the scripts say "i dag"/"today"`}`,
    `  child, day and reason in the first message: ${result.messages.named} guardian messages  ${verdict(checks.named)}`,
    ...scriptLines(result, 'named'),
    `  everything asked: ${result.messages.asked} guardian messages  ${verdict(checks.asked)}`,
    ...scriptLines(result, 'asked'),
    `  ${'run'.padEnd(22)} concurrent reports  turns seconds reports/s turns/s  p50ms  p99ms   maxms errors` +
      `   (per turn: POST → replies)`,
    dialogRow('back to back', load),
    dialogRow(`paced (${pause})`, paced),
    dialogRow('one at a time', single),
    dialogRow('echo bot, back to back', echo),
    `  turn p99 at ${load.concurrency} concurrent conversations, back to back ${load.latencyMs.p99.toFixed(2)} ms  ` +
      verdict(checks.p99),
    `  turn p99 at ${paced.concurrency} concurrent conversations, ${pause} before each message ` +
      `${paced.latencyMs.p99.toFixed(2)} ms  ${verdict(checks.pacedP99)}`,
    `  floor: the same turns back to back to a botbuilder bot that only echoes (same server, adapter and ` +
      `authentication, no state) have p99 ${echo.latencyMs.p99.toFixed(2)} ms at ${echo.concurrency} conversations`,
    `  slowest turn at ${load.concurrency}: ` +
      (slow
        ? `${slow.script} #${slow.turn} "${slow.say}" p50 ${slow.p50.toFixed(2)} ms, p99 ${slow.p99.toFixed(2)} ms`
        : 'none'),
    `  server after the runs: VmRSS ${result.serverVmRssMB ?? '?'} MB, VmHWM ${result.serverVmHwmMB ?? '?'} MB`,
    ...[load, paced, single, echo]
      .filter((r) => r.firstError)
      .map((r) => `  first error at ${r.concurrency}: ${r.firstError ?? ''}`),
  ].join('\n');
}

/** The closing summary of targets. */
export function formatSummary(checks: readonly TargetCheck[], resultsPath: string): string {
  const missed = checks.filter((c) => !c.pass);
  return [
    `Targets met: ${checks.length - missed.length}/${checks.length}` +
      (missed.length
        ? ` — MISS: ${missed.map((c) => `${c.name} (${c.value}${c.unit === '%' ? ' %' : ` ${c.unit}`})`).join('; ')}`
        : ''),
    `JSON: ${resultsPath}`,
  ].join('\n');
}
