import { SMALL_TALK_INTENTS } from '../bot/understanding.js';
import { type EvaluationReport, evaluate } from '../nlu/evaluate.js';
import { IntentMatcher } from '../nlu/matcher.js';
import type { LabelledExample } from '../nlu/types.js';

/** Builds a matcher from the train lines alone and scores it on the test lines. */
export function trainAndEvaluate(
  train: readonly LabelledExample[],
  test: readonly LabelledExample[],
): EvaluationReport {
  const matcher = IntentMatcher.build(train, { smallTalk: SMALL_TALK_INTENTS });
  return evaluate(matcher, test);
}
