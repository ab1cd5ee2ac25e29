/**
 * Removes personal data from free text before it is stored or logged: guardians often paste their child's
 * personnummer, their phone number or e-mail into a question. Ordinary numbers (dates, times, years,
 * classes, weeks, short codes) are deliberately left alone so the question stays readable.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/**
 * Personnummer / samordningsnummer: optional century, YYMMDD (day 61–91 for samordningsnummer),
 * optional '-', '+' or space, then four digits. Groups: 1 = century, 2 = separator.
 */
const PERSONNUMMER =
  /(?<![\p{N}+])(\d{2})?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])([-+ ]?)\d{4}(?!\p{N})/gu;

/** Swedish numbers in international form: +46/0046, optional "(0)", then 7–9 national digits. */
const SWEDISH_INTERNATIONAL_PHONE = /(?<![\p{L}\p{N}])(?:\+|00)46[ -]?(?:\(0\)[ -]?)?[1-9](?:[ -]?\d){6,8}(?!\p{N})/gu;

/** Other international numbers: '+' or '00', country code, optional "(0)", 8–15 digits in total. */
const INTERNATIONAL_PHONE = /(?<![\p{L}\p{N}])(?:\+|00)[ ]?[1-9](?:[ -]?(?:\(0\)[ -]?)?\d){7,14}(?!\p{N})/gu;

/** Swedish national numbers: trunk '0', area code, 8–10 digits in total, spaces or dashes between digits. */
const NATIONAL_PHONE = /(?<![\p{N}+])0[1-9](?:[ -]?\d){6,8}(?!\p{N})/gu;

/** dd-mm-yyyy / dd-mm-yy written with dashes or spaces: a date, not a phone number. */
const DATE_LIKE = /^\d{1,2}[- ]\d{1,2}[- ](?:\d{2}|\d{4})$/;

/** Luhn check used by Swedish identity numbers (over the ten digits YYMMDDNNNC). */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

function replacePersonnummer(match: string, century: string | undefined, separator: string): string {
  // A bare ten-digit number that starts like a Swedish phone number (0[1-9]...) and fails the Luhn check
  // is far more likely a phone number: leave it for the phone pass (it is still redacted, as [telefon]).
  if (century === undefined && separator === '' && /^0[1-9]/.test(match) && !luhnValid(match)) return match;
  return '[personnummer]';
}

/** Replaces personnummer, phone numbers and e-mail addresses with placeholders; see the module comment for why. */
export function redact(text: string): string {
  return text
    .replace(EMAIL, '[e-post]')
    .replace(PERSONNUMMER, replacePersonnummer)
    .replace(SWEDISH_INTERNATIONAL_PHONE, '[telefon]')
    .replace(INTERNATIONAL_PHONE, '[telefon]')
    .replace(NATIONAL_PHONE, (match) => (DATE_LIKE.test(match) ? match : '[telefon]'));
}

/** True when `redact` would change the text, so callers can warn or refuse to echo personal data back. */
export function containsPersonalData(text: string): boolean {
  return redact(text) !== text;
}
