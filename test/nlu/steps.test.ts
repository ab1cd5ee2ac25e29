import { describe, expect, it } from 'vitest';
import {
  rememberable,
  analyze,
  expandShorthand,
  fold,
  normalize,
  removeStopwords,
  rewritePhrases,
  stem,
  tokenize,
} from '../../src/nlu/steps.js';
import type { Locale } from '../../src/nlu/types.js';

const words = (text: string): string[] => text.split(' ').filter(Boolean);

describe('normalize', () => {
  it.each([
    ['HEJ', 'hej'],
    ['Ärende ÅÄÖ', 'ärende åäö'],
    ['ÖVERSIKT', 'översikt'],
    ['heeej', 'hej'],
    ['Heeeej!!!', 'hej!!!'],
    ['Hallååå', 'hallå'],
    ['tackkk', 'tack'],
    ['jättebraaaa', 'jättebra'],
    // Two equal letters are spelling, not stretching, and stay.
    ['lösenordet fungerar inte', 'lösenordet fungerar inte'],
    ['appen', 'appen'],
    ['Se https://infomentor.se/hub?x=1 nu', 'se   nu'],
    ['gå till www.infomentor.se', 'gå till  '],
    ['mejla anna.karlsson@example.se tack', 'mejla   tack'],
    ['skriv till åsa.öberg@skola.göteborg.se', 'skriv till  '],
    ['I can’t log in', "i can't log in"],
    ['it‘s', "it's"],
    ['don`t', "don't"],
    ['jag kan´t', "jag kan't"],
    // Decomposed å (a + ring) becomes the single letter.
    ['fra\u030anvaro', 'frånvaro'],
  ])('%j → %j', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });
});

describe('rewritePhrases', () => {
  it.each([
    ['hej da', 'hejdå'],
    ['hejdå', 'hejdå'],
    ['ha det bra', 'hejdå'],
    ['ha det gött', 'hejdå'],
    ['vi hörs', 'hejdå'],
    ['vi hors', 'hejdå'],
    ['ha en trevlig helg', 'hejdå'],
    ['trevlig helg!', 'hejdå!'],
    ['ha en skon kvall', 'hejdå'],
    ['god natt', 'hejdå'],
    ['godnatt', 'hejdå'],
    ['have a nice day', 'goodbye'],
    ['have a good one', 'goodbye'],
    ['good night', 'goodbye'],
    // "God kväll" and "good evening" say hello.
    ['god kväll', 'god kväll'],
    ['good evening', 'good evening'],
    ['tack så mycket', 'tack'],
    ['tack sa mkt', 'tack'],
    ['jag vill ta ledigt', 'jag vill ledighet'],
    ['thank you', 'thanks'],
    ['thank you so much', 'thanks so much'],
    ['thankyou', 'thanks'],
    ['thx', 'thanks'],
    ['see you', 'goodbye'],
    ['good bye', 'goodbye'],
    ['bye bye', 'bye'],
    // A greeting alone is not a goodbye; words merely containing a phrase are untouched.
    ['hej', 'hej'],
    ['type', 'type'],
    ['hej, jag har glömt mitt lösenord', 'hej, jag har glömt mitt lösenord'],
  ])('%j → %j', (input, expected) => {
    expect(rewritePhrases(normalize(input))).toBe(expected);
  });
});

describe('tokenize', () => {
  it.each([
    ["can't", ['cant']],
    ['I can’t log in', ['i', 'cant', 'log', 'in']],
    ["don't", ['dont']],
    ['frånvaro-anmälan', ['frånvaro', 'anmälan']],
    ['vår-termin', ['vår', 'termin']],
    ['åk 7 och år 2024', ['åk', '7', 'och', 'år', '2024']],
    ['barnets schema, v.12', ['barnets', 'schema', 'v', '12']],
    ['lösenord123', ['lösenord123']],
    ['hallå!!! vad?', ['hallå', 'vad']],
    ['  ...  ', []],
  ])('%j → %j', (input, expected) => {
    expect(tokenize(normalize(input))).toEqual(expected);
  });
});

describe('expandShorthand', () => {
  it.each<[string, Locale, string]>([
    ['mkt', 'sv', 'mycket'],
    ['ngn', 'sv', 'någon'],
    ['ngt', 'sv', 'något'],
    ['imorn', 'sv', 'imorgon'],
    ['inlogg', 'sv', 'inloggning'],
    ['lösen', 'sv', 'lösenord'],
    ['pw', 'sv', 'lösenord'],
    ['iaf', 'sv', 'i alla fall'],
    ['jag har mkt frågor om inlogg', 'sv', 'jag har mycket frågor om inloggning'],
    ['pls', 'en', 'please'],
    ['cant', 'en', 'can not'],
    ['dont', 'en', 'do not'],
    ['tmrw', 'en', 'tomorrow'],
    ['pw', 'en', 'password'],
    ['i forgot my pw pls', 'en', 'i forgot my password please'],
    // Rarer synonyms become the common word.
    ['modify username', 'en', 'change username'],
    ['redigera användarnamn', 'sv', 'ändra användarnamn'],
    // Shorthand is per language: each list only applies to its own.
    ['pls', 'sv', 'pls'],
    ['mkt', 'en', 'mkt'],
    ['lösenord', 'sv', 'lösenord'],
  ])('%j (%s) → %j', (input, locale, expected) => {
    expect(expandShorthand(words(input), locale)).toEqual(words(expected));
  });
});

