import type { ReliabilityBin } from '../src/nlu/calibration.js';
import type { ClassifyLatencyResult, DevsetResult } from './devset.js';
import type { DialogPath, DialogRun, DialogsResult } from './dialogs.js';
import type { CalibrationResult, EvalsetFigures, EvalsetResult, EvalsetScores } from './evalset.js';
import type { MachineInfo } from './machine.js';
import type { NluEvalResult } from './nlu-scale.js';
import type { StartupResult, StartupRuns } from './startup.js';
import type { LoadResult, ThroughputResult } from './throughput.js';

/** One target and whether the run met it. */
export interface TargetCheck {
  name: string;
  value: number;
  unit: '%' | 'ms' | 's' | 'MB' | 'messages' | 'segments';
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

/** A check as the report prints it: the value, the target and PASS or MISS. */
export const verdictOf = (c: TargetCheck): string =>
  `${c.unit === '%' ? pct(c.value / 100) : `${c.value} ${c.unit}`}  ${verdict(c)}`;

/** The report's heading: date and machine. */
export function formatMachine(machine: MachineInfo): string {
  return [
    `hub-assistant bench — ${machine.date}`,
    `machine: node ${machine.node} · ${machine.cpuModel} · ${machine.cores} cores · ${machine.memoryGiB} GiB · ${machine.platform}`,
    `load average at start: ${machine.loadAverage.join(' ')}`,
  ].join('\n');
}

/** The headline's four figures of one row, with the checks they have. */
interface HeadlineChecks {
  inScope?: TargetCheck;
  oos?: TargetCheck;
  tasks?: TargetCheck;
  language?: TargetCheck;
}

/** The names of the headline's checks (shared by run.ts and the report). */
export const headlineCheckName = (row: 'sv' | 'en' | 'all', figure: keyof HeadlineChecks) =>
  `evaluation set ${row} ${{ inScope: 'in-scope accuracy', oos: 'out-of-scope recall', tasks: 'task statements started right', language: 'answer language right' }[figure]}`;

function headlineTable(figures: EvalsetFigures, checks?: Record<string, TargetCheck>): string[] {
  const cell = (value: number, c?: TargetCheck) => `${pct(value).padStart(7)}  ${(c ? verdict(c) : '').padEnd(16)}`;
  const row = (label: 'sv' | 'en' | 'all', f: EvalsetScores) => {
    const c = (figure: keyof HeadlineChecks) => checks?.[headlineCheckName(label, figure)];
    return (
      `  ${label.padEnd(4)} ${`${f.inScope}+${f.outOfScope}`.padStart(8)} ${String(f.tasks).padStart(5)}   ` +
      `${cell(f.inScopeAccuracy, c('inScope'))} ${cell(f.oosRecall, c('oos'))} ${cell(f.taskAccuracy, c('tasks'))} ` +
      cell(f.languageAccuracy, c('language'))
    ).trimEnd();
  };
  return [
    `  lang  in+out tasks   in-scope accuracy          out-of-scope recall        task statements right      answer language right`,
    row('sv', figures.byLocale.sv),
    row('en', figures.byLocale.en),
    row('all', figures.overall),
  ];
}

/**
 * The headline: the evaluation set through the bot's first-message decision, per language, with its targets (lines
 * given without a language), and the same with the channel giving the language. Aggregates only.
 */
export function formatHeadline(result: EvalsetResult, checks: Record<string, TargetCheck>): string {
  return [
    `Headline — evaluation set: ${result.file} (${result.lines} lines, frozen, written by people who never saw ` +
      `faq/; aggregates only)`,
    `  each line as the first message of a new conversation, the bot's decision (intent acted on, task cues ` +
      `included; language answered in)`,
    `  without a channel language (SMS, plain HTTP):`,
    ...headlineTable(result.withoutChannelLanguage, checks),
    `  with the channel giving the language (no targets):`,
    ...headlineTable(result.withChannelLanguage),
  ].join('\n');
}

/** Section 1: tuning-set (the old dev set) accuracy per language with its targets. */
export function formatDevset(result: DevsetResult, checks: Record<string, TargetCheck>): string {
  const row = (label: string, f: DevsetResult['overall'], acc?: TargetCheck, oos?: TargetCheck) =>
    `  ${label.padEnd(4)} ${`${f.inScope}+${f.outOfScope}`.padStart(8)}   ` +
    `${pct(f.inScopeAccuracy).padStart(7)}  ${(acc ? verdict(acc) : '').padEnd(16)}   ` +
    `${pct(f.oosRecall).padStart(7)}  ${oos ? verdict(oos) : ''}`;
  return [
    `1. Tuning set (the old dev set, written by the team beside faq/): ${result.file} (${result.lines} lines)`,
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

/** Section 4: start-up time (cold and warm) and resident memory of the server as `npm start` runs it. */
export function formatStartup(result: StartupResult, first: TargetCheck, rss: TargetCheck): string {
  const runs = (r: StartupRuns) => {
    const reported = r.reportedStartupMs.map((ms) => (ms === null ? '?' : `${ms}`)).join(' / ');
    return (
      `    runs: ${r.runs.map((ms) => ms.toFixed(0)).join(' / ')} ms; polls: ${r.polls.join(' / ')}; ` +
      `server's own startupMs: ${reported} ms`
    );
  };
  const { cold, warm } = result;
  return [
    `4. Start-up and memory of \`${result.command.join(' ')}\` (npm start after its build; a fresh database each ` +
      `spawn, the model folder HUB_MODEL_DIR's default: models/ beside it)`,
    `  cold (empty model folder: trains and keeps the model), ${cold.runs.length} spawn(s): spawn → first FAQ answer, ` +
      `median ${cold.firstAnswerMs.toFixed(0)} ms` +
      (cold.modelKept ? '' : '  (WARNING: a cold start kept no model)'),
    runs(cold),
    `  warm (the model already kept), ${warm.runs.length} spawn(s): spawn → first FAQ answer, median ` +
      `${warm.firstAnswerMs.toFixed(0)} ms  ${verdict(first)}` +
      (warm.trainedAgain ? '  (WARNING: a warm start trained and kept a model again)' : ''),
    runs(warm),
    `  the floor: the echo bot on the same server and adapter, ${result.echo.runs.length} spawn(s): spawn → first ` +
      `answer, median ${result.echo.firstAnswerMs.toFixed(0)} ms (runs: ${result.echo.runs.map((ms) => ms.toFixed(0)).join(' / ')} ms)`,
    `  after ${result.turns} more FAQ turns to the last warm server (${result.turnConcurrency} at a time, ` +
      `${result.turnsSeconds} s): VmRSS ${result.vmRssMB} MB  ${verdict(rss)}  (VmHWM ${result.vmHwmMB} MB)`,
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

/** A reliability table, a column per confidence bin: how many, how sure on average, how often right. */
function reliabilityTable(table: readonly ReliabilityBin[], indent: string): string[] {
  const columns = table.filter((b) => b.count > 0);
  const line = (label: string, cell: (b: ReliabilityBin) => string) =>
    `${indent}${label.padEnd(16)}${columns.map((b) => cell(b).padStart(8)).join('')}`;
  return [
    line('confidence', (b) => `${b.from.toFixed(1)}–${b.to.toFixed(1)}`),
    line('  lines', (b) => String(b.count)),
    line('  mean stated', (b) => b.meanConfidence.toFixed(2)),
    line('  right', (b) => pct(b.accuracy)),
  ];
}

/** Section 7: the matcher's calibration on its training folds and on the evaluation set (aggregate bins). */
export function formatCalibration(result: CalibrationResult): string {
  const ece = (value: number) => value.toFixed(3);
  return [
    `7. Calibration of the knowledge base's matcher (expected calibration error: the count-weighted gap between ` +
      `confidence and how often the best intent is right)`,
    result.folds && result.minConfidence !== null
      ? `  answers from confidence ${result.minConfidence.toFixed(2)}; on its training folds ECE ` +
        ece(result.folds.expectedCalibrationError)
      : `  not calibrated (too few examples: similarity alone decides)`,
    ...(result.folds ? reliabilityTable(result.folds.bins, '    ') : []),
    `  evaluation set, without a channel language, the matcher's confidence in its best intent: ECE ` +
      ece(result.evalset.expectedCalibrationError),
    ...reliabilityTable(result.evalset.bins, '    '),
    `  evaluation set, the bot's first-message decision (task cues and language rules state fixed confidences): ECE ` +
      ece(result.evalsetFirstMessages.expectedCalibrationError),
  ].join('\n');
}

/** Section 8: nlu-eval on a corpus of public-corpus size, as a child process. */
export function formatNluEval(result: NluEvalResult, time: TargetCheck, memory: TargetCheck): string {
  const { corpus } = result;
  const locales = Object.entries(result.byLocale)
    .map(([locale, f]) => `${locale} ${pct(f.inScopeAccuracy)} / ${pct(f.oosRecall)}`)
    .join(', ');
  return [
    `8. nlu-eval at scale: \`${result.command.join(' ')}\``,
    `  synthetic corpus from faq/ (seed ${corpus.seed}): ${corpus.trainLines} train lines ` +
      `(${corpus.trainOutOfScopeLines} out of scope) and ${corpus.testLines} test lines ` +
      `(${corpus.testOutOfScopeLines} out of scope) over ${corpus.intents} intents, from ${corpus.baseLines} ` +
      `example questions, titles and out-of-scope lines (${pct(corpus.testBaseShare)} of each intent's kept for ` +
      `test), varied with typos, dropped words, case, greetings, no å/ä/ö`,
    `  wall time ${result.wallSeconds.toFixed(1)} s  ${verdict(time)}  (CPU ${result.userCpuSeconds.toFixed(1)} s user + ` +
      `${result.systemCpuSeconds.toFixed(1)} s system)`,
    `  peak resident memory of the child ${result.maxRssMB.toFixed(0)} MB  ${verdict(memory)}`,
    `  smoke check (no target): in-scope accuracy ${pct(result.inScopeAccuracy)}, out-of-scope recall ` +
      `${pct(result.oosRecall)} (${locales}), macro F1 ${result.macroF1.toFixed(3)}, language ` +
      `${pct(result.languageAccuracy)}, ECE ${result.calibration.expectedCalibrationError.toFixed(3)}` +
      (result.calibration.minConfidence === null
        ? ''
        : ` (answers from ${result.calibration.minConfidence.toFixed(2)}; folds ECE ` +
          `${result.calibration.foldsExpectedCalibrationError?.toFixed(3) ?? '–'})`),
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
