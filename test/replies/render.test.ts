import { describe, expect, it } from 'vitest';
import {
  type Destination,
  renderPlainText,
  rendererFor,
  renderTeams,
  renderWebChat,
} from '../../src/replies/render.js';
import type { Reply } from '../../src/replies/reply.js';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** One reply with everything a reply can have. */
const reply: Reply = {
  text: 'Du anmäler frånvaro i boxen "Frånvaro".',
  choicesIntro: 'Du kanske också undrar:',
  choices: [
    { title: 'Frånvaro på fritids', value: 'Frånvaro på fritids' },
    { title: 'Ansöka om ledighet', value: 'ledighet-value' },
  ],
  card: {
    title: 'Frånvaroanmälan',
    facts: [
      { label: 'Barn', value: 'Alva' },
      { label: 'Datum', value: '2026-03-10' },
    ],
  },
};

const textOnly: Reply = { text: 'Hej!' };

const to = (channelId: string, extra: Partial<Destination> = {}): Destination => ({
  channelId,
  locale: 'sv',
  userId: 'user-1',
  ...extra,
});

const expectedCardFacts = {
  type: 'FactSet',
  facts: [
    { title: 'Barn', value: 'Alva' },
    { title: 'Datum', value: '2026-03-10' },
  ],
};

describe('renderWebChat', () => {
  it('shows choices as suggested actions (imBack) for the user and the card as an Adaptive Card', () => {
    const messages = renderWebChat(reply, to('webchat'));
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message).toMatchObject({
      type: 'message',
      text: reply.text,
      textFormat: 'plain',
      locale: 'sv',
      inputHint: 'expectingInput',
      suggestedActions: {
        to: ['user-1'],
        actions: [
          { type: 'imBack', title: 'Frånvaro på fritids', value: 'Frånvaro på fritids' },
          { type: 'imBack', title: 'Ansöka om ledighet', value: 'ledighet-value' },
        ],
      },
    });
    expect(message?.attachments).toHaveLength(1);
    const attachment = message?.attachments?.[0];
    expect(attachment?.contentType).toBe(ADAPTIVE_CARD);
    const card = attachment?.content as { type: string; body: unknown[]; actions: unknown[] };
    expect(card.type).toBe('AdaptiveCard');
    expect(card.body).toEqual([
      { type: 'TextBlock', text: 'Frånvaroanmälan', weight: 'Bolder', wrap: true },
      expectedCardFacts,
    ]);
    // The choices are suggested actions already: no buttons on the card.
    expect(card.actions).toEqual([]);
    // Web chat shows no intro line.
    expect(JSON.stringify(message)).not.toContain(reply.choicesIntro);
  });

  it('a text-only reply is plain text accepting input, without actions or attachments', () => {
    expect(renderWebChat(textOnly, to('webchat', { locale: 'en' }))).toEqual([
      { type: 'message', text: 'Hej!', textFormat: 'plain', locale: 'en', inputHint: 'acceptingInput' },
    ]);
  });

  it('addresses suggested actions to nobody in particular without a user id', () => {
    const [message] = renderWebChat(reply, { channelId: 'webchat', locale: 'sv' });
    expect(message?.suggestedActions?.to).toEqual([]);
  });
});

describe('renderTeams', () => {
  type Card = {
    body: { type: string; text?: string }[];
    actions: { type: string; title: string; data: unknown }[];
  };
  const cardOf = (message: { attachments?: { contentType: string; content: unknown }[] } | undefined) => {
    expect(message?.attachments).toHaveLength(1);
    expect(message?.attachments?.[0]?.contentType).toBe(ADAPTIVE_CARD);
    return message?.attachments?.[0]?.content as Card;
  };
  const submitActions = [
    {
      type: 'Action.Submit',
      title: 'Frånvaro på fritids',
      data: { msteams: { type: 'imBack', value: 'Frånvaro på fritids' } },
    },
    {
      type: 'Action.Submit',
      title: 'Ansöka om ledighet',
      data: { msteams: { type: 'imBack', value: 'ledighet-value' } },
    },
  ];

  it.each([
    { kind: 'channel', personal: false },
    { kind: 'personal chat with a card', personal: true },
  ])('$kind: the card carries the facts, the intro and Action.Submit imBack buttons', ({ personal }) => {
    const messages = renderTeams(reply, to('msteams', { personal }));
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message).toMatchObject({ type: 'message', text: reply.text, textFormat: 'plain', locale: 'sv' });
    expect(message?.suggestedActions).toBeUndefined();
    const card = cardOf(message);
    expect(card.body).toEqual([
      { type: 'TextBlock', text: 'Frånvaroanmälan', weight: 'Bolder', wrap: true },
      expectedCardFacts,
      { type: 'TextBlock', text: reply.choicesIntro, wrap: true, isSubtle: true },
    ]);
    expect(card.actions).toEqual(submitActions);
  });

  it('personal chat without a card: suggested actions, as in web chat', () => {
    const { card: _card, ...withoutCard } = reply;
    const messages = renderTeams(withoutCard, to('msteams', { personal: true }));
    expect(messages).toEqual(renderWebChat(withoutCard, to('msteams', { personal: true })));
    expect(messages[0]?.suggestedActions?.actions).toHaveLength(2);
    expect(messages[0]?.attachments).toBeUndefined();
  });

  it('channel without a card: the choices become a card with buttons only', () => {
    const { card: _card, ...withoutCard } = reply;
    const [message] = renderTeams(withoutCard, to('msteams', { personal: false }));
    expect(message?.suggestedActions).toBeUndefined();
    const card = cardOf(message);
    expect(card.body).toEqual([{ type: 'TextBlock', text: reply.choicesIntro, wrap: true, isSubtle: true }]);
    expect(card.actions).toEqual(submitActions);
  });

  it('channel, text only: no attachment', () => {
    expect(renderTeams(textOnly, to('msteams', { personal: false }))).toEqual([
      { type: 'message', text: 'Hej!', textFormat: 'plain', locale: 'sv' },
    ]);
  });
});

describe('renderPlainText', () => {
  it('appends the card as lines and the choices as numbered lines after the intro', () => {
    const messages = renderPlainText(reply, to('terminal'));
    expect(messages).toEqual([
      {
        type: 'message',
        textFormat: 'plain',
        locale: 'sv',
        text: [
          reply.text,
          '',
          'Frånvaroanmälan',
          'Barn: Alva',
          'Datum: 2026-03-10',
          '',
          'Du kanske också undrar:',
          '1. Frånvaro på fritids',
          '2. Ansöka om ledighet',
        ].join('\n'),
      },
    ]);
    expect(messages[0]?.suggestedActions).toBeUndefined();
    expect(messages[0]?.attachments).toBeUndefined();
  });

  it('a text-only reply is just the text', () => {
    expect(renderPlainText(textOnly, to('terminal'))).toEqual([
      { type: 'message', text: 'Hej!', textFormat: 'plain', locale: 'sv' },
    ]);
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
