import { describe, expect, it } from 'vitest';
import { containsPersonalData, redact } from '../../src/triage/redact.js';

const personnummer = [
  '121212-1212', // YYMMDD-XXXX
  '121212+1212', // YYMMDD+XXXX (100 years or older)
  '0803152388', // YYMMDDXXXX, a pupil born 2008
  '1212121212', // YYMMDDXXXX
  '20080315-2388', // YYYYMMDD-XXXX
  '200803152388', // YYYYMMDDXXXX
  '080315 2388', // space instead of dash
  '20080315 2388', // space instead of dash, with century
  '701063-2391', // samordningsnummer
  '7010632391', // samordningsnummer without dash
  '19701063-2391', // samordningsnummer with century
];

const phones = [
  '070-123 45 67',
  '0701234567',
  '070 123 45 67',
  '070-1234567',
  '08-123 456 78',
  '08-123 45 67',
  '031-12 34 56',
  '+46 70 123 45 67',
  '+46701234567',
  '+46 (0)70-123 45 67',
  '0046701234567',
  '+44 20 7946 0958',
  '+1 212 555 0123',
  '+358 40 1234567',
];

const emails = ['anna.karlsson@example.se', 'åsa.öberg@skola.göteborg.se', 'förälder+skola@mail.example.com'];

const sentences: ((value: string) => string)[] = [
  (v) => `Hej! Min dotter Åsa har ${v} och går på Ängsskolan, hör av er före mötet.`,
  (v) => `Hi, my son's details: ${v}. He is in class 7B at Österäng school.`,
  (v) => `Kan ni nå mig på (${v})? Tack, mvh Örjan`,
];

function cases(values: string[], placeholder: string): [string, string][] {
  return values.flatMap((value) => sentences.map((s): [string, string] => [s(value), s(placeholder)]));
}

describe('redact', () => {
  it.each(cases(personnummer, '[personnummer]'))('redacts personnummer: %s', (input, expected) => {
    expect(redact(input)).toBe(expected);
    expect(containsPersonalData(input)).toBe(true);
  });

  it.each(cases(phones, '[telefon]'))('redacts phone number: %s', (input, expected) => {
    expect(redact(input)).toBe(expected);
    expect(containsPersonalData(input)).toBe(true);
  });

  it.each(cases(emails, '[e-post]'))('redacts e-mail: %s', (input, expected) => {
    expect(redact(input)).toBe(expected);
    expect(containsPersonalData(input)).toBe(true);
  });

  it('still redacts a bare ten-digit personnummer with a typo (as a phone number)', () => {
    // 0803152384 fails the Luhn check; it must not survive in the log either way.
    expect(redact('Personnumret är 0803152384.')).toBe('Personnumret är [telefon].');
  });

  it.each([
    'Är skolan stängd 3/12?',
    'Utvecklingssamtalet är 2026-12-03 kl 08:15.',
    'Kommer ni ihåg lovet den 3 december?',
    'Mötet börjar kl 10.30 i matsalen.',
    'Lektionen börjar 08:15 och slutar 09:30.',
    'Schemat för 2024 saknas.',
    'Min son går i 7B.',
    'Hon går i årskurs 3.',
    'Vad händer vecka 7?',
    'Jag har glömt min 4-siffriga pinkod.',
    'Koden 1234 fungerar inte.',
    'Sportlovet är 2026-02-16 till 2026-02-20.',
    'Mötet flyttas till 03-12-2026.',
    'Ledig 08-12-2026, går det bra?',
    'Skrivningen är 20261203 i sal 0812.',
    'Öppet kl 08.15-16.30, rum 112.',
    'When is the parent meeting on 12/3/2026 at 6 pm?',
    'My daughter is in year 9, class 9A, room 214.',
  ])('leaves ordinary numbers intact: %s', (input) => {
    expect(redact(input)).toBe(input);
    expect(containsPersonalData(input)).toBe(false);
  });

  it('keeps a year written right after a phone number', () => {
    expect(redact('Ring +46701234567 2024 eller 070-123 45 67 2025.')).toBe(
      'Ring [telefon] 2024 eller [telefon] 2025.',
    );
  });

  it('redacts all three kinds in one sentence and keeps the rest readable', () => {
    const input =
      'Hej, jag är Åsas mamma. Hennes personnummer är 080315-2388, ring mig på 070-123 45 67 ' +
      'eller mejla åsa.öberg@example.se om mötet den 3 december kl 10.30 i 7B.';
    expect(redact(input)).toBe(
      'Hej, jag är Åsas mamma. Hennes personnummer är [personnummer], ring mig på [telefon] ' +
        'eller mejla [e-post] om mötet den 3 december kl 10.30 i 7B.',
    );
  });
});
