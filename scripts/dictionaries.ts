/**
 * What the Hunspell dictionaries earn, measured (issue 10, part 5). Prints, for the Swedish and English
 * dictionaries (dictionary-sv, dictionary-en):
 * - nspell, the maintained checker: its load time and memory, and whether it tells misspellings from real words
 *   (with the Swedish dictionary's compound rules, and without them);
 * - the names the assistant reads from the dictionaries' word lists: their load time, and the matcher with and
 *   without them in 5-fold cross-validation on faq/ and on the two tuning sets (aggregates; never the evaluation
 *   set).
 * Run: npx tsx scripts/dictionaries.ts
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import nspell from 'nspell';
import { SMALL_TALK_INTENTS } from '../src/bot/understanding.js';
import { loadKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { parseLabelledLines } from '../src/nlu/evaluate.js';
import { IntentMatcher, type MatcherResources } from '../src/nlu/matcher.js';
import { loadProperNouns } from '../src/nlu/proper-nouns.js';
import type { LabelledExample } from '../src/nlu/types.js';

const require = createRequire(import.meta.url);
const dictionaryFile = (name: string, file: string) => join(dirname(require.resolve(name)), file);
// The garbage collector, to measure what a checker keeps alive rather than what loading it left behind.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return getHeapStatistics().used_heap_size / 1e6;
};
const kept: unknown[] = [];

/** Words a checker must accept, and misspellings it must reject. */
const PROBES = {
  sv: { words: ['vikarie', 'lösenordet', 'gäst', 'förkyld'], misspelt: ['lösenrod', 'frånvar', 'anmeler', 'skolon'] },
  en: { words: ['substitute', 'crashing', 'password', 'absence'], misspelt: ['passwrod', 'absense', 'skool'] },
} as const;

function checker(name: string, label: string, probes: (typeof PROBES)[keyof typeof PROBES], strip = false): void {
  const before = heapMb();
  const started = performance.now();
  let aff = readFileSync(dictionaryFile(name, 'index.aff'), 'utf8');
  if (strip) aff = aff.replace(/^(COMPOUND|ONLYINCOMPOUND|CHECKCOMPOUND).*$/gm, '');
  const spell = nspell({ aff, dic: readFileSync(dictionaryFile(name, 'index.dic'), 'utf8') });
  const ms = performance.now() - started;
  kept.push(spell);
  const heap = heapMb() - before;
  const accepted = probes.words.filter((w) => spell.correct(w)).length;
  const rejected = probes.misspelt.filter((w) => !spell.correct(w)).length;
  console.log(
    `  ${label}: loads in ${ms.toFixed(0)} ms and keeps ${heap.toFixed(0)} MB; ` +
      `accepts ${accepted}/${probes.words.length} real words, rejects ${rejected}/${probes.misspelt.length} misspellings`,
  );
}

console.log('nspell with the Hunspell dictionaries:');
checker('dictionary-en', 'English', PROBES.en);
checker('dictionary-sv', 'Swedish, with its compound rules', PROBES.sv);
checker('dictionary-sv', 'Swedish, without its compound rules', PROBES.sv, true);

const beforeNames = heapMb();
const started = performance.now();
const names = loadProperNouns();
const namesMs = performance.now() - started;
console.log(
  `\nnames from the word lists: ${names.size} in ${namesMs.toFixed(0)} ms, keeping ${(heapMb() - beforeNames).toFixed(1)} MB`,
);

const pct = (right: number, all: number) => `${((100 * right) / Math.max(all, 1)).toFixed(1)} %`;
function score(matcher: IntentMatcher, lines: readonly LabelledExample[]) {
  let inRight = 0;
  let inAll = 0;
  let outRight = 0;
  let outAll = 0;
  for (const line of lines) {
    const intent = matcher.classify(line.text).intent;
    if (line.intent === null) {
      outAll++;
      if (intent === null) outRight++;
    } else {
      inAll++;
      if (intent === line.intent) inRight++;
    }
  }
  return `${pct(inRight, inAll)} in scope, ${pct(outRight, outAll)} out of scope`;
}

const examples = loadKnowledgeBase('faq').examples();
const options = { smallTalk: SMALL_TALK_INTENTS, outOfScopeShare: 0.25 };
for (const [label, resources] of [
  ['without names', {}],
  ['with names', { properNouns: names }],
] as [string, MatcherResources][]) {
  const fixed = examples.filter((e) => (e.weight ?? 1) < 1);
  const folding = examples.filter((e) => (e.weight ?? 1) >= 1);
  const held: { line: LabelledExample; intent: string | null }[] = [];
  for (let fold = 0; fold < 5; fold++) {
    const matcher = IntentMatcher.build([...fixed, ...folding.filter((_, i) => i % 5 !== fold)], options, resources);
    for (const line of folding.filter((_, i) => i % 5 === fold)) {
      held.push({ line, intent: matcher.classify(line.text, line.locale).intent });
    }
  }
  const inScope = held.filter((h) => h.line.intent !== null);
  const outOfScope = held.filter((h) => h.line.intent === null);
  const full = IntentMatcher.build(examples, options, resources);
  console.log(`\nthe matcher ${label}:`);
  console.log(
    `  5-fold cross-validation on faq/: ${pct(inScope.filter((h) => h.intent === h.line.intent).length, inScope.length)} ` +
      `in scope, ${pct(outOfScope.filter((h) => h.intent === null).length, outOfScope.length)} out of scope`,
  );
  for (const file of ['test/nlu/devset.jsonl', 'test/nlu/tuning-blind.jsonl']) {
    const lines = parseLabelledLines(readFileSync(file, 'utf8'), file);
    for (const locale of ['sv', 'en'] as const) {
      console.log(
        `  ${file} ${locale}: ${score(
          full,
          lines.filter((l) => l.locale === locale),
        )}`,
      );
    }
  }
}
