import { LEXICONS } from './lexicon.js';
import { fold, normalize, tokenize } from './steps.js';
import type { Locale } from './types.js';

/** How sure a language guess is. */
export interface LanguageGuess {
  locale: Locale | undefined;
  /** True when the message is clearly in `locale`: enough distinctive words and none (or few) of the other. */
  clear: boolean;
}

/** Words that say nothing about the language: "ok", "app", "bankid", names of the product. */
const NEUTRAL = new Set(['ok', 'okej', 'okay', 'app', 'appen', 'bankid', 'hub', 'infomentor', 'sms', 'pin', 'hej']);

/**
 * Guesses a message's language from the words each language is known by (its function words and the example
 * questions' vocabulary) and from å/ä/ö. One word ("tack", "ok") is never clear enough to switch a conversation.
 */
export class LanguageGuesser {
  private readonly known: Record<Locale, Set<string>>;

  /**
   * A guesser that knows exactly these words per language, as `words()` gave them (a start-up snapshot): the
   * lexicons and the shared words are already accounted for.
   */
  static fromWords(words: Record<Locale, readonly string[]>): LanguageGuesser {
    return new LanguageGuesser({ sv: [], en: [] }, { sv: new Set(words.sv), en: new Set(words.en) });
  }

  /**
   * Learns the words of each language from `vocabulary` and the lexicons; `known` (for `fromWords`) gives the
   * finished word sets instead, so a snapshot's guesser is not worked out again.
   */
  constructor(vocabulary: Record<Locale, Iterable<string>>, known?: Record<Locale, Set<string>>) {
    if (known) {
      this.known = known;
      return;
    }
    const build = (locale: Locale) => {
      const set = new Set<string>();
      for (const word of vocabulary[locale]) set.add(fold(word));
      for (const word of LEXICONS[locale].stopwords) set.add(fold(word));
      for (const word of LEXICONS[locale].fillers) set.add(fold(word));
      for (const word of LEXICONS[locale].shorthand.keys()) set.add(fold(word));
      return set;
    };
    this.known = { sv: build('sv'), en: build('en') };
    for (const word of this.known.sv) {
      if (this.known.en.has(word)) {
        this.known.sv.delete(word);
        this.known.en.delete(word);
      }
    }
  }

  /** The words each language is known by, for a start-up snapshot (see `fromWords`). */
  words(): Record<Locale, string[]> {
    return { sv: [...this.known.sv], en: [...this.known.en] };
  }

  guess(text: string): LanguageGuess {
    const normalized = normalize(text);
    let sv = 0;
    let en = 0;
    for (const token of tokenize(normalized)) {
      const folded = fold(token);
      // Numbers ("1–5 november", "kl 13") belong to no language, whatever the examples happen to contain.
      if (NEUTRAL.has(folded) || /^\p{N}+$/u.test(folded)) continue;
      if (this.known.sv.has(folded) || (/[åäö]/.test(token) && !this.known.en.has(folded))) sv += 1;
      else if (this.known.en.has(folded)) en += 1;
    }
    if (sv === en) return { locale: undefined, clear: false };
    const [locale, winner, loser] = sv > en ? (['sv', sv, en] as const) : (['en', en, sv] as const);
    // Two words of one language and (almost) none of the other: one word ("tack", "Frånvaro") never flips.
    return { locale, clear: winner >= 2 && winner >= 3 * loser };
  }
}

/**
 * The language to answer in: the conversation keeps its language unless the message is clearly in the other one.
 * Without a conversation language, the message's own language, else Swedish.
 */
export function chooseLocale(guess: LanguageGuess, conversation: Locale | undefined): Locale {
  if (guess.locale && (guess.clear || !conversation)) return guess.locale;
  return conversation ?? guess.locale ?? 'sv';
}
