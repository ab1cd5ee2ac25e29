import { type Cue, namesDay, taskCue } from '../../dialogs/cues.js';
import type { Keywords } from '../../dialogs/keywords.js';
import type { PromptReader } from '../../dialogs/prompt-reader.js';
import type { TaskTable } from '../../dialogs/task-table.js';
import type { EntryKind } from '../knowledge/schema.js';
import { type Classification, type Locale, roundConfidence, type ScoredIntent } from '../nlu/types.js';
import { LanguageRequests } from './language-request.js';
import { NONE_OF_THESE, pickChoice } from './responder.js';
import type { BehaviourKind, OutsideRoute, Route, RouterMessage, TaskStep } from './route.js';

/**
 * The conversation intents whose behaviour is more than their answer, and the route each leads to. With the task
 * table, the only intents the router knows by name.
 */
export const CONVERSATION_BEHAVIOURS: Readonly<Record<string, BehaviourKind>> = {
  'language.switch': 'switchLanguage',
  'handoff.human': 'handOff',
  greeting: 'starters',
  help: 'starters',
};

/**
 * Confidence given to what a rule decided (a task cue, a language request) rather than the matcher: the rules are
 * written to be right when they fire, but this is not a calibrated probability.
 */
export const RULE_CONFIDENCE = 0.9;

/** A statement the matcher answers with at least this confidence keeps its answer over a task cue. */
const MATCHER_HOLDS = 0.8;

/** Below this confidence the matcher's reading leaves room for a language request it did not see. */
const MATCHER_OPEN = 0.5;

const MAX_ALTERNATIVES = 5;

/** Confidence above which a message at a free-text prompt is taken as a question rather than as the answer. */
const QUESTION_AT_TEXT_PROMPT = 0.55;

/** The message's language and the instant it is read at ("i morgon" depends on both). */
type Moment = { locale: Locale; now: Date };

/** What the router is built from; the composition root hands the parts in once. */
export interface RouterParts {
  /** The intent matcher (`IntentMatcher`): `locale` is the conversation's language, kept unless the text is clearly in the other. */
  matcher: { classify(text: string, locale?: Locale): Classification };
  /** The language a message's words are in, when they tell ("absence" → en; "ok", "Elsa" → undefined). */
  guessLanguage: (text: string) => Locale | undefined;
  tasks: TaskTable;
  keywords: Keywords;
  /** The knowledge base's kind of an intent (`faq`, `task`, `talk`). */
  kindOf: (intent: string) => EntryKind | undefined;
  /** The language when neither the conversation, the channel nor the message tells (HUB_DEFAULT_LOCALE). */
  defaultLocale: Locale;
  /** Reads a message against an open task's prompt (an answer, a yes or no, a repeated button). */
  prompts: PromptReader;
}

/** Decides what to do with one message at the instant `now` (dates such as "i morgon" depend on it). Pure. */
export type Router = (message: RouterMessage, now: Date) => Route;

/**
 * The one decision of the assistant, shared by the bot and `classify`: which language to answer in, and whether
 * the message picks an offered choice, asks for a language, states a task, asks an FAQ question, is too close to
 * call, or is outside what the assistant knows. No I/O and no botbuilder: the same message, conversation and
 * instant always give the same route.
 */
