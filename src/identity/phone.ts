/**
 * Phone numbers as the school system stores them: E.164 (`+46701234567`). SMS channels and guardians write
 * numbers in many ways (`070-123 45 67`, `0046 70…`, `+46 (0)70…`); one normal form lets an account be found
 * however it was typed.
 */

/** Characters people put between digits; anything else (letters, `#`, `*`) makes the input garbage. */
const SEPARATORS = /[\s\-.()/\u00a0]/g;

/** E.164 allows at most 15 digits after the `+`; shorter than 7 is not a subscriber number anywhere. */
const INTERNATIONAL = /^\+[1-9]\d{6,14}$/;
/** A Swedish national significant number (after +46 or the trunk 0): 7–9 digits, never starting with 0. */
const SWEDISH_NATIONAL = /^[1-9]\d{6,8}$/;

/**
 * The number in E.164, or undefined when it is not a phone number. Swedish national forms (`0701234567`) and
 * Swedish numbers without a plus (`46701234567`) get `+46`; `00` becomes `+`; foreign numbers are kept.
 */
export function normalizePhoneNumber(input: string): string | undefined {
  if (typeof input !== 'string') return undefined;
  // "+46 (0)70…" writes the trunk zero in parentheses; it is dropped in international form.
  let number = input
    .trim()
    .replace(/^(\+|00)46\s*\(0\)/, '+46')
    .replace(SEPARATORS, '');
  if (number.startsWith('00')) number = `+${number.slice(2)}`;
  else if (/^0[1-9]/.test(number)) number = `+46${number.slice(1)}`;
  else if (/^46[1-9]\d{8,9}$/.test(number)) number = `+${number}`;
  // "+460701234567": a trunk zero kept after the country code.
  if (number.startsWith('+460')) number = `+46${number.slice(4)}`;
  if (!INTERNATIONAL.test(number)) return undefined;
  if (number.startsWith('+46') && !SWEDISH_NATIONAL.test(number.slice(3))) return undefined;
  return number;
}
