import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Locale } from '../../src/nlu/types.js';
import {
  type EntryDefinition,
  removeTempDirs,
  required,
  tempDir,
  TWIN_QUESTION,
  twinKnowledgeBase,
} from '../support/fixtures.js';
import { buttons, chatAs, said, text, worldsAt } from './harness.js';

/** Wednesday 25 November 2026, 09:00 in Stockholm. */
const NOW = '2026-11-25T08:00:00Z';

const open = worldsAt(NOW);

afterEach(() => {
  removeTempDirs();
});

describe('a tapped task button starts the task for a guardian the assistant may act for', () => {
  it.each<{ locale: Locale; title: string }>([
    { locale: 'sv', title: 'Anmäla frånvaro' },
    { locale: 'en', title: 'Report absence' },
  ])('the welcome’s "$title" ($locale): which child?', async ({ locale, title }) => {
    const w = open();
    const chat = chatAs(w, 'demo-anna', locale);
    expect(buttons(await chat.join())).toContain(title);
    const reply = said(await chat.send(title));
    expect(reply).toContain(text(w, locale, 'task.intro.reportAbsence'));
    expect(reply).toContain(text(w, locale, 'absence.askChild'));
    expect(reply).not.toContain(required(w.assistant.knowledge.answer('absence.report', locale), 'how-to'));
  });

  it('a follow-up under an answer: "Anmäla frånvaro" under the after-school answer asks which day', async () => {
    const w = open();
    const chat = chatAs(w, 'demo-omar', 'sv');
    const answer = await chat.send('Hur anmäler jag frånvaro på fritids?');
    expect(said(answer)).toContain(w.assistant.knowledge.answer('absence.fritids', 'sv'));
    expect(buttons(answer)).toContain('Anmäla frånvaro');
    const reply = said(await chat.send('Anmäla frånvaro'));
    expect(reply).toContain(text(w, 'sv', 'task.intro.reportAbsence'));
    expect(reply).toContain('i dag eller i morgon för Yusuf');
  });

  it('for an account the school does not know it explains how to do it, and how to get access', async () => {
    const w = open();
    const chat = chatAs(w, 'someone-else', 'sv');
    await chat.join();
    const reply = said(await chat.send('Anmäla frånvaro'));
    expect(reply).toContain(w.assistant.knowledge.answer('absence.report', 'sv'));
    expect(reply).toContain(text(w, 'sv', 'task.noAccess'));
    expect(reply).not.toContain(text(w, 'sv', 'task.intro.reportAbsence'));
  });
});

/**
 * The twin knowledge base of the fixtures (a question equally close to two intents), with one twin made the
 * absence task: its title then stands for a task among the "did you mean" choices.
 */
function twinsWithTask(): { dir: string; taskTitle: string } {
  const dir = twinKnowledgeBase(tempDir());
  const file = join(dir, 'topics.yaml');
  const topics = parse(readFileSync(file, 'utf8')) as { entries: EntryDefinition[] };
  const twin = required(
    topics.entries.find((entry) => entry.id === 'laundry.alfa'),
    'the alfa twin',
  );
  Object.assign(twin, { id: 'absence.report', kind: 'task' });
  for (const entry of topics.entries) entry.followUps = [];
  writeFileSync(file, stringify(topics));
  return { dir, taskTitle: twin.sv.title };
}

describe('"did you mean …?" with a task among the choices', () => {
  it('choosing the task starts it', async () => {
    const { dir, taskTitle } = twinsWithTask();
    const w = open({ faqDir: dir });
    expect(w.assistant.matcher.classify(TWIN_QUESTION.sv, 'sv')).toMatchObject({ ambiguous: true });
    const chat = chatAs(w, 'demo-omar', 'sv');
    const asked = await chat.send(TWIN_QUESTION.sv);
    expect(said(asked)).toContain(text(w, 'sv', 'didYouMean'));
    expect(buttons(asked)).toContain(taskTitle);
    const reply = said(await chat.send(taskTitle));
    expect(reply).toContain(text(w, 'sv', 'task.intro.reportAbsence'));
    expect(reply).toContain('i dag eller i morgon för Yusuf');
  });
});
