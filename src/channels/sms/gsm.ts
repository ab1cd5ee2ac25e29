/**
 * SMS text: the GSM 03.38 alphabet, the typographic characters that would otherwise force the message into UCS-2
 * (70 characters a segment instead of 160), exact segment counts, and cutting a long text at a sentence end.
 */

/** GSM 03.38 default alphabet (one septet each); the escape code 0x1B is not a character of its own. */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: each is sent as escape + character, two septets. */
const GSM_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

/** Septets per segment: one message alone, or each part of a concatenated one (the rest is the UDH). */
export const GSM_SINGLE = 160;
export const GSM_PART = 153;
/** UTF-16 code units per segment in UCS-2. */
export const UCS2_SINGLE = 70;
export const UCS2_PART = 67;

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** How a text goes over the air: its encoding, its length in septets (GSM-7) or code units (UCS-2), its segments. */
export interface SegmentCount {
  encoding: SmsEncoding;
  units: number;
  segments: number;
}

/** True for a character of the GSM-7 alphabet, basic or extension. */
export function isGsmCharacter(char: string): boolean {
  return BASIC.has(char) || EXTENSION.has(char);
}

/** True when every character of the text can be sent in GSM-7. */
export function isGsmText(text: string): boolean {
  for (const char of text) if (!isGsmCharacter(char)) return false;
  return true;
}

/** Typographic characters and their GSM-7 stand-ins. */
const TYPOGRAPHIC: Record<string, string> = {
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201a': "'", // ‚
  '\u201b': "'", // ‛
  '\u2032': "'", // ′
  '\u00b4': "'", // ´
  '`': "'",
  '\u201c': '"', // “
  '\u201d': '"', // ”
  '\u201e': '"', // „
  '\u201f': '"', // ‟
  '\u2033': '"', // ″
  '\u00ab': '"', // «
  '\u00bb': '"', // »
  '\u2010': '-', // ‐
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '-', // ‒
  '\u2013': '-', // –
  '\u2014': '-', // —
  '\u2015': '-', // ―
  '\u2212': '-', // −
  '\u2026': '...', // …
  '\u2022': '-', // •
  '\u25e6': '-', // ◦
  '\u2023': '-', // ‣
  '\u2043': '-', // ⁃
  '\u25aa': '-', // ▪
  '\u25cf': '-', // ●
  '\u00b7': '-', // ·
  '\u2219': '-', // ∙
  '\u00d7': 'x', // ×
  '\u2264': '<=', // ≤
  '\u2265': '>=', // ≥
  '\u2192': '->', // →
  '\u2122': 'TM', // ™
  '\u00a9': '(c)', // ©
  '\u00ae': '(R)', // ®
  '\t': ' ',
};

/** Spaces that are not the space character: no-break, narrow no-break, thin, figure, em/en spaces. */
const ODD_SPACES = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;
/** Characters that show nothing: zero-width space and joiners, word joiner, byte-order mark, soft hyphen. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
/**
 * Emoji and their parts: pictographs, skin-tone modifiers, variation selectors, the keycap mark, regional
 * indicators (flags) and tag characters.
 */
const EMOJI =
  /\p{Extended_Pictographic}|\p{Emoji_Modifier}|[\u{1F1E6}-\u{1F1FF}\u{E0020}-\u{E007F}]|\ufe0e|\ufe0f|\u20e3/gu;

/**
 * The text in the GSM-7 alphabet where that keeps its meaning: typographic quotes, dashes, ellipses, odd spaces
 * and bullets become their plain forms, emoji are removed, and a Latin letter with an accent GSM-7 lacks loses the
 * accent (á → a, ç → c; å, ä, ö, é, ü keep theirs, GSM-7 has them). What cannot be mapped (Cyrillic, Arabic, …)
 * stays, and the message goes as UCS-2.
 */
export function toGsm(text: string): string {
  let mapped = '';
  for (const char of text.replace(/\r\n?/g, '\n').replace(ODD_SPACES, ' ').replace(INVISIBLE, '').replace(EMOJI, '')) {
    if (isGsmCharacter(char)) mapped += char;
    else mapped += TYPOGRAPHIC[char] ?? withoutAccent(char);
  }
  // Removed emoji leave double spaces and spaces before line ends.
  return mapped.replace(/ {2,}/g, ' ').replace(/ +$/gm, '').trim();
}

/** A letter without the accent GSM-7 lacks, when the bare letter is GSM-7; otherwise the character itself. */
function withoutAccent(char: string): string {
  const bare = char.normalize('NFD').replace(/\p{M}+/gu, '');
  return bare !== char && bare.length > 0 && isGsmText(bare) ? bare : char;
}

/** Septets a GSM-7 character takes: 2 for the extension table (escape + character), else 1. */
function septets(char: string): number {
  return EXTENSION.has(char) ? 2 : 1;
}

