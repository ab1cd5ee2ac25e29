/**
 * Removes from faq/ every example question and out-of-scope line that also stands in a held-out set (ignoring
 * case, punctuation and å/ä/ö), printing only how many per file: for keeping faq/ apart from the evaluation and
 * tuning sets without reading them. Titles and answers are not list items and stay.
 * Run: npx tsx scripts/drop-overlap.ts [set.jsonl …] (default: the evaluation set and both tuning sets)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { questionKey } from '../src/knowledge/read.js';
import { parseLabelledLines } from '../src/nlu/evaluate.js';

const sets = process.argv.slice(2);
const files =
  sets.length > 0 ? sets : ['test/nlu/evalset.jsonl', 'test/nlu/devset.jsonl', 'test/nlu/tuning-blind.jsonl'];
const held = new Set(
  files.flatMap((file) => parseLabelledLines(readFileSync(file, 'utf8'), file)).map((l) => questionKey(l.text)),
);

let total = 0;
for (const name of readdirSync('faq').filter((n) => n.endsWith('.yaml'))) {
  const path = join('faq', name);
  const lines = readFileSync(path, 'utf8').split('\n');
  // Example questions and out-of-scope lines are one list item a line ("- Hur …"); titles and answers are not.
  const kept = lines.filter((line) => {
    const item = /^\s*- (.+)$/.exec(line)?.[1];
    if (item === undefined) return true;
    const value: unknown = parse(item);
    // An intent id in a block list (a follow-up such as "absence.report") is no example, whatever a set says.
    if (typeof value !== 'string' || /^[a-z_]+(\.[a-z_]+)+$/.test(value)) return true;
    return !held.has(questionKey(value));
  });
  const dropped = lines.length - kept.length;
  if (dropped > 0) writeFileSync(path, kept.join('\n'));
  total += dropped;
  console.log(`${path}: ${dropped} removed`);
}
console.log(`${total} example line(s) removed`);
