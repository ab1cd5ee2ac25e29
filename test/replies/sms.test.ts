import { describe, expect, it } from 'vitest';
import { rendererFor } from '../../src/replies/render.js';
import type { Reply } from '../../src/replies/reply.js';
import { plainText, renderSms } from '../../src/replies/sms.js';

const to = { channelId: 'sms', locale: 'sv', userId: '+46701740101' };

describe('renderSms', () => {
  it('is the renderer of the sms channel', () => {
    expect(rendererFor('sms')).toBe(renderSms);
  });

  it('writes one plain message: the text, the card as "Label: value" lines, the choices as numbered lines', () => {
    const reply: Reply = {
      text: 'Stämmer det här? Svara **ja** för att skicka.',
      card: {
        title: 'Frånvaroanmälan',
        facts: [
          { label: 'Barn', value: 'Elsa' },
          { label: 'Dag', value: 'i morgon, torsdag 26 november' },
        ],
      },
      choices: [
        { title: 'Ja', value: 'yes' },
        { title: 'Nej', value: 'no' },
      ],
    };
    const messages = renderSms(reply, to);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toEqual({
      type: 'message',
      textFormat: 'plain',
      locale: 'sv',
      text: [
        'Stämmer det här? Svara ja för att skicka.',
        '',
        'Frånvaroanmälan',
        'Barn: Elsa',
        'Dag: i morgon, torsdag 26 november',
        '',
        '1. Ja',
        '2. Nej',
      ].join('\n'),
    });
    expect(messages[0]).not.toHaveProperty('suggestedActions');
    expect(messages[0]).not.toHaveProperty('attachments');
  });

  it('puts the choices intro above the numbered follow-ups', () => {
    const reply: Reply = {
      text: 'Du anmäler frånvaro i boxen Frånvaro.',
      choicesIntro: 'Du kanske också undrar:',
      choices: [
        { title: 'Frånvaro på fritids', value: 'a' },
        { title: 'Ansöka om ledighet', value: 'b' },
      ],
    };
    expect(renderSms(reply, to)[0]?.text).toBe(
      'Du anmäler frånvaro i boxen Frånvaro.\n\nDu kanske också undrar:\n1. Frånvaro på fritids\n2. Ansöka om ledighet',
    );
  });

  it('keeps a text-only reply as it is', () => {
    expect(renderSms({ text: 'Hej!' }, to)[0]?.text).toBe('Hej!');
  });
});

describe('plainText', () => {
  it.each([
    ['**fetstil** och __också__', 'fetstil och också'],
    ['_kursiv_ och *kursiv*', 'kursiv och kursiv'],
    ['Läs [hjälpsidan](https://example.se/hjalp) först.', 'Läs hjälpsidan (https://example.se/hjalp) först.'],
    ['[https://example.se](https://example.se)', 'https://example.se'],
    ['Se <https://example.se/a_b_c>', 'Se https://example.se/a_b_c'],
    ['Skriv `avbryt`', 'Skriv avbryt'],
    ['# Rubrik\n* punkt\n+ punkt', 'Rubrik\n- punkt\n- punkt'],
  ])('%j → %j', (markdown, plain) => {
    expect(plainText(markdown)).toBe(plain);
  });

  it('leaves underscores and stars inside words and numbers alone', () => {
    expect(plainText('fil_namn_här, 2*3*4 och https://example.se/a_b')).toBe(
      'fil_namn_här, 2*3*4 och https://example.se/a_b',
    );
  });
});
