import type { Locale } from '../src/nlu/types.js';

/** The language of a turn and the instant it is handled at ("i morgon" depends on both). */
export interface Moment {
  locale: Locale;
  now: Date;
}