/**
 * Units per character and the segment sizes for a text: septets in GSM-7, UTF-16 code units in UCS-2 (a character
 * outside the Basic Multilingual Plane is a surrogate pair, two units, never split across segments).
 */
function unitsOf(text: string): { encoding: SmsEncoding; units: number[] } {
  // Code points, not UTF-16 units: a surrogate pair is one character (two UCS-2 units).
  const chars = Array.from(text);
  if (chars.every(isGsmCharacter)) return { encoding: 'GSM-7', units: chars.map(septets) };
  return { encoding: 'UCS-2', units: chars.map((char) => char.length) };
}

/** Parts of a concatenated message: filled in order, a character (or escape pair) never split across two. */
function packedParts(units: readonly number[], perPart: number): number {
  let parts = 1;
  let used = 0;
  for (const size of units) {
    if (used + size > perPart) {
      parts++;
      used = 0;
    }
    used += size;
  }
  return parts;
}

/**
 * The exact number of segments a text is sent in: GSM-7 when every character is in the GSM alphabet (160 septets
 * alone, 153 per part, an extension character counting 2 and never split), else UCS-2 (70 / 67 code units). An
 * empty text is 0 segments.
 */
export function countSegments(text: string): SegmentCount {
  const { encoding, units } = unitsOf(text);
  const total = units.reduce((sum, size) => sum + size, 0);
  if (total === 0) return { encoding, units: 0, segments: 0 };
  const [single, part] = encoding === 'GSM-7' ? [GSM_SINGLE, GSM_PART] : [UCS2_SINGLE, UCS2_PART];
  return { encoding, units: total, segments: total <= single ? 1 : packedParts(units, part) };
}

/** A text cut to fit: what is sent now (ending with the footer when there is more) and the rest, if any. */
export interface FittedText {
  text: string;
  rest?: string;
}

/**
 * Indexes where a text may be cut: at a line break, or after a sentence's end: `.`, `!` or `?` (a closing quote
 * or bracket may follow) before a line break, or before a space and a capital letter or opening quote. So "kl. 13",
 * "t.ex. lunch" and a choice's number ("2. Nils") are not sentence ends.
 */
function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (const match of text.matchAll(/\n|(?<!^\s*\d+)[.!?]+["')\]]*(?=[ \t]*\n|[ \t]+["'(]?\p{Lu})/gmu)) {
    ends.push(match.index + (match[0] === '\n' ? 0 : match[0].length));
  }
  return ends;
}

/** Indexes of spaces: where a text with no usable sentence end is cut. */
function wordEnds(text: string): number[] {
  return [...text.matchAll(/\s/g)].map((match) => match.index);
}

/** A cut at a paragraph's end is preferred when it keeps at least this share of what the latest cut would. */
const PARAGRAPH_SHARE = 0.6;

/**
 * Fits a text into `maxSegments`: as it is when it fits; else the longest beginning that ends at a sentence end
 * (or, failing that, at a space, or anywhere) and still fits with `footer` on a line of its own, plus the rest. A
 * paragraph's end a little earlier wins over a later sentence end (see `PARAGRAPH_SHARE`). A `tail` is the last
 * paragraph of what is sent either way (after the footer on a cut text), and not part of the rest.
 */
export function fitSegments(text: string, maxSegments: number, footer: string, tail = ''): FittedText {
  const whole = text.trim();
  const withTail = (sent: string) => (tail ? `${sent}\n\n${tail}` : sent);
  if (countSegments(withTail(whole)).segments <= maxSegments) return { text: withTail(whole) };
  const fits = (end: number) => {
    const head = whole.slice(0, end).trimEnd();
    return head.length > 0 && countSegments(withTail(`${head}\n${footer}`)).segments <= maxSegments;
  };
  const cutAt = (end: number): FittedText => ({
    text: withTail(`${whole.slice(0, end).trimEnd()}\n${footer}`),
    rest: whole.slice(end).trim(),
  });
  const paragraphs = [...whole.matchAll(/\n[ \t]*\n/g)].map((match) => match.index);
  for (const candidates of [sentenceEnds(whole), wordEnds(whole)]) {
    for (let i = candidates.length - 1; i >= 0; i--) {
      const end = candidates[i] ?? 0;
      if (!fits(end)) continue;
      // A paragraph's end not much earlier is the better cut: the answer stays whole, the list goes together.
      const paragraph = paragraphs.filter((p) => p <= end && p >= end * PARAGRAPH_SHARE).at(-1);
      return cutAt(paragraph ?? end);
    }
  }
  // One long word: cut between characters (code points, so a surrogate pair stays whole).
  const chars = Array.from(whole);
  let end = chars.length - 1;
  while (end > 1 && !fits(chars.slice(0, end).join('').length)) end--;
  return cutAt(chars.slice(0, end).join('').length);
}
