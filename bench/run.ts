/**
 * The assistant's benchmark (`npm run bench`). Headline first: the frozen evaluation set through the bot's
 * first-message decision, in aggregate only. Then tuning-set (old dev set) accuracy, classify latency, FAQ-turn
 * throughput over HTTP against a bare restify server, start-up time (cold and warm) and memory, whole absence
 * reports over HTTP, every dialog and FAQ answer over SMS (longest reply in segments), the matcher's calibration,
 * and nlu-eval at the scale of a public corpus. Prints a report and writes the same figures to
 * bench/results/latest.json. Exits 0 when every measurement was taken (targets missed or not), 1 when one failed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildMatcher, buildRouter, firstMessages } from '../src/bot/understanding.js';
import { loadSettings } from '../src/config.js';
import { loadTranslations } from '../src/i18n.js';
import { loadKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import {
  type ClassifyLatencyResult,
  type DevsetResult,
  measureClassifyLatency,
  measureDevset,
  readDevset,
} from './devset.js';
import { type DialogsResult, measureDialogs } from './dialogs.js';
import { type CalibrationResult, type EvalsetResult, measureCalibration, measureEvalset } from './evalset.js';
import { measureNluEval, type NluEvalResult } from './nlu-scale.js';
import { formatSms, measureSms, SMS_TARGET_SEGMENTS, type SmsResult } from './sms.js';
import { type MachineInfo, machineInfo } from './machine.js';
import { projectRoot } from './paths.js';
import * as report from './report.js';
import { type StartupResult, measureStartup } from './startup.js';
import { type ThroughputResult, measureThroughput } from './throughput.js';
import { pickFaqQuestions } from './turns.js';

/** Everything one run measured, as written to bench/results/latest.json. */
interface BenchResults {
  /** The headline: the evaluation set, aggregates only. */
  evalset?: EvalsetResult;
  machine: MachineInfo;
  /** The tuning set (the old dev set, test/nlu/devset.jsonl). */
  devset?: DevsetResult;
  classify?: ClassifyLatencyResult;
  throughput?: ThroughputResult;
  startup?: StartupResult;
  dialogs?: DialogsResult;
  sms?: SmsResult;
  calibration?: CalibrationResult;
  nluEval?: NluEvalResult;
  targets: report.TargetCheck[];
  /** Why the run stopped early (a measurement failed), or null. */
  failure: string | null;
}

/** Issue 10's targets on the evaluation set, lines given without a language (in scope and out of scope per language). */
const EVALSET_TARGETS = { inScope: 0.95, oosRecall: 0.92, tasks: 0.95, language: 0.98 };
const EVALSET_FILE = 'test/nlu/evalset.jsonl';
/** The tuning set's targets (inScope, oosRecall) are the old dev set's; firstAnswerMs is the warm start's. */
const TARGETS = { inScope: 0.97, oosRecall: 0.92, classifyP99Ms: 1, ratio: 0.4, firstAnswerMs: 1000, rssMB: 200 };
/** `nlu-eval` on 15,000 + 5,500 lines: wall time and the child's peak resident memory. */
const NLU_EVAL_TARGETS = { seconds: 30, rssMB: 300 };
const LOAD = { connections: 20, warmupSeconds: 2, durationSeconds: 10 };
/** Absence reports: guardian messages per whole report by path, and the p99 of one turn at 50 conversations. */
const DIALOG_TARGETS = { namedMessages: 5, askedMessages: 7, turnP99Ms: 15 };
/**
 * One turn, one path: the assistant's throughput as a share of the echo bot's on the same server and adapter (FAQ
 * turns, and absence-report turns at 50 conversations back to back), and the dialog server's memory after the runs.
 */
const FLOOR_TARGETS = { faqOfEcho: 0.5, dialogOfEcho: 0.5, serverRssMB: 200 };
const DIALOG_LOAD = {
  concurrency: 50,
  warmupConversations: 100,
  conversations: 1000,
  singleConversations: 100,
  // Guardians read the question and type: a pause of 0–0.4 s before each message is already far quicker than people.
  pacedConversations: 500,
  thinkMs: { min: 0, max: 400 },
};

