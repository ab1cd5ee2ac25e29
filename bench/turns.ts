import type { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import type { IntentMatcher } from '../src/nlu/matcher.js';
import type { LabelledExample, Locale } from '../src/nlu/types.js';

/** A dev-set question the bot answers with one FAQ entry, and that entry's answer text. */
export interface FaqQuestion {
  text: string;
  locale: Locale;
  intent: string;
  answer: string;
}

/** Intents whose reply is more than their FAQ answer (see the turn handler's routes): not used for load. */
const EFFECT_INTENTS = new Set(['language.switch', 'handoff.human', 'greeting', 'help']);

/**
 * Picks up to `perLocale` dev-set questions per language, each of a different FAQ entry, that the matcher answers
 * outright (right intent, not ambiguous), so every turn under load is a real FAQ answer.
 */
export function pickFaqQuestions(
  devset: readonly LabelledExample[],
  matcher: IntentMatcher,
  knowledge: KnowledgeBase,
  perLocale: number,
): FaqQuestion[] {
  const picked: FaqQuestion[] = [];
  const used = new Set<string>();
  for (const locale of ['sv', 'en'] as const) {
    for (const example of devset) {
      if (picked.filter((q) => q.locale === locale).length >= perLocale) break;
      const { intent } = example;
      if (example.locale !== locale || intent === null || used.has(intent) || EFFECT_INTENTS.has(intent)) continue;
      const answer = knowledge.answer(intent, locale);
      if (knowledge.kind(intent) !== 'faq' || !answer) continue;
      const result = matcher.classify(example.text, locale);
      if (result.intent !== intent || result.ambiguous || result.locale !== locale) continue;
      used.add(intent);
      picked.push({ text: example.text, locale, intent, answer });
    }
  }
  if (picked.length === 0) throw new Error('bench: no dev-set question is answered outright');
  return picked;
}

/** A Bot Framework message activity asking for its replies in the response body (`expectReplies`). */
export function messageActivity(question: FaqQuestion, conversationId: string, id: string): Record<string, unknown> {
  return {
    type: 'message',
    id,
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: `guardian-${conversationId}`, role: 'user' },
    recipient: { id: 'hub-assistant', role: 'bot' },
    conversation: { id: conversationId },
    locale: question.locale,
    text: question.text,
    deliveryMode: 'expectReplies',
  };
}

/** The texts of the activities in an `expectReplies` response body (empty when there are none). */
export function replyTexts(body: unknown): string[] {
  const activities = (body as { activities?: unknown } | null)?.activities;
  if (!Array.isArray(activities)) return [];
  return activities
    .map((activity) => (activity as { text?: unknown } | null)?.text)
    .filter((text): text is string => typeof text === 'string' && text.length > 0);
}

/** True when a raw response body holds at least one activity with text. */
export function hasReplyText(rawBody: string): boolean {
  try {
    return replyTexts(JSON.parse(rawBody)).length > 0;
  } catch {
    return false;
  }
}

/** The outcome of one HTTP turn. */
export interface TurnResult {
  status: number;
  texts: string[];
}

/** Posts one activity to `<baseUrl>/api/messages` and reads the replies; rejects on a network error or timeout. */
export async function postTurn(
  baseUrl: string,
  activity: Record<string, unknown>,
  timeoutMs = 5000,
): Promise<TurnResult> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const raw = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(raw);
  } catch {
    // not JSON: no texts
  }
  return { status: response.status, texts: replyTexts(body) };
}

/** Asserts that a turn was answered (2xx) with the question's FAQ answer; throws a descriptive error otherwise. */
export function assertFaqAnswer(result: TurnResult, question: FaqQuestion): void {
  if (result.status < 200 || result.status >= 300) {
    throw new Error(`bench: "${question.text}" got HTTP ${result.status}`);
  }
  if (!result.texts.some((text) => text.includes(question.answer))) {
    const got = result.texts[0]?.slice(0, 80) ?? '(no activity with text)';
    throw new Error(`bench: "${question.text}" (${question.intent}) was not given its FAQ answer; got: ${got}`);
  }
}
