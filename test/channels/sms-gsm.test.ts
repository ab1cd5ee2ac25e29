import { describe, expect, it } from 'vitest';
import { countSegments, fitSegments, isGsmText, toGsm } from '../../src/channels/sms/gsm.js';

describe('toGsm', () => {
  it.each([
    ['Elsa’s ‘lapp’', "Elsa's 'lapp'"],
    ['“kommer efter lunch”, „citat“ och «så»', '"kommer efter lunch", "citat" och "så"'],
    ['10–14 mars — eller vecka 7', '10-14 mars - eller vecka 7'],
    ['Vänta…', 'Vänta...'],
    ['kl.\u00a013.00 och 5\u202f000 kr', 'kl. 13.00 och 5 000 kr'],
    ['• Elsa\n◦ Nils\n‣ Maja', '- Elsa\n- Nils\n- Maja'],
    ['Tack! 👍 Ha en fin dag 😀🇸🇪', 'Tack! Ha en fin dag'],
    ['Vi ses 👋🏽!', 'Vi ses !'],
    ['Familjen 👨‍👩‍👧 hälsar', 'Familjen hälsar'],
    ['Café, Åsa, Öberg, Müller, Ñoño, è', 'Café, Åsa, Öberg, Müller, Ñoño, è'],
    ['François, José, Zoë, Ángel, Ñandú', 'Francois, José, Zoe, Angel, Ñandu'],
    ['rad ett\r\nrad två\ttab', 'rad ett\nrad två tab'],
  ])('%j → %j', (typed, gsm) => {
    expect(toGsm(typed)).toBe(gsm);
    expect(isGsmText(toGsm(typed))).toBe(true);
  });

  it('keeps what has no GSM form (the message then goes as UCS-2)', () => {
    expect(toGsm('Привет, Łukasz')).toBe('Привет, Łukasz');
    expect(isGsmText('Привет')).toBe(false);
  });
});

