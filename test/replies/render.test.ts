import { describe, expect, it } from 'vitest';
import {
  ADAPTIVE_CARD,
  cardText,
  type Destination,
  type OutgoingMessage,
  renderPlainText,
  rendererFor,
  renderTeams,
  renderWebChat,
} from '../../src/replies/render.js';
import type { Reply } from '../../src/replies/reply.js';

// The replies every channel must show: the same channel-neutral Reply objects the bot and the dialogs build.

const plainAnswer: Reply = { kind: 'answer', text: 'Du anmäler frånvaro i boxen "Frånvaro".' };

const answerWithFollowUps: Reply = {
  kind: 'answer',
  text: 'Du anmäler frånvaro i boxen "Frånvaro".',
  choicesIntro: 'Du kanske också undrar:',
  choices: [
    { title: 'Frånvaro på fritids', value: 'Frånvaro på fritids' },
    { title: 'Ansöka om ledighet', value: 'Ansöka om ledighet' },
  ],
};

const didYouMean: Reply = {
  text: 'Jag är inte helt säker på vad du menar. Menade du …',
  choices: [
    { title: 'Glömt lösenord', value: 'Glömt lösenord' },
    { title: 'Logga in med BankID', value: 'Logga in med BankID' },
    { title: 'Inget av dessa', value: 'Inget av dessa' },
  ],
};

/** A dialog prompt with more choices than Teams shows as suggested actions. */
const promptWithChoices: Reply = {
  text: 'Är Elsa borta hela dagen eller en del av den?',
  choices: [
    { title: 'Hela dagen', value: 'Hela dagen' },
    { title: '08.10–09.00 Svenska', value: '08.10–09.00 Svenska' },
    { title: '09.10–10.00 Matematik', value: '09.10–10.00 Matematik' },
    { title: '10.20–11.30 Idrott', value: '10.20–11.30 Idrott' },
  ],
};

const summaryCard = {
  title: 'Frånvaroanmälan',
  facts: [
    { label: 'Barn', value: 'Elsa' },
    { label: 'Datum', value: 'tisdag 10 mars' },
  ],
};

const summary: Reply = {
  text: 'Stämmer det här?',
  card: summaryCard,
  choices: [
    { title: 'Ja', value: 'Ja' },
    { title: 'Nej', value: 'Nej' },
  ],
};

/** A card, an intro and choices: everything the plain-text layout lays out, in one reply. */
const summaryWithIntro: Reply = {
  text: 'Stämmer det här?',
  card: summaryCard,
  choicesIntro: 'Svara med siffran:',
  choices: [
    { title: 'Ja', value: 'Ja' },
    { title: 'Nej', value: 'Nej' },
  ],
};

const receipt: Reply = {
  text: 'Klart! Frånvaron för Elsa är anmäld.\n\nKom ihåg att ändra fritidstiderna.',
  card: { ...summaryCard, title: 'Kvitto' },
};

// Where they go.

const webchat: Destination = { channelId: 'webchat', locale: 'sv', userId: 'user-1' };
const teamsPersonal: Destination = { channelId: 'msteams', locale: 'sv', userId: '29:user', personal: true };
const teamsChannel: Destination = { channelId: 'msteams', locale: 'sv', userId: '29:user', personal: false };
const terminal: Destination = { channelId: 'terminal', locale: 'sv', userId: 'user-1' };
const sms: Destination = { channelId: 'sms', locale: 'sv', userId: '+46701740101' };

// What they must look like.

const textBlock = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextBlock',
  text,
  wrap: true,
  ...extra,
});
const title = (text: string, extra: Record<string, unknown> = {}) => textBlock(text, { weight: 'Bolder', ...extra });
const facts = {
  type: 'FactSet',
  facts: [
    { title: 'Barn', value: 'Elsa' },
    { title: 'Datum', value: 'tisdag 10 mars' },
  ],
};
const submit = (value: string) => ({
  type: 'Action.Submit',
  title: value,
  data: { msteams: { type: 'imBack', value } },
});
const suggested = (to: string, ...values: string[]) => ({
  to: [to],
  actions: values.map((value) => ({ type: 'imBack', title: value, value })),
});
const cardContent = (body: unknown[], actions: unknown[]) => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.4',
  body,
  actions,
});
const adaptiveCard = (body: unknown[]) => ({ contentType: ADAPTIVE_CARD, content: cardContent(body, []) });
/** A Teams card: full width, the text inside it and no text outside (it would show twice). */
const teamsCard = (summaryText: string, body: unknown[], actions: unknown[], inputHint: string) => ({
  type: 'message',
  text: '',
  textFormat: 'plain',
  locale: 'sv',
  inputHint,
  summary: summaryText,
  attachments: [{ contentType: ADAPTIVE_CARD, content: { ...cardContent(body, actions), msteams: { width: 'Full' } } }],
});
const message = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  text,
  textFormat: 'plain',
  locale: 'sv',
  ...extra,
});

