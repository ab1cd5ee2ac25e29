import { describe, expect, it } from 'vitest';
import { normalizePhoneNumber } from '../../src/identity/phone.js';

describe('normalizePhoneNumber', () => {
  const cases: [input: string, expected: string | undefined][] = [
    ['070-123 45 67', '+46701234567'],
    ['0701234567', '+46701234567'],
    ['+46 70 123 45 67', '+46701234567'],
    ['0046701234567', '+46701234567'],
    ['0046 70-123 45 67', '+46701234567'],
    ['46701234567', '+46701234567'],
    ['+46 (0)70 123 45 67', '+46701234567'],
    ['+460701234567', '+46701234567'],
    ['(070) 123.45.67', '+46701234567'],
    [' +46701740101 ', '+46701740101'],
    ['08-123 456 78', '+46812345678'],
    ['+4712345678', '+4712345678'],
    ['0047 12 34 56 78', '+4712345678'],
    ['+1 415 555 0100', '+14155550100'],
    ['', undefined],
    ['hej', undefined],
    ['070-123 45 67 ring efter 17', undefined],
    ['+46 70 123', undefined],
    ['+4670123456789', undefined],
    ['12345', undefined],
    ['+0701234567', undefined],
    ['0000000000', undefined],
    ['+1234567890123456', undefined],
    ['070*1234567', undefined],
  ];

  it.each(cases)('%j → %j', (input, expected) => {
    expect(normalizePhoneNumber(input)).toBe(expected);
  });
});