describe('countSegments', () => {
  const a = (n: number) => 'a'.repeat(n);

  it('counts nothing for an empty text', () => {
    expect(countSegments('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 0 });
  });

  it('GSM-7: 160 septets alone, 153 per part of a longer message', () => {
    expect(countSegments(a(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments(a(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(countSegments(a(306)).segments).toBe(2);
    expect(countSegments(a(307)).segments).toBe(3);
    expect(countSegments(a(459)).segments).toBe(3);
    expect(countSegments(a(460)).segments).toBe(4);
  });

  it('counts Swedish letters as one septet: å ä ö é are GSM-7', () => {
    expect(countSegments('åäöÅÄÖéÉüÜ'.repeat(16))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
  });

  it('counts an extension character (€ [ ] { } ^ ~ | \\) as two septets', () => {
    expect(countSegments('€')).toEqual({ encoding: 'GSM-7', units: 2, segments: 1 });
    expect(countSegments(`${a(158)}€`)).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments(`${a(159)}€`)).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(countSegments('[]{}^~|\\').units).toBe(16);
  });

  it('never splits an escape pair across two parts', () => {
    // 306 septets are two parts of 153, but 152 + € (2) does not fit in the first part: € starts the second
    // part, which then overflows into a third.
    expect(countSegments(`${a(152)}€${a(152)}`)).toEqual({ encoding: 'GSM-7', units: 306, segments: 3 });
    expect(countSegments(`${a(151)}€${a(153)}`)).toEqual({ encoding: 'GSM-7', units: 306, segments: 2 });
  });

  it('UCS-2 when a character is outside GSM-7: 70 alone, 67 per part', () => {
    const ru = (n: number) => 'ж'.repeat(n);
    expect(countSegments(ru(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSegments(ru(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
    expect(countSegments(ru(134)).segments).toBe(2);
    expect(countSegments(ru(135)).segments).toBe(3);
    // One non-GSM character turns a 100-character text into two UCS-2 segments.
    expect(countSegments(`${a(99)}ł`)).toEqual({ encoding: 'UCS-2', units: 100, segments: 2 });
    // An extension character is one unit in UCS-2.
    expect(countSegments('ж€').units).toBe(2);
  });

  it('counts a character outside the BMP as two UCS-2 units, never split', () => {
    expect(countSegments('𝄞')).toEqual({ encoding: 'UCS-2', units: 2, segments: 1 });
    expect(countSegments(`${'ж'.repeat(66)}𝄞${'ж'.repeat(5)}`)).toEqual({ encoding: 'UCS-2', units: 73, segments: 2 });
    expect(countSegments(`${'ж'.repeat(66)}𝄞${'ж'.repeat(66)}`).segments).toBe(3);
  });
});

describe('fitSegments', () => {
  const footer = 'Skriv MER för resten';
  const sentence = (n: number) => `Det här är mening nummer ${n} i ett långt svar om inloggning.`;
  const long = Array.from({ length: 20 }, (_, i) => sentence(i + 1)).join(' ');

  it('keeps a text that fits as it is', () => {
    expect(fitSegments('Hej! Kort svar.', 3, footer)).toEqual({ text: 'Hej! Kort svar.' });
  });

  it('cuts a long text at a sentence end into at most three segments ending with the footer', () => {
    const { text, rest } = fitSegments(long, 3, footer);
    expect(countSegments(text).segments).toBeLessThanOrEqual(3);
    expect(text.endsWith(`.\n${footer}`)).toBe(true);
    expect(rest).toMatch(/^Det här är mening nummer \d+/);
    expect(`${text.slice(0, -footer.length - 1)} ${rest ?? ''}`).toBe(long);
  });

  it('cuts between numbered choices, never after a choice number or "kl."', () => {
    const text = `${'Lediga tider kl. 13.00 i dag. '.repeat(12)}\n\n1. Elsa\n2. Nils\n3. Båda`;
    const fitted = fitSegments(text, 3, footer);
    expect(fitted.text).not.toMatch(/(\d\.|kl\.)\n/);
    expect(countSegments(fitted.text).segments).toBeLessThanOrEqual(3);
  });

  it('cuts at a space when no sentence ends in time, and anywhere in one long word', () => {
    const words = fitSegments('ord '.repeat(200), 1, footer);
    expect(countSegments(words.text).segments).toBe(1);
    expect(words.text).toMatch(/ord\nSkriv MER för resten$/);
    const word = fitSegments('x'.repeat(500), 1, footer);
    expect(countSegments(word.text).segments).toBe(1);
    expect(word.text.length + (word.rest?.length ?? 0)).toBe(500 + footer.length + 1);
  });

  it('keeps a tail as the last paragraph, after the footer when the text is cut', () => {
    const tail = 'Svara med siffran för att välja.';
    expect(fitSegments('Kort svar.', 3, footer, tail)).toEqual({ text: `Kort svar.\n\n${tail}` });
    const { text, rest } = fitSegments(long, 3, footer, tail);
    expect(text.endsWith(`.\n${footer}\n\n${tail}`)).toBe(true);
    expect(countSegments(text).segments).toBeLessThanOrEqual(3);
    expect(rest).not.toContain(tail);
    // A text that fits alone but not with its tail is cut too.
    const almost = 'Ord och mening. '.repeat(28).trim();
    expect(countSegments(almost).segments).toBe(3);
    expect(fitSegments(almost, 3, footer, tail).text.endsWith(tail)).toBe(true);
  });

  it('fits UCS-2 texts by their own limits', () => {
    const ru = Array.from({ length: 12 }, () => 'Привет, это длинное предложение.').join(' ');
    const { text, rest } = fitSegments(ru, 3, footer);
    expect(countSegments(text)).toMatchObject({ encoding: 'UCS-2' });
    expect(countSegments(text).segments).toBeLessThanOrEqual(3);
    expect(rest).toBeTruthy();
  });
});