const summaryWithIntroCard = teamsCard(
  'Stämmer det här?',
  [
    textBlock('Stämmer det här?'),
    title('Frånvaroanmälan', { spacing: 'Medium' }),
    facts,
    textBlock('Svara med siffran:', { isSubtle: true, spacing: 'Medium' }),
  ],
  [submit('Ja'), submit('Nej')],
  'expectingInput',
);

interface Case {
  name: string;
  reply: Reply;
  webchat: unknown[];
  teamsPersonal: unknown[];
  teamsChannel: unknown[];
  terminal: unknown[];
  /** SMS: the terminal's plain text (numbered choices, facts as lines) unless a case says otherwise. */
  sms?: unknown[];
}

const cases: Case[] = [
  {
    name: 'a plain answer',
    reply: plainAnswer,
    webchat: [message(plainAnswer.text, { inputHint: 'acceptingInput' })],
    teamsPersonal: [teamsCard(plainAnswer.text, [textBlock(plainAnswer.text)], [], 'acceptingInput')],
    teamsChannel: [teamsCard(plainAnswer.text, [textBlock(plainAnswer.text)], [], 'acceptingInput')],
    terminal: [message(plainAnswer.text)],
  },
  {
    name: 'an answer with follow-ups',
    reply: answerWithFollowUps,
    webchat: [
      message(answerWithFollowUps.text, {
        inputHint: 'expectingInput',
        suggestedActions: suggested('user-1', 'Frånvaro på fritids', 'Ansöka om ledighet'),
      }),
    ],
    teamsPersonal: [
      teamsCard(
        answerWithFollowUps.text,
        [
          textBlock(answerWithFollowUps.text),
          textBlock('Du kanske också undrar:', { isSubtle: true, spacing: 'Medium' }),
        ],
        [submit('Frånvaro på fritids'), submit('Ansöka om ledighet')],
        'expectingInput',
      ),
    ],
    teamsChannel: [
      teamsCard(
        answerWithFollowUps.text,
        [
          textBlock(answerWithFollowUps.text),
          textBlock('Du kanske också undrar:', { isSubtle: true, spacing: 'Medium' }),
        ],
        [submit('Frånvaro på fritids'), submit('Ansöka om ledighet')],
        'expectingInput',
      ),
    ],
    terminal: [
      message(
        [
          answerWithFollowUps.text,
          '',
          'Du kanske också undrar:',
          '1. Frånvaro på fritids',
          '2. Ansöka om ledighet',
        ].join('\n'),
      ),
    ],
  },
  {
    name: 'a did-you-mean',
    reply: didYouMean,
    webchat: [
      message(didYouMean.text, {
        inputHint: 'expectingInput',
        suggestedActions: suggested('user-1', 'Glömt lösenord', 'Logga in med BankID', 'Inget av dessa'),
      }),
    ],
    // Three choices: Teams shows them as suggested actions in a one-to-one chat.
    teamsPersonal: [
      message(didYouMean.text, {
        inputHint: 'expectingInput',
        suggestedActions: suggested('29:user', 'Glömt lösenord', 'Logga in med BankID', 'Inget av dessa'),
      }),
    ],
    teamsChannel: [
      teamsCard(
        didYouMean.text,
        [textBlock(didYouMean.text)],
        [submit('Glömt lösenord'), submit('Logga in med BankID'), submit('Inget av dessa')],
        'expectingInput',
      ),
    ],
    terminal: [
      message([didYouMean.text, '', '1. Glömt lösenord', '2. Logga in med BankID', '3. Inget av dessa'].join('\n')),
    ],
  },
  {
    name: 'a dialog prompt with four choices',
    reply: promptWithChoices,
    webchat: [
      message(promptWithChoices.text, {
        inputHint: 'expectingInput',
        suggestedActions: suggested(
          'user-1',
          'Hela dagen',
          '08.10–09.00 Svenska',
          '09.10–10.00 Matematik',
          '10.20–11.30 Idrott',
        ),
      }),
    ],
    // Teams shows only three suggested actions: four choices are card buttons, in a personal chat too.
    teamsPersonal: [
      teamsCard(
        promptWithChoices.text,
        [textBlock(promptWithChoices.text)],
        [
          submit('Hela dagen'),
          submit('08.10–09.00 Svenska'),
          submit('09.10–10.00 Matematik'),
          submit('10.20–11.30 Idrott'),
        ],
        'expectingInput',
      ),
    ],
    teamsChannel: [
      teamsCard(
        promptWithChoices.text,
        [textBlock(promptWithChoices.text)],
        [
          submit('Hela dagen'),
          submit('08.10–09.00 Svenska'),
          submit('09.10–10.00 Matematik'),
          submit('10.20–11.30 Idrott'),
        ],
        'expectingInput',
      ),
    ],
    terminal: [
      message(
        [
          promptWithChoices.text,
          '',
          '1. Hela dagen',
          '2. 08.10–09.00 Svenska',
          '3. 09.10–10.00 Matematik',
          '4. 10.20–11.30 Idrott',
        ].join('\n'),
      ),
    ],
  },
  {
    name: 'a summary to confirm (Ja/Nej)',
    reply: summary,
    // Web chat: the buttons are suggested actions, the card carries only the facts.
    webchat: [
      message('Stämmer det här?', {
        inputHint: 'expectingInput',
        suggestedActions: suggested('user-1', 'Ja', 'Nej'),
        attachments: [adaptiveCard([title('Frånvaroanmälan'), facts])],
      }),
    ],
    teamsPersonal: [
      teamsCard(
        'Stämmer det här?',
        [textBlock('Stämmer det här?'), title('Frånvaroanmälan', { spacing: 'Medium' }), facts],
        [submit('Ja'), submit('Nej')],
        'expectingInput',
      ),
    ],
    teamsChannel: [
      teamsCard(
        'Stämmer det här?',
        [textBlock('Stämmer det här?'), title('Frånvaroanmälan', { spacing: 'Medium' }), facts],
        [submit('Ja'), submit('Nej')],
        'expectingInput',
      ),
    ],
    terminal: [
      message(
        ['Stämmer det här?', '', 'Frånvaroanmälan', 'Barn: Elsa', 'Datum: tisdag 10 mars', '', '1. Ja', '2. Nej'].join(
          '\n',
        ),
      ),
    ],
  },
  {
    name: 'a summary with an intro above its choices (the terminal and SMS: one layout)',
    reply: summaryWithIntro,
    webchat: [
      message('Stämmer det här?', {
        inputHint: 'expectingInput',
        suggestedActions: suggested('user-1', 'Ja', 'Nej'),
        attachments: [adaptiveCard([title('Frånvaroanmälan'), facts])],
      }),
    ],
    // A Teams card either way (it has a card); the intro stands below the facts.
    teamsPersonal: [summaryWithIntroCard],
    teamsChannel: [summaryWithIntroCard],
    terminal: [
      message(
        [
          'Stämmer det här?',
          '',
          'Frånvaroanmälan',
          'Barn: Elsa',
          'Datum: tisdag 10 mars',
          '',
          'Svara med siffran:',
          '1. Ja',
          '2. Nej',
        ].join('\n'),
      ),
    ],
    // No `sms`: SMS lays it out as the terminal does, line for line.
  },
  {
    name: 'a receipt card',
    reply: receipt,
    webchat: [
      message(receipt.text, { inputHint: 'acceptingInput', attachments: [adaptiveCard([title('Kvitto'), facts])] }),
    ],
    teamsPersonal: [
      teamsCard(
        'Klart! Frånvaron för Elsa är anmäld.',
        [
          textBlock('Klart! Frånvaron för Elsa är anmäld.'),
          textBlock('Kom ihåg att ändra fritidstiderna.', { spacing: 'Medium' }),
          title('Kvitto', { spacing: 'Medium' }),
          facts,
        ],
        [],
        'acceptingInput',
      ),
    ],
    teamsChannel: [
      teamsCard(
        'Klart! Frånvaron för Elsa är anmäld.',
        [
          textBlock('Klart! Frånvaron för Elsa är anmäld.'),
          textBlock('Kom ihåg att ändra fritidstiderna.', { spacing: 'Medium' }),
          title('Kvitto', { spacing: 'Medium' }),
          facts,
        ],
        [],
        'acceptingInput',
      ),
    ],
    terminal: [message([receipt.text, '', 'Kvitto', 'Barn: Elsa', 'Datum: tisdag 10 mars'].join('\n'))],
  },
];