describe('removeStopwords', () => {
  it.each<[string, Locale, string]>([
    ['jag har glömt mitt lösenord', 'sv', 'glömt lösenord'],
    ['hur gör jag för att se schemat', 'sv', 'se schemat'],
    // Negations decide an intent ("kan inte logga in") and are kept.
    ['jag kan inte logga in', 'sv', 'kan inte logga in'],
    ['ingen kod kom', 'sv', 'ingen kod kom'],
    ['i can not log in', 'en', 'can not log'],
    ['i did not get a code', 'en', 'not get code'],
    // Stopwords typed without å/ä/ö are recognised too.
    ['så här gör jag på appen', 'sv', 'appen'],
    ['sa har gor jag pa appen', 'sv', 'appen'],
    // Courtesy words go when the message says something else…
    ['undrar hur jag loggar in mvh mamma', 'sv', 'loggar in'],
    ['snälla hjälp med schemat vänliga hälsningar', 'sv', 'hjälp schemat'],
    ['kind regards wondering about my password', 'en', 'password'],
    // …and stay when they are all it says.
    ['mvh', 'sv', 'mvh'],
    ['vänliga hälsningar', 'sv', 'vänliga hälsningar'],
    ['kind regards', 'en', 'kind regards'],
    ['tack', 'sv', 'tack'],
    ['thanks', 'en', 'thanks'],
    // Bare numbers carry no meaning.
    ['schema 2024', 'sv', 'schema'],
  ])('%j (%s) → %j', (input, locale, expected) => {
    expect(removeStopwords(words(input), locale)).toEqual(words(expected));
  });
});

describe('stem', () => {
  it.each<[string, Locale, string]>([
    ['betygen', 'sv', 'betyg'],
    ['betyg', 'sv', 'betyg'],
    ['inloggningsuppgifter', 'sv', 'inloggningsuppgift'],
    ['inloggningsuppgifterna', 'sv', 'inloggningsuppgift'],
    ['frånvaron', 'sv', 'frånvaro'],
    ['barnen', 'sv', 'barn'],
    ['passwords', 'en', 'password'],
    ['password', 'en', 'password'],
    ['meetings', 'en', 'meet'],
    ['grades', 'en', 'grade'],
  ])('%j (%s) → %j', (word, locale, expected) => {
    expect(stem(word, locale)).toBe(expected);
  });

  it.each<[string, string, Locale]>([
    ['portfolion', 'portfolio', 'sv'],
    ['schemat', 'schema', 'sv'],
    ['frånvaron', 'frånvaro', 'sv'],
    ['inloggningsuppgifterna', 'inloggningsuppgifter', 'sv'],
    ['skolan', 'skolans', 'sv'],
    ['meetings', 'meeting', 'en'],
    ['absences', 'absence', 'en'],
    ['notifications', 'notification', 'en'],
    ['logged', 'logging', 'en'],
  ])('%j and %j (%s) share a stem', (a, b, locale) => {
    expect(stem(a, locale)).toBe(stem(b, locale));
  });
});

describe('fold', () => {
  it.each([
    ['lösenord', 'losenord'],
    ['frånvaro', 'franvaro'],
    ['Ärende', 'Arende'],
    ['ärende', 'arende'],
    ['Åsa Öberg', 'Asa Oberg'],
    ['café', 'cafe'],
    ['smørbrød', 'smorbrod'],
    ['æble', 'aeble'],
    ['schema', 'schema'],
    ['lösenord123', 'losenord123'],
  ])('%j → %j', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });
});

describe('analyze', () => {
  it.each<[string, Locale, string[]]>([
    ['glömt lösenord', 'sv', ['glomt', 'losenord']],
    ['glomt losenord', 'sv', ['glomt', 'losenord']],
    ['Jag har glömt mitt lösenord!!', 'sv', ['glomt', 'losenord']],
    ['jag har glomt mitt losenord', 'sv', ['glomt', 'losenord']],
    ['JAG HAR GLÖMT MITT LÖSENORD', 'sv', ['glomt', 'losenord']],
    ['ja ha glömt lösen', 'sv', ['glomt', 'losenord']],
    ['Heeej, har ni sett betygen? https://infomentor.se', 'sv', ['hej', 'sett', 'betyg']],
    ['I forgot my passwords pls', 'en', ['forgot', 'password']],
    ['i forgot my pw', 'en', ['forgot', 'password']],
    ['I can’t log in', 'en', ['can', 'not', 'log']],
  ])('%j (%s) has stems %j', (text, locale, expected) => {
    expect(analyze(text, locale).stems).toEqual(expected);
  });

  it('keeps every word in tokens, the content words in content, one stem per content word and per token', () => {
    expect(analyze('Jag har glömt mitt lösenord', 'sv')).toEqual({
      tokens: ['jag', 'har', 'glömt', 'mitt', 'lösenord'],
      content: ['glömt', 'lösenord'],
      stems: ['glomt', 'losenord'],
      tokenStems: ['jag', 'har', 'glomt', 'mitt', 'losenord'],
    });
  });
});

describe('rememberable', () => {
  it.each([
    ['lösenord', true],
    ['frånvaroanmälan', true],
    ['utvecklingssamtalsinbjudan', true],
    ['0701741341', false],
    ['550315', false],
    ['elsa2015', false],
    ['a'.repeat(31), false],
  ])('%s is kept in memory once read: %s', (word, kept) => {
    expect(rememberable(word)).toBe(kept);
  });
});
