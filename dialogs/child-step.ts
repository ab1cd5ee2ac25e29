import type { DialogTurnResult, WaterfallStepContext } from './sdk.js';
import { ASK, type AskOptions } from './ask-options.js';
import type { Child } from '../src/backend/types.js';
import { childChoices, chosenChildren, mentionedChildren } from './choices.js';
import type { DialogEnvironment } from './environment.js';
import { type Message, msg } from './message.js';
import { problemMessage } from './problems.js';
import type { TaskOptions } from './task-options.js';

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
    env.say(step.context, { parts: [spec.intro, ...notes] });
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
    env.say(step.context, { parts: [msg('task.noChildren')] });
  } catch (error) {
    env.logger.warn({ err: error }, 'could not load children');
    env.say(step.context, { parts: [problemMessage(error), msg('task.tryLater')] });
  }
  return undefined;
}