const channels = [
  { channel: 'webchat', to: webchat, expected: (c: Case) => c.webchat },
  { channel: 'msteams (personal chat)', to: teamsPersonal, expected: (c: Case) => c.teamsPersonal },
  { channel: 'msteams (channel)', to: teamsChannel, expected: (c: Case) => c.teamsChannel },
  { channel: 'terminal (plain text)', to: terminal, expected: (c: Case) => c.terminal },
  { channel: 'sms', to: sms, expected: (c: Case) => c.sms ?? c.terminal },
];

describe('every reply on every channel', () => {
  const table = cases.flatMap((c) =>
    channels.map(({ channel, to, expected }) => ({ name: c.name, channel, reply: c.reply, to, expected: expected(c) })),
  );

  it.each(table)('$name → $channel', ({ reply, to, expected }) => {
    expect(rendererFor(to.channelId)(reply, to)).toEqual(expected);
  });

  it('a Teams group chat renders like a channel', () => {
    for (const c of cases) {
      expect(renderTeams(c.reply, { ...teamsChannel, personal: false })).toEqual(c.teamsChannel);
    }
  });
});

describe('SMS text', () => {
  it('drops the Markdown a terminal shows as typed: no asterisks, a link as its text and address', () => {
    const reply: Reply = {
      kind: 'answer',
      text: 'Logga in på **InfoMentor Hub** med [BankID](https://hub.infomentor.se).',
    };
    expect(rendererFor('terminal')(reply, terminal)).toEqual([message(reply.text)]);
    expect(rendererFor('sms')(reply, sms)).toEqual([
      message('Logga in på InfoMentor Hub med BankID (https://hub.infomentor.se).'),
    ]);
  });
});

