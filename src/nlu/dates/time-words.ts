import type { Locale } from '../types.js';
import { monthPattern } from './lexicon.js';

/**
 * The words of part-of-day absence in both languages, compiled once into the patterns `times.ts` scans with. All
 * sources match normalized text (lower case, no diacritics: "går" is "gar", "hämtas" is "hamtas").
 */

export type Preposition = 'from' | 'until' | 'at';
/** Arriving late ("kommer"), leaving early ("går hem"), or being there until/from a time ("är där"). */
export type Cue = 'arrival' | 'leaving' | 'presence';

interface TimeWords {
  wholeDay: string;
  cues: Record<Cue, readonly string[]>;
  /** Prepositions before a time, by meaning. */
  prepositions: Record<Preposition, readonly string[]>;
  /** "kl", "klockan" / "at", "@": makes a lone number a time. */
  clock: string;
  /** Opens a range of times: "mellan", "från" / "between", "from". */
  rangeOpener: string;
  /** The opener that lets "och"/"and" join two times. */
  between: string;
  rangeConnector: string;
  and: string;
  /** Lunch, with the preposition (group 1) that says before or after. */
  lunch: string;
  morning: string;
  afternoon: string;
}

const WORDS: Record<Locale, TimeWords> = {
  sv: {
    wholeDay: 'heldag(?:en)?|hel\\s+dag|hela\\s+(?:skol)?dagen',
    cues: {
      arrival: [
        ...['kommer', 'komma', 'kom', 'anlander', 'lamnas', 'lamnar\\s+av', 'borjar'],
        ...['(?:ar|blir)\\s+sen', 'sent', 'forsenad', 'tillbaka'],
      ],
      leaving: [
        '(?:gar|ga|aker|aka|cyklar)(?:\\s+\\w+)?\\s+hem',
        'gar\\s+(?:tidigare|ifran|fran\\s+skolan)',
        'lamnar\\s+(?:skolan|forskolan|fritids)',
        'hamta[rsd]?',
        'hamtning',
        'slutar',
        'sluta',
      ],
      presence: [
        '(?:ar|blir|stannar|vara)\\s+(?:\\w+\\s+)?' +
          '(?:i\\s+skolan|pa\\s+skolan|pa\\s+forskolan|pa\\s+fritids|dar|kvar|med|pa\\s+plats)',
        'stannar',
      ],
    },
    prepositions: {
      from: ['fran\\s+och\\s+med', 'fr\\.?\\s?o\\.?\\s?m\\.?', 'fran', 'efter'],
      until: ['fram\\s+till', 'till\\s+och\\s+med', 't\\.?\\s?o\\.?\\s?m\\.?', 'till', 'fore', 'innan', 'senast'],
      at: ['vid', 'runt', 'omkring', 'kring', 'ca\\.?', 'cirka'],
    },
    clock: 'kl\\.?|klockan',
    rangeOpener: 'mellan|fran',
    between: 'mellan',
    rangeConnector: '-|(?:fram\\s+)?till|och',
    and: 'och',
    lunch: '(?:(efter|fore|innan|fram\\s+till|till|vid|runt|kring|fran)\\s+)?(?:skol)?lunch(?:en|tid|tiden|rasten)?\\b',
    morning: '\\b(?:(?:pa|under|hela)\\s+)?(?:formiddag(?:en)?|morgonen)\\b|\\bf\\.?m\\.?(?!\\w)|\\bi\\s+morse\\b',
    afternoon: '\\b(?:(?:pa|under|hela)\\s+)?eftermiddag(?:en)?\\b|\\be\\.?m\\.?(?!\\w)',
  },
  en: {
    wholeDay: '(?:the\\s+)?(?:whole|full|entire)\\s+day|all[\\s-]day|full-day',
    cues: {
      arrival: [
        'arriv(?:es|ing|e)',
        'com(?:es|ing|e)',
        'came',
        'in\\s+by',
        'be\\s+in',
        'gets?\\s+in',
        'getting\\s+in',
        'drop(?:ped|ping)?\\s+(?:\\w+\\s+)?off',
        'drop-?off',
        'starts?',
        'starting',
        'late',
        'back',
      ],
      leaving: [
        'leav(?:es|ing|e)',
        'left',
        'go(?:es|ing)?\\s+home',
        'went\\s+home',
        'head(?:s|ing)?\\s+home',
        '(?:picked|pick(?:ing|s)?)\\s+(?:\\w+\\s+)?up',
        'pick-?up',
        'collect(?:ed|ing|s)?',
        'finish(?:es|ing)?',
      ],
      presence: [
        '(?:is|be|are|stays?|staying|remains?)\\s+(?:\\w+\\s+)?' +
          '(?:at\\s+school|in\\s+school|at\\s+preschool|there|in\\s+class)',
        'stay(?:s|ing)?',
      ],
    },
    prepositions: {
      from: ['from', 'after', 'since'],
      until: ['until', 'till', 'til', 'up\\s+to', 'before', 'by', 'no\\s+later\\s+than'],
      at: ['at\\s+around', 'at\\s+about', 'around', 'about'],
    },
    clock: 'at|@',
    rangeOpener: 'between|from',
    between: 'between',
    rangeConnector: '-|to|until|till|and',
    and: 'and',
    lunch: '(?:(after|before|until|till|by|at|around|from)\\s+)?(?:the\\s+)?lunch(?:time|\\s+time|break)?\\b',
    morning: '\\bmorning\\b',
    afternoon: '\\bafternoon\\b',
  },
};

