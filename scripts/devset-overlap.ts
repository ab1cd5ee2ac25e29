/**
 * Lists the dev-set lines that also occur in the knowledge base (ignoring case, punctuation and å/ä/ö), without
 * showing the knowledge base itself, so the dev set can be kept apart from faq/ by someone who has not read it.
 * Run: npx tsx scripts/devset-overlap.ts
 */
import { readFileSync } from 'node:fs';
import { loadKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { questionKey } from '../src/knowledge/read.js';

const known = new Set(
  loadKnowledgeBase('faq')
    .examples()
    .map((example) => questionKey(example.text)),
);
const lines = readFileSync('test/nlu/devset.jsonl', 'utf8').split('\n');
let count = 0;
lines.forEach((line, i) => {
  if (!line.trim()) return;
  const { text } = JSON.parse(line) as { text: string };
  if (known.has(questionKey(text))) {
    count++;
    console.log(`dev-set line ${i + 1} is also an example in faq/`);
  }
});
console.log(`${count} dev-set line(s) also in faq/`);