describe('Teams card text', () => {
  const bodyOf = (messages: OutgoingMessage[]) =>
    (messages[0]?.attachments?.[0]?.content as { body: { text?: string; spacing?: string }[] }).body;

  it('puts each line in its own TextBlock (Teams joins lines split by a single newline)', () => {
    const body = bodyOf(renderTeams({ kind: 'answer', text: 'Bedömningar: omdömen.\nBlogg: inlägg.' }, teamsPersonal));
    expect(body).toEqual([textBlock('Bedömningar: omdömen.'), textBlock('Blogg: inlägg.', { spacing: 'None' })]);
  });

  it('escapes Markdown a guardian typed, so it shows as written', () => {
    const reply: Reply = {
      text: 'Stämmer det?',
      card: { title: 'Ledighet', facts: [{ label: 'Skäl', value: '*Resa* till [mormor](http://x.se) och _kusin_' }] },
      choices: [{ title: 'Ja', value: 'Ja' }],
    };
    const [, , factSet] = bodyOf(renderTeams(reply, teamsChannel)) as unknown as [
      unknown,
      unknown,
      { facts: { value: string }[] },
    ];
    expect(factSet.facts[0]?.value).toBe('\\*Resa\\* till \\[mormor](http://x.se) och \\_kusin\\_');
  });

  it.each([
    [
      'plain text',
      'Gå till www.infomentor.se och tryck på "Logga in".',
      'Gå till www.infomentor.se och tryck på "Logga in".',
    ],
    ['a lone asterisk or underscore', '5 * 3 och fil_namn', '5 * 3 och fil_namn'],
    ['emphasis', 'det är *viktigt*', 'det är \\*viktigt\\*'],
    ['a link', 'se [sidan](https://x.se)', 'se \\[sidan](https://x.se)'],
    ['brackets that are no link', '[personnummer]', '[personnummer]'],
    ['code', 'skriv `ja`', 'skriv \\`ja\\`'],
  ])('cardText: %s', (_name, input, expected) => {
    expect(cardText(input)).toBe(expected);
  });

  it('a long first paragraph is shortened for the summary', () => {
    const text = `${'Lång mening. '.repeat(20)}\n\nMer.`;
    const [message] = renderTeams({ kind: 'answer', text }, teamsPersonal);
    expect(message?.summary?.length).toBeLessThanOrEqual(150);
    expect(message?.summary).toMatch(/^Lång mening\. .*…$/);
  });

  it('a plain message (not an answer, no choices) stays plain text in Teams', () => {
    expect(renderTeams({ text: 'Hej!' }, teamsChannel)).toEqual([message('Hej!', { inputHint: 'acceptingInput' })]);
  });
});

describe('web chat', () => {
  it('addresses suggested actions to nobody in particular without a user id', () => {
    const [sent] = renderWebChat(answerWithFollowUps, { channelId: 'webchat', locale: 'sv' });
    expect(sent?.suggestedActions?.to).toEqual([]);
  });

  it('shows no intro line above suggested actions, and ignores the kind', () => {
    const [sent] = renderWebChat(answerWithFollowUps, webchat);
    expect(JSON.stringify(sent)).not.toContain('Du kanske också undrar');
    expect(renderWebChat(answerWithFollowUps, webchat)).toEqual(
      renderWebChat({ ...answerWithFollowUps, kind: undefined }, webchat),
    );
  });
});

describe('rendererFor', () => {
  it.each([
    { channelId: 'msteams', renderer: renderTeams },
    { channelId: 'terminal', renderer: renderPlainText },
    { channelId: 'webchat', renderer: renderWebChat },
    { channelId: 'directline', renderer: renderWebChat },
    { channelId: 'emulator', renderer: renderWebChat },
    { channelId: 'test', renderer: renderWebChat },
    { channelId: 'some-new-channel', renderer: renderWebChat },
  ])('$channelId → $renderer.name', ({ channelId, renderer }) => {
    expect(rendererFor(channelId)).toBe(renderer);
  });
});