async function main(): Promise<number> {
  const root = projectRoot();
  process.chdir(root);
  const resultsPath = join(root, 'bench/results/latest.json');
  const scratch = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const machine = machineInfo();
  const results: Omit<BenchResults, 'targets' | 'failure'> = { evalset: undefined, machine };
  const checks: report.TargetCheck[] = [];
  const add = (...items: report.TargetCheck[]) => {
    checks.push(...items);
    return Object.fromEntries(items.map((c) => [c.name, c]));
  };
  const print = (text: string) => console.log(`${text}\n`);
  let failure: Error | undefined;
  try {
    const settings = loadSettings({});
    const knowledge = loadKnowledgeBase(settings.HUB_FAQ_DIR, settings.HUB_MUNICIPALITY);
    const matcher = buildMatcher(knowledge, settings);

    // Headline: read by code, scored in aggregate; no line of the set is printed or kept.
    const firstMessage = firstMessages(buildRouter(knowledge, matcher, loadTranslations(), settings), matcher);
    const evalLines = readDevset(EVALSET_FILE);
    const isTask = (intent: string) => knowledge.kind(intent) === 'task';
    const evalset = measureEvalset(firstMessage, evalLines, isTask, EVALSET_FILE);
    results.evalset = evalset;
    const headline = evalset.withoutChannelLanguage;
    const headlineChecks = add(
      ...(['sv', 'en'] as const).flatMap((locale) => [
        report.check(
          report.headlineCheckName(locale, 'inScope'),
          headline.byLocale[locale].inScopeAccuracy,
          '>=',
          EVALSET_TARGETS.inScope,
          '%',
        ),
        report.check(
          report.headlineCheckName(locale, 'oos'),
          headline.byLocale[locale].oosRecall,
          '>=',
          EVALSET_TARGETS.oosRecall,
          '%',
        ),
      ]),
      report.check(
        report.headlineCheckName('all', 'tasks'),
        headline.overall.taskAccuracy,
        '>=',
        EVALSET_TARGETS.tasks,
        '%',
      ),
      report.check(
        report.headlineCheckName('all', 'language'),
        headline.overall.languageAccuracy,
        '>=',
        EVALSET_TARGETS.language,
        '%',
      ),
    );
    print(report.formatHeadline(evalset, headlineChecks));
    print(report.formatMachine(machine));
    const calibration = measureCalibration(matcher, firstMessage, evalLines);
    results.calibration = calibration;

    const devsetFile = 'test/nlu/devset.jsonl';
    const devset = readDevset(devsetFile);

    const accuracy = measureDevset(matcher, devset, devsetFile);
    results.devset = accuracy;
    const devChecks = add(
      ...(['sv', 'en'] as const).flatMap((locale) => [
        report.check(
          `${locale} in-scope accuracy`,
          accuracy.byLocale[locale].inScopeAccuracy,
          '>=',
          TARGETS.inScope,
          '%',
        ),
        report.check(
          `${locale} out-of-scope recall`,
          accuracy.byLocale[locale].oosRecall,
          '>=',
          TARGETS.oosRecall,
          '%',
        ),
      ]),
    );
    print(report.formatDevset(accuracy, devChecks));

    const latency = measureClassifyLatency(matcher, devset);
    results.classify = latency;
    const p99 = report.check('classify p99', latency.p99, '<=', TARGETS.classifyP99Ms, 'ms');
    add(p99);
    print(report.formatClassify(latency, p99));

    const questions = pickFaqQuestions(devset, matcher, knowledge, 4);
    const throughput = await measureThroughput(questions, LOAD, root, join(scratch, 'load.db'));
    results.throughput = throughput;
    const ratio = report.check('throughput bot/bare', throughput.ratio, '>=', TARGETS.ratio, '%');
    const faqOfEcho = report.check('FAQ turns bot/echo', throughput.botOfEcho, '>=', FLOOR_TARGETS.faqOfEcho, '%');
    add(ratio, faqOfEcho);
    print(report.formatThroughput(throughput, ratio));
    print(`  FAQ turns bot/echo ${report.verdictOf(faqOfEcho)}`);
    const bad = (['bare', 'echo', 'bot'] as const).filter((k) => {
      const r = throughput[k];
      return r.requestsTotal === 0 || r.non2xx > 0 || r.errors > 0 || r.timeouts > 0 || r.mismatches > 0;
    });
    if (bad.length) throw new Error(`bench: failed responses under load from: ${bad.join(', ')}`);

    const startup = await measureStartup(root, scratch, questions);
    results.startup = startup;
    // The target is on the warm start (the model kept on disk), which is also the top-level firstAnswerMs.
    const first = report.check('first answer', startup.warm.firstAnswerMs, '<=', TARGETS.firstAnswerMs, 'ms');
    const rss = report.check('VmRSS after turns', startup.vmRssMB, '<=', TARGETS.rssMB, 'MB');
    add(first, rss);
    print(report.formatStartup(startup, first, rss));

    const dialogs = await measureDialogs(root, join(scratch, 'dialogs.db'), DIALOG_LOAD);
    results.dialogs = dialogs;
    const dialogChecks = {
      named: report.check(
        'absence report messages, first names child+day+reason',
        dialogs.messages.named,
        '<=',
        DIALOG_TARGETS.namedMessages,
        'messages',
      ),
      asked: report.check(
        'absence report messages, everything asked',
        dialogs.messages.asked,
        '<=',
        DIALOG_TARGETS.askedMessages,
        'messages',
      ),
      p99: report.check(
        `dialog turn p99 (${DIALOG_LOAD.concurrency} conversations back to back, SQLite)`,
        dialogs.load.latencyMs.p99,
        '<=',
        DIALOG_TARGETS.turnP99Ms,
        'ms',
      ),
      pacedP99: report.check(
        `dialog turn p99 (${DIALOG_LOAD.concurrency} conversations, ` +
          `${DIALOG_LOAD.thinkMs.min}–${DIALOG_LOAD.thinkMs.max} ms pauses, SQLite)`,
        dialogs.paced.latencyMs.p99,
        '<=',
        DIALOG_TARGETS.turnP99Ms,
        'ms',
      ),
    };
    add(dialogChecks.named, dialogChecks.asked, dialogChecks.p99, dialogChecks.pacedP99);
    print(report.formatDialogs(dialogs, dialogChecks));
    const dialogOfEcho = report.check(
      `dialog turns bot/echo (${DIALOG_LOAD.concurrency} conversations back to back)`,
      dialogs.load.turnsPerSec / dialogs.echo.turnsPerSec,
      '>=',
      FLOOR_TARGETS.dialogOfEcho,
      '%',
    );
    const serverRss = report.check(
      'server VmRSS after the dialog runs',
      dialogs.serverVmRssMB ?? Number.NaN,
      '<=',
      FLOOR_TARGETS.serverRssMB,
      'MB',
    );
    add(dialogOfEcho, serverRss);
    print(
      `  dialog turns bot/echo ${report.verdictOf(dialogOfEcho)}; ` +
        `server VmRSS after the runs ${report.verdictOf(serverRss)}`,
    );
    const failed = [dialogs.load, dialogs.paced, dialogs.single, dialogs.echo].filter(
      (r) => r.errors > 0 || r.reports === 0,
    );
    if (failed.length) {
      throw new Error(
        `bench: absence reports failed over HTTP: ${failed.map((r) => `${r.errors} at ${r.concurrency}`).join(', ')}`,
      );
    }

    const sms = await measureSms();
    results.sms = sms;
    const smsCheck = report.check('longest SMS reply', sms.longest.segments, '<=', SMS_TARGET_SEGMENTS, 'segments');
    add(smsCheck);
    print(formatSms(sms, smsCheck, 6));
    if (sms.failures.length) throw new Error(`bench: SMS dialogs did not go as scripted: ${sms.failures[0] ?? ''}`);

    print(report.formatCalibration(calibration));

    const nluEval = await measureNluEval(root, scratch, knowledge);
    results.nluEval = nluEval;
    const nluTime = report.check('nlu-eval wall time', nluEval.wallSeconds, '<=', NLU_EVAL_TARGETS.seconds, 's');
    const nluMemory = report.check('nlu-eval peak RSS', nluEval.maxRssMB, '<=', NLU_EVAL_TARGETS.rssMB, 'MB');
    add(nluTime, nluMemory);
    print(report.formatNluEval(nluEval, nluTime, nluMemory));
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    console.error(`MEASUREMENT FAILED: ${failure.message}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const output: BenchResults = { ...results, targets: checks, failure: failure?.message ?? null };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(resultsPath, `${JSON.stringify(output, null, 2)}\n`);
  console.log(report.formatSummary(checks, relative(root, resultsPath)));
  return failure ? 1 : 0;
}

process.exit(await main());
