import { describe, expect, it } from 'vitest';
import { LanguageGuesser, chooseLocale, type LanguageGuess } from '../../src/nlu/language.js';
import { normalize, tokenize } from '../../src/nlu/steps.js';
import type { Locale } from '../../src/nlu/types.js';

const vocabularyOf = (sentences: string[]): string[] => sentences.flatMap((s) => tokenize(normalize(s)));

const guesser = new LanguageGuesser({
  sv: vocabularyOf([
    'Jag har glömt mitt lösenord',
    'Hur anmäler jag frånvaro för mitt barn?',
    'Var hittar jag schemat?',
    'Hur bokar jag utvecklingssamtal?',
    'Mitt barn är sjukt idag',
    'tack',
    'hejdå',
  ]),
  en: vocabularyOf([
    'I forgot my password',
    'How do I report my child absent?',
    'Where can I find the timetable?',
    'How do I book a parent meeting?',
    'My child is sick today',
    'thanks',
    'goodbye',
  ]),
});

describe('LanguageGuesser', () => {
  it.each([
    'Jag har glömt mitt lösenord',
    'Hur anmäler jag frånvaro?',
    'Mitt barn är sjukt idag',
    'Var hittar jag schemat för min son?',
    'tack så mycket',
    // Typed without å/ä/ö.
    'jag har glomt mitt losenord',
    'hur anmaler jag franvaro for mitt barn',
    'mitt barn ar sjukt idag',
  ])('%j is clearly Swedish', (text) => {
    expect(guesser.guess(text)).toEqual({ locale: 'sv', clear: true });
  });

  it.each([
    'I forgot my password',
    'How do I report my child absent?',
    'Where can I find the timetable?',
    'my child is sick today',
    'Can I log in with BankID?',
    'thank you so much',
  ])('%j is clearly English', (text) => {
    expect(guesser.guess(text)).toEqual({ locale: 'en', clear: true });
  });

  it.each<[string, Locale | undefined]>([
    ['ok', undefined],
    ['okej', undefined],
    ['hej', undefined],
    ['BankID', undefined],
    ['tack', 'sv'],
    ['Tack!', 'sv'],
    ['ok tack', 'sv'],
    ['thanks', 'en'],
    ['ok thanks', 'en'],
    ['goodbye', 'en'],
  ])('%j alone is not clear (leaning %s)', (text, locale) => {
    expect(guesser.guess(text)).toEqual({ locale, clear: false });
  });

  it('counts no number for a language, even one that only the English examples contain', () => {
    const withNumbers = new LanguageGuesser({
      sv: vocabularyOf(['Min son går i fyran']),
      en: vocabularyOf(['My son is in year 4, and we leave on the 1st or 5th']),
    });
    expect(withNumbers.guess('1–5 november 2026')).toEqual({ locale: undefined, clear: false });
    expect(withNumbers.guess('4 5')).toEqual({ locale: undefined, clear: false });
  });

  it('counts a word of the other language against a clear verdict', () => {
    expect(guesser.guess('forgot my lösenord')).toEqual({ locale: 'en', clear: false });
  });
});

describe('chooseLocale', () => {
  it.each<[string, Locale | undefined, Locale]>([
    // The conversation keeps its language for words that do not tell.
    ['ok', 'en', 'en'],
    ['ok', 'sv', 'sv'],
    ['tack', 'en', 'en'],
    ['Tack!', 'en', 'en'],
    ['thanks', 'sv', 'sv'],
    ['okej', 'en', 'en'],
    // A clear sentence in the other language switches it.
    ['Jag har glömt mitt lösenord', 'en', 'sv'],
    ['jag har glomt mitt losenord', 'en', 'sv'],
    ['I forgot my password', 'sv', 'en'],
    ['Where can I find the timetable?', 'sv', 'en'],
    // Without a conversation: the message's own language, else Swedish.
    ['thanks', undefined, 'en'],
    ['tack', undefined, 'sv'],
    ['I forgot my password', undefined, 'en'],
    ['ok', undefined, 'sv'],
    ['xyzzy', undefined, 'sv'],
  ])('%j in a %s conversation → %s', (text, conversation, expected) => {
    expect(chooseLocale(guesser.guess(text), conversation)).toBe(expected);
  });

  it.each<[LanguageGuess, Locale | undefined, Locale]>([
    [{ locale: 'sv', clear: true }, 'en', 'sv'],
    [{ locale: 'en', clear: true }, 'sv', 'en'],
    [{ locale: 'sv', clear: false }, 'en', 'en'],
    [{ locale: 'en', clear: false }, 'sv', 'sv'],
    [{ locale: 'en', clear: false }, undefined, 'en'],
    [{ locale: undefined, clear: false }, 'en', 'en'],
    [{ locale: undefined, clear: false }, undefined, 'sv'],
  ])('guess %j in a %s conversation → %s', (guess, conversation, expected) => {
    expect(chooseLocale(guess, conversation)).toBe(expected);
  });
});
