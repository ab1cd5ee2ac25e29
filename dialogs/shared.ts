import { randomUUID } from 'node:crypto';
import type { DialogTurnResult, WaterfallStepContext } from './sdk.js';
import { ASK, type AskOptions } from './ask.js';
import { BackendError, type Child } from '../src/backend/types.js';
import type { DialogEnvironment } from './environment.js';
import type { Keywords } from './keywords.js';
import { phrase } from './keywords.js';
import { type Arg, type ChoiceSpec, type Message, msg } from './message.js';

/** How a task dialog is started: whose children, and the guardian's first message (redacted) to read details from. */
export interface TaskOptions {
  guardianId: string;
  text?: string;
}

/** What a finished task reports back: a receipt to show again if the guardian repeats the last answer. */
export interface TaskResult {
  done: true;
  /** The buttons whose second tap would repeat the submission ("Ja", the booked time). */
  repeatedBy: Message[];
  receipt: Message[];
}

/** The value of the "all my children" choice. */
export const ALL_CHILDREN = '*';
/** The value of the "more times" choice. */
export const MORE = '__more__';

export const yesNo = (): ChoiceSpec[] => [
  { value: 'yes', label: msg('choice.yes') },
  { value: 'no', label: msg('choice.no') },
];

/** One choice per child by first name, plus "both"/"all" when there are several and the task allows it. */
export function childChoices(children: readonly Child[], allowAll: boolean): ChoiceSpec[] {
  const choices: ChoiceSpec[] = children.map((child) => ({ value: child.id, label: child.name }));
  if (allowAll && children.length > 1) {
    choices.push({ value: ALL_CHILDREN, label: msg(children.length === 2 ? 'choice.both' : 'choice.all') });
  }
  return choices;
}

/** The children a message names ("Elsa är sjuk", "båda är sjuka"); empty when it names none. */
export function mentionedChildren(text: string, children: readonly Child[], keywords: Keywords): Child[] {
  if (children.length > 1 && keywords.mentions(text, 'all')) return [...children];
  const padded = ` ${phrase(text)} `;
  return children.filter((child) => padded.includes(` ${phrase(child.name)} `));
}

/** The chosen children from a choice value. */
export function chosenChildren(value: unknown, children: readonly Child[]): Child[] {
  if (value === ALL_CHILDREN) return [...children];
  return children.filter((child) => child.id === value);
}

/** The children's names as one value ("Elsa och Olle"). */
export const namesOf = (children: readonly Child[]): Arg => ({ list: children.map((child) => child.name) });

/** A fresh idempotency key, made once when the summary is shown and kept in the dialog state. */
export const newKey = (): string => randomUUID();

/** Why the school system refused or failed, in the guardian's words. */
export function problemMessage(error: unknown): Message {
  if (error instanceof BackendError) return msg(`backend.${error.code}`);
  return msg('backend.unavailable');
}

/** True when the failure means nothing was registered and trying again later may work. */
export const isTemporary = (error: unknown): boolean =>
  !(error instanceof BackendError) || error.code === 'unavailable';

/** What every task dialog knows about whose children it acts for. */
export interface ChildValues {
  guardianId: string;
  children: Child[];
  chosen: Child[];
}

/** How a task's first step reads the first message and asks for the child. */
export interface ChildStepSpec {
  /** Whether "båda"/"both" is a valid answer. */
  allowAll: boolean;
  /** Said once when the task starts ("Jag hjälper dig att anmäla frånvaron …"). */
  intro: Message;
  prompt: Message;
  help: Message;
  /**
   * Reads the first message once the children are known: notes to say after the intro, or `done` when the
   * dialog has already answered (a status question).
   */
  read(text: string, children: Child[]): Promise<Message[] | 'done'>;
}

/**
 * The first step of every task: carry over what a restarted dialog knew, load the guardian's children once, read
 * the first message, and ask which child only when the guardian has several and did not say.
 */
export async function startWithChild(
  env: DialogEnvironment,
  step: WaterfallStepContext,
  spec: ChildStepSpec,
): Promise<DialogTurnResult> {
  const options = step.options as TaskOptions & Partial<ChildValues>;
  const values = valuesOf<ChildValues>(step);
  Object.assign(values, { ...options, text: undefined });
  if (!values.children) {
    const children = await loadChildren(env, step, options.guardianId);
    if (!children) return step.endDialog();
    values.children = children;
    const named = mentionedChildren(options.text ?? '', children, env.keywords);
    if (named.length > 0 && (spec.allowAll || named.length === 1)) values.chosen = named;
    const notes = await spec.read(options.text ?? '', children);
    if (notes === 'done') return step.endDialog();
    await env.send(step.context, { parts: [spec.intro, ...notes] });
  }
  const children = values.children;
  if (!values.chosen && children.length === 1) values.chosen = children;
  if (values.chosen) return step.next(values.chosen.map((child) => child.id));
  return step.beginDialog(ASK, {
    kind: 'choice',
    prompt: { parts: [spec.prompt], choices: childChoices(children, spec.allowAll) },
    help: spec.help,
  } satisfies AskOptions);
}

/** The children chosen at the child prompt (or before it). */
export function chosenAfterPrompt(step: WaterfallStepContext): Child[] {
  const values = valuesOf<ChildValues>(step);
  values.chosen ??= chosenChildren(step.result, values.children ?? []);
  return values.chosen;
}

/** Step values of a waterfall, typed. */
export function valuesOf<T>(step: WaterfallStepContext): Partial<T> {
  return step.values;
}

/**
 * Loads the guardian's children for a dialog, or says plainly why it cannot go on (no children, school system
 * down) and returns undefined.
 */
export async function loadChildren(
  env: DialogEnvironment,
  step: WaterfallStepContext,
  guardianId: string,
): Promise<Child[] | undefined> {
  try {
    const children = await env.backend.children(guardianId);
    if (children.length > 0) return children;
    await env.send(step.context, { parts: [msg('task.noChildren')] });
  } catch (error) {
    env.logger.warn({ err: error }, 'could not load children');
    await env.send(step.context, { parts: [problemMessage(error), msg('task.tryLater')] });
  }
  return undefined;
}
