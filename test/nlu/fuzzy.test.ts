import { describe, expect, it } from 'vitest';
import { FuzzyVocabulary, bigramOverlap } from '../../src/nlu/fuzzy.js';

/** Folded words, as the matcher gives them. */
const vocabulary = new FuzzyVocabulary([
  'password',
  'username',
  'meeting',
  'absence',
  'timetable',
  'losenord',
  'franvaro',
  'inloggning',
  'ledighet',
  'morgon',
  'schema',
  'betyg',
  'hjalpa',
  'kod',
  'app',
]);

describe('FuzzyVocabulary', () => {
  it.each([
    ['pasword', 'password'],
    ['passwrod', 'password'],
    ['usrname', 'username'],
    ['absense', 'absence'],
    ['timetabel', 'timetable'],
    ['losenrod', 'losenord'],
    ['losnord', 'losenord'],
    ['franvro', 'franvaro'],
    ['inlogning', 'inloggning'],
    ['ledigheten', 'ledighet'],
    ['betgy', 'betyg'],
    ['halpa', 'hjalpa'],
  ])('corrects %j to %j', (typed, expected) => {
    const correction = vocabulary.correct(typed);
    expect(correction?.word).toBe(expected);
    expect(correction?.score).toBeGreaterThan(0);
    expect(correction?.score).toBeLessThanOrEqual(0.3);
  });

  it.each(['password', 'losenord', 'schema'])('knows %j exactly (distance 0)', (word) => {
    expect(vocabulary.correct(word)).toEqual({ word, score: 0 });
  });

  it.each([
    // Shares too few letter pairs with "morgon" to be taken for it.
    'mobbning',
    'xyzzy',
    // A wrong first letter is not guessed.
    'assword',
    // Under 4 letters: too many neighbours to guess right, either way round.
    'kdo',
    'kod',
    'ap',
    'kodd',
    'appp',
  ])('refuses %j', (typed) => {
    expect(vocabulary.correct(typed)).toBeNull();
  });

  it('answers the same when asked twice', () => {
    expect(vocabulary.correct('pasword')).toEqual(vocabulary.correct('pasword'));
    expect(vocabulary.correct('mobbning')).toBeNull();
    expect(vocabulary.correct('mobbning')).toBeNull();
  });

  it('a stricter maximum distance refuses looser corrections', () => {
    const strict = new FuzzyVocabulary(['password', 'losenord'], 0.15);
    expect(strict.correct('pasword')?.word).toBe('password');
    // Two slips ("ord" typed as "rdo") are further than one.
    expect(vocabulary.correct('losenrdo')?.word).toBe('losenord');
    expect(strict.correct('losenrdo')).toBeNull();
  });

  it('corrects one slip in a short word, where it changes half the letter pairs', () => {
    const short = new FuzzyVocabulary(['bilder', 'notis', 'laxor', 'boxar']);
    expect(short.correct('biledr')?.word).toBe('bilder');
    expect(short.correct('ntois')?.word).toBe('notis');
    expect(short.correct('lxaor')?.word).toBe('laxor');
    expect(short.correct('boxr')?.word).toBe('boxar');
    // Still never a different first letter.
    expect(short.correct('oxar')).toBeNull();
  });

  it('takes the commoner of two words one slip away', () => {
    const words = ['barnet', 'barnen'];
    expect(
      new FuzzyVocabulary(
        words,
        0.3,
        new Map([
          ['barnen', 5],
          ['barnet', 1],
        ]),
      ).correct('barnem')?.word,
    ).toBe('barnen');
    expect(
      new FuzzyVocabulary(
        words,
        0.3,
        new Map([
          ['barnen', 1],
          ['barnet', 5],
        ]),
      ).correct('barnem')?.word,
    ).toBe('barnet');
  });

  it('even a loose maximum distance does not take "mobbning" for a word sharing few letter pairs', () => {
    const loose = new FuzzyVocabulary(['morgon', 'mobil', 'meeting'], 0.6);
    expect(loose.correct('mobbning')).toBeNull();
    const withWord = new FuzzyVocabulary(['morgon', 'mobil', 'meeting', 'mobbning'], 0.6);
    expect(withWord.correct('mobning')?.word).toBe('mobbning');
  });
});

describe('bigramOverlap', () => {
  it.each([
    ['password', 'password', 1],
    ['pasword', 'password', 12 / 13],
    ['losenrod', 'losenord', 4 / 7],
    ['mobbning', 'morgon', 1 / 6],
    ['aa', 'aaa', 2 / 3],
    ['abc', 'xyz', 0],
    ['ab', 'ba', 0],
  ])('%j and %j → %d', (a, b, expected) => {
    expect(bigramOverlap(a, b)).toBeCloseTo(expected, 10);
    expect(bigramOverlap(b, a)).toBeCloseTo(expected, 10);
  });
});