/** Words that may follow a bare number that is a time ("går hem 13 idag"), unlike "5 elever" or "2 kids". */
const HARMLESS_AFTER = [
  ...['och', 'eller', 'men', 'pa', 'i', 'idag', 'imorgon', 'imorn', 'imon', 'sa', 'da', 'eftersom', 'pga', 'till'],
  ...['nar', 'hon', 'han', 'hen', 'de', 'ungefar', 'prick', 'ocksa', 'istallet', 'med'],
  ...['and', 'or', 'but', 'on', 'in', 'today', 'tomorrow', 'so', 'then', 'because', 'as', 'to', 'until', 'when'],
  ...['she', 'he', 'they', 'ish', 'sharp', "o'?clock", 'also', 'instead', 'the', 'at', 'with', 'for'],
];
export const AFTER_BARE_TIME = new RegExp(`^\\s*(?:$|[,.!?;)-]|(?:${HARMLESS_AFTER.join('|')})\\b)`);

/** Numbers that belong to dates ("3/12", "10–14 mars", "vecka 7"), so they are not read as clock times. */
function dateNumbers(locale: Locale): RegExp {
  const day = '\\d{1,2}(?::?e|:a|st|nd|rd|th)?';
  const article = '(?:den\\s+|the\\s+)?';
  const month = monthPattern(locale);
  const weekWord = '(?:vecka|veckorna|weeks?|wk|v|w)\\.?\\s?';
  const forms = [
    '\\d{4}-\\d{1,2}-\\d{1,2}',
    '\\d{1,2}\\s?-\\s?\\d{1,2}/\\d{1,2}',
    '\\d{1,2}/\\d{1,2}(?:(?:\\s|\\s?-\\s?|/)\\d{4})?',
    `(?:(?:fran|mellan|from|between)\\s+)?${article}${day}` +
      `(?:\\s*(?:-|till|to|until|och|and)\\s*${article}${day})?\\s*(?:of\\s+)?${month}(?:,?\\s+\\d{4})?`,
    `${month}\\s+${day}(?:\\s*-\\s*${day})?(?:,?\\s+\\d{4})?`,
    `\\b${weekWord}\\d{1,2}(?:\\s*(?:-|till|to|och|and)\\s*(?:${weekWord})?\\d{1,2})?`,
    `\\b(?:den|the)\\s+${day}\\b(?![.:]\\d)`,
  ];
  return new RegExp(forms.join('|'), 'g');
}

/** Everything `times.ts` matches, for one language. Global patterns are only used with `matchAll`/`replace`. */
export interface TimeGrammar {
  wholeDay: RegExp;
  dateNumbers: RegExp;
  cues: Record<Cue, RegExp>;
  /** Tells which preposition a captured word is. */
  prepositions: Record<Preposition, RegExp>;
  /** Two clock times: groups opener, clock, hour, minute, am/pm, connector, clock, hour, minute, am/pm. */
  range: RegExp;
  /** One clock time: groups preposition, clock, hour, minute, am/pm. */
  single: RegExp;
  lunch: RegExp;
  morning: RegExp;
  afternoon: RegExp;
  and: RegExp;
  between: RegExp;
}

const CLOCK_TAIL = '(\\d{1,2})(?:[.:](\\d{2}))?(?:\\s*(am|pm|a\\.m\\.|p\\.m\\.))?';
/** A time is not glued to other digits, slashes or words ("10.30.5", "10/12", "10e"). */
const NOT_GLUED_BEFORE = '(?<![\\w/.:,-])';
const NOT_GLUED_AFTER = '(?![\\w/]|[.:,]\\d)';
const whole = (source: string) => new RegExp(`^(?:${source})$`);

function compile(words: TimeWords, locale: Locale): TimeGrammar {
  const clock = `(?:(${words.clock})\\s*)?`;
  const prepositions = Object.values(words.prepositions).flat().join('|');
  const cue = (forms: readonly string[]) => new RegExp(`\\b(?:${forms.join('|')})\\b`, 'g');
  return {
    wholeDay: new RegExp(`\\b(?:${words.wholeDay})\\b`),
    dateNumbers: dateNumbers(locale),
    cues: { arrival: cue(words.cues.arrival), leaving: cue(words.cues.leaving), presence: cue(words.cues.presence) },
    prepositions: {
      from: whole(words.prepositions.from.join('|')),
      until: whole(words.prepositions.until.join('|')),
      at: whole(words.prepositions.at.join('|')),
    },
    range: new RegExp(
      `${NOT_GLUED_BEFORE}(?:(${words.rangeOpener})\\s+)?${clock}${CLOCK_TAIL}` +
        `\\s*(${words.rangeConnector})\\s*${clock}${CLOCK_TAIL}${NOT_GLUED_AFTER}`,
      'g',
    ),
    single: new RegExp(`${NOT_GLUED_BEFORE}(?:(${prepositions})\\s+)?${clock}${CLOCK_TAIL}${NOT_GLUED_AFTER}`, 'g'),
    lunch: new RegExp(`(?<!\\w)${words.lunch}`, 'g'),
    morning: new RegExp(words.morning, 'g'),
    afternoon: new RegExp(words.afternoon, 'g'),
    and: whole(words.and),
    between: whole(words.between),
  };
}

export const TIME_GRAMMARS: Record<Locale, TimeGrammar> = { sv: compile(WORDS.sv, 'sv'), en: compile(WORDS.en, 'en') };