export function createRouter(parts: RouterParts): Router {
  const { matcher, guessLanguage, tasks, keywords, kindOf, defaultLocale, prompts } = parts;
  const languages = new LanguageRequests(keywords);
  const switchIntent = Object.keys(CONVERSATION_BEHAVIOURS).find(
    (intent) => CONVERSATION_BEHAVIOURS[intent] === 'switchLanguage',
  );
  const isSwitch = (intent: string | null | undefined) => intent != null && intent === switchIntent;
  /** "kan jag …", "will she …" ask; "Kan inte komma idag", "Måste hämta Elsa kl 13", "Will be late" state. */
  const asksWithVerb = (text: string) => {
    const verb = keywords.spans(text, 'askingVerb').find((span) => span.start === 0);
    return verb !== undefined && keywords.spans(text, 'subject').some((span) => span.start === verb.end);
  };
  /** A question mark, a question word first ("hur", "which"), or a verb and its subject first. */
  const isQuestion = (text: string) =>
    text.includes('?') || keywords.beginsWith(text, 'question') || asksWithVerb(text);

  /** The language a switch asks for, measured against the conversation's. */
  const targetOf = (message: RouterMessage) =>
    languages.target(message.text, guessLanguage(message.text), message.conversationLocale ?? defaultLocale);

  /** The route an intent leads to, once it is clear that the message means it. */
  const routeOf = (understood: Classification & { intent: string }, locale: Locale, message: RouterMessage) => {
    const { intent } = understood;
    const base = { intent, locale, understood };
    if (Object.hasOwn(tasks, intent)) return { kind: 'task', ...base } as const;
    const behaviour = CONVERSATION_BEHAVIOURS[intent];
    return behaviour ? behaviours[behaviour](base, message) : ({ kind: 'answer', ...base } as const);
  };

  const behaviours: Record<
    BehaviourKind,
    (base: { intent: string; locale: Locale; understood: Classification }, message: RouterMessage) => OutsideRoute
  > = {
    switchLanguage: (base, message) => {
      const target = targetOf(message);
      return { kind: 'switchLanguage', ...base, target, locale: target };
    },
    handOff: (base) => ({ kind: 'handOff', ...base }),
    starters: (base) => ({ kind: 'starters', ...base }),
  };

  /**
   * A cue wins over the matcher for a statement it is not sure of; a question keeps the matcher's answer, and so
   * does a task the matcher chose with confidence ("He has to leave at 2 pm" read as an absence is no leave).
   */
  const cueHolds = (cue: Cue, understood: Classification, text: string, moment: Moment): boolean => {
    if (cue.bare) return true;
    const question = isQuestion(text);
    // "Måste jag anmäla till fritids när barnet är sjukt?" asks about a rule; "… kan hon stanna hemma i dag?" not.
    if (question && !namesDay(text, moment)) return false;
    const { intent } = understood;
    if (intent === null || understood.ambiguous) return true;
    if (CONVERSATION_BEHAVIOURS[intent] === 'handOff') return false;
    if (kindOf(intent) === 'talk') return true;
    if (Object.hasOwn(tasks, intent) && intent !== cue.intent) return understood.confidence < MATCHER_OPEN;
    return !question && understood.confidence < MATCHER_HOLDS;
  };

  const decide = (message: RouterMessage, now: Date): OutsideRoute => {
    const { text } = message;
    const first = message.conversationLocale ?? guessLanguage(text) ?? defaultLocale;
    if (!message.inTask) {
      const choice = pickChoice(text, message.offered);
      if (choice) {
        const picked = { intent: choice.intent, confidence: 1, locale: first, alternatives: [], ambiguous: false };
        if (choice.intent === NONE_OF_THESE) {
          return { kind: 'noneOfThese', locale: first, understood: { ...picked, intent: null } };
        }
        return routeOf(picked, first, message);
      }
    }
    const matched = matcher.classify(text, first);
    const locale = message.localeChosen && message.conversationLocale ? message.conversationLocale : matched.locale;
    const saysSwitch = isSwitch(matched.intent) || (matched.ambiguous && isSwitch(matched.alternatives[0]?.intent));
    const open =
      matched.intent === null ||
      matched.ambiguous ||
      kindOf(matched.intent) === 'talk' ||
      matched.confidence < MATCHER_OPEN;
    if (switchIntent && languages.asks(text, saysSwitch, open)) {
      const understood = ruled(matched, switchIntent);
      return behaviours.switchLanguage({ intent: switchIntent, locale, understood }, message);
    }
    // Not a request to the assistant ("how do I change the language in the app?"): not a switch either.
    const refined = saysSwitch && switchIntent ? without(matched, switchIntent) : matched;
    const moment = { locale, now };
    const cue = taskCue(text, moment, keywords, tasks);
    if (cue && cueHolds(cue, refined, text, moment)) {
      return { kind: 'task', intent: cue.intent, locale, understood: ruled(refined, cue.intent) };
    }
    if (refined.intent === null) return { kind: 'unknown', locale, understood: refined };
    const runnerUp = refined.alternatives[0];
    if (refined.ambiguous && runnerUp) {
      return { kind: 'didYouMean', intents: [refined.intent, runnerUp.intent], locale, understood: refined };
    }
    return routeOf({ ...refined, intent: refined.intent }, locale, message);
  };

  /**
   * What a message does to the open task. `outside` is what it would be with no task open: it interrupts only when
   * the prompt cannot use the message ("på måndag" for an absence is still an answer, refused).
   */
  const taskStep = (message: RouterMessage, outside: OutsideRoute, moment: Moment): TaskStep => {
    const { text, task, pendingSwitch } = message;
    if (pendingSwitch) {
      const leave = prompts.yesOrNo(text, moment.now);
      if (leave === true) return { kind: 'switchTask', intent: pendingSwitch.intent, text: pendingSwitch.text };
      if (leave === false) return { kind: 'reprompt' };
    }
    if (keywords.isExactly(text, 'cancel')) return { kind: 'cancel' };
    const prompt = task?.prompt;
    if (prompt && keywords.isExactly(text, 'help')) return { kind: 'help', help: prompt.help };
    const recognized = prompt ? prompts.recognize(prompt, text, moment) : {};
    const answer: TaskStep = { kind: 'answer', ...(prompt ? { prompt, recognized } : {}) };
    const answers = 'value' in recognized || recognized.retry !== undefined;
    const { intent, ambiguous, confidence } = outside.understood;
    const looksLikeQuestion =
      intent !== null && !ambiguous && (prompt?.kind !== 'text' || confidence >= QUESTION_AT_TEXT_PROMPT);
    if (answers || !looksLikeQuestion) return answer;
    switch (outside.kind) {
      case 'switchLanguage':
      case 'handOff':
        return { kind: 'interrupt', outside };
      case 'task':
        // The task already open, asked for again: its question again.
        return tasks[outside.intent]?.dialog === task?.dialog
          ? { kind: 'reprompt' }
          : { kind: 'offerSwitch', intent: outside.intent };
      case 'answer':
        return kindOf(outside.intent) === 'faq' ? { kind: 'interrupt', outside } : answer;
      default:
        return answer;
    }
  };

  return function route(message: RouterMessage, now: Date): Route {
    const outside = decide(message, now);
    if (!message.inTask) {
      // A second "Ja" right after a submission shows the receipt again instead of being read as a new message.
      const repeats = message.repeatable && prompts.repeats(message.text, message.repeatable, now);
      return repeats ? { kind: 'repeatReceipt', locale: outside.locale, understood: outside.understood } : outside;
    }
    // The task goes on in the message's language (or the chosen one); a switch is the task's to honour, or not.
    const chosen = message.localeChosen ? message.conversationLocale : undefined;
    const locale = chosen ?? outside.understood.locale;
    const step = taskStep(message, outside, { locale, now });
    return { kind: 'continueTask', locale, understood: outside.understood, outside, step };
  };
}

