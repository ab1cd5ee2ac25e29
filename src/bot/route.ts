import type { AskOptions } from '../../dialogs/ask-options.js';
import type { Message } from '../../dialogs/message.js';
import type { Recognized } from '../../dialogs/recognize.js';
import type { TaskPosition } from '../../dialogs/task-runner.js';
import type { Classification, Locale } from '../nlu/types.js';
import type { OfferedChoice } from './responder.js';

/** One guardian message as the router sees it: the text and what the conversation already knows. */
export interface RouterMessage {
  text: string;
  /** The conversation's language so far: its state's, else the channel's; undefined when neither gives one. */
  conversationLocale?: Locale | undefined;
  /** The guardian asked for the conversation's language: only another request changes it. */
  localeChosen?: boolean | undefined;
  /** The choices of the last reply, so a tapped button or a typed number picks one. */
  offered?: readonly OfferedChoice[] | undefined;
  /** A task's dialog is waiting for an answer (or for "leave this task?"). */
  inTask: boolean;
  /** Where the open task stands: its dialog and the prompt waiting for an answer. */
  task?: TaskPosition | undefined;
  /** Another task asked for in the middle of one, waiting for a yes or no to "leave this one?". */
  pendingSwitch?: { intent: string; text: string } | undefined;
  /** The buttons whose second tap right after a submission shows its receipt again ("Ja"). */
  repeatable?: readonly Message[] | undefined;
}

/**
 * What every route carries: the language to answer in, and the classification the decision rests on — refined
 * by the router (a task cue, a language request, a language switch it does not honour), so a log, `classify` and
 * an open task all read the same thing the bot acted on.
 */
interface RouteBase {
  locale: Locale;
  understood: Classification;
}

/** An FAQ answer with its follow-ups. */
export interface AnswerRoute extends RouteBase {
  kind: 'answer';
  intent: string;
}

/** An answer followed by the conversation starters (a greeting, "what can you do?"). */
export interface StartersRoute extends RouteBase {
  kind: 'starters';
  intent: string;
}

/** A guided task: run it for a guardian the assistant may act for, else explain how to do it. */
export interface TaskRoute extends RouteBase {
  kind: 'task';
  intent: string;
}

/** Two answers too close to choose between: "Menade du …?" with both and "Inget av dessa". */
export interface DidYouMeanRoute extends RouteBase {
  kind: 'didYouMean';
  intents: readonly [string, string];
}

/** Outside what the assistant knows: say so, and keep the question for staff. */
export interface UnknownRoute extends RouteBase {
  kind: 'unknown';
}

/** The guardian asked the assistant to write in a language: keep it from now on (`locale` is the target). */
export interface SwitchLanguageRoute extends RouteBase {
  kind: 'switchLanguage';
  intent: string;
  target: Locale;
}

/** The guardian wants a person: how to reach the school, and the latest question kept for staff. */
export interface HandOffRoute extends RouteBase {
  kind: 'handOff';
  intent: string;
}

/** "Inget av dessa" under a "did you mean …?": the question goes to staff. */
export interface NoneOfTheseRoute extends RouteBase {
  kind: 'noneOfThese';
}

/**
 * A message while a task waits for an answer. The task decides first whether it answers its prompt; if not,
 * `outside` is what the message would be outside the task (a question, a language switch, another task).
 */
export interface ContinueTaskRoute extends RouteBase {
  kind: 'continueTask';
  outside: OutsideRoute;
  /** What the message does to the task. */
  step: TaskStep;
}

/** What a message does to an open task. */
export type TaskStep =
  /** The prompt takes the message (`recognized`: what it made of it, read once). */
  | { kind: 'answer'; prompt?: AskOptions; recognized?: Recognized }
  | { kind: 'cancel' }
  /** "hjälp": what this step needs, then the question again. */
  | { kind: 'help'; help: Message }
  /** "Ja" to leaving this task for the one asked for in the middle of it. */
  | { kind: 'switchTask'; intent: string; text: string }
  /** The question again: "nej" to leaving the task, or the open task asked for again. */
  | { kind: 'reprompt' }
  /** A question, a language switch or a hand-off in the middle of the task: handled, then the question again. */
  | { kind: 'interrupt'; outside: AnswerRoute | HandOffRoute | SwitchLanguageRoute }
  /** Another task asked for: "leave this one?". */
  | { kind: 'offerSwitch'; intent: string };

/** A repeated tap of the last submission's button ("Ja"): its receipt again, nothing registered twice. */
export interface RepeatReceiptRoute extends RouteBase {
  kind: 'repeatReceipt';
}

/** What a message can mean on its own, with no task open. */
export type OutsideRoute =
  | AnswerRoute
  | StartersRoute
  | TaskRoute
  | DidYouMeanRoute
  | UnknownRoute
  | SwitchLanguageRoute
  | HandOffRoute
  | NoneOfTheseRoute;

/** What to do with one message. */
export type Route = OutsideRoute | ContinueTaskRoute | RepeatReceiptRoute;

/** Route kinds a conversation intent (one with behaviour beyond its answer) leads to. */
export type BehaviourKind = 'switchLanguage' | 'handOff' | 'starters';