/** The classification once a rule chose `intent`; the matcher's own reading stays among the alternatives. */
function ruled(matched: Classification, intent: string): Classification {
  const confidence = matched.intent === intent ? matched.confidence : RULE_CONFIDENCE;
  const best: ScoredIntent[] =
    matched.intent === null ? [] : [{ intent: matched.intent, confidence: matched.confidence }];
  const alternatives = [...best, ...matched.alternatives]
    .filter((alternative) => alternative.intent !== intent)
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, MAX_ALTERNATIVES);
  return { intent, confidence, locale: matched.locale, alternatives, ambiguous: false };
}

/**
 * The classification with a reading the router does not honour taken out. When it was the close runner-up, the
 * best stands without "did you mean"; when it was the best but too close to call, the runner-up is the reading, at
 * its own confidence; when it was the best alone, the message is outside what the assistant knows, with the chance
 * that the reading was wrong as the confidence (as the matcher gives an abstention).
 */
function without(matched: Classification, intent: string): Classification {
  const alternatives = matched.alternatives.filter((alternative) => alternative.intent !== intent);
  if (matched.intent !== intent) return { ...matched, alternatives, ambiguous: false };
  const [runnerUp, ...rest] = alternatives;
  if (matched.ambiguous && runnerUp) {
    return { ...runnerUp, locale: matched.locale, alternatives: rest, ambiguous: false };
  }
  return {
    intent: null,
    confidence: roundConfidence(1 - matched.confidence),
    locale: matched.locale,
    alternatives,
    ambiguous: false,
  };
}
