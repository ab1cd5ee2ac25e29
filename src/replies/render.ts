import type { Reply } from './reply.js';

/**
 * The shape of an outgoing message activity, declared here (structurally the Bot Framework's) so replies and
 * renderers stay free of botbuilder types.
 */
export interface OutgoingMessage {
  type: 'message';
  text: string;
  textFormat: 'plain' | 'markdown';
  locale: string;
  inputHint?: 'acceptingInput' | 'expectingInput';
  suggestedActions?: { to: string[]; actions: { type: 'imBack'; title: string; value: string }[] };
  attachments?: { contentType: string; content: unknown }[];
}

/** Where a reply is going: the channel and, for Teams, whether it is a one-to-one chat. */
export interface Destination {
  channelId: string;
  locale: string;
  /** The user's id, for suggested actions addressed to them. */
  userId?: string;
  personal?: boolean;
}

export type Renderer = (reply: Reply, to: Destination) => OutgoingMessage[];

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

function cardOf(reply: Reply, buttons: boolean): unknown {
  const body: unknown[] = [];
  if (reply.card) {
    body.push({ type: 'TextBlock', text: reply.card.title, weight: 'Bolder', wrap: true });
    body.push({ type: 'FactSet', facts: reply.card.facts.map((f) => ({ title: f.label, value: f.value })) });
  }
  if (buttons && reply.choices?.length) {
    if (reply.choicesIntro) body.push({ type: 'TextBlock', text: reply.choicesIntro, wrap: true, isSubtle: true });
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body,
    actions: buttons
      ? (reply.choices ?? []).map((c) => ({
          type: 'Action.Submit',
          title: c.title,
          data: { msteams: { type: 'imBack', value: c.value } },
        }))
      : [],
  };
}

/** Web chat and the Emulator: text, suggested actions for choices, Adaptive Cards for summaries. */
export const renderWebChat: Renderer = (reply, to) => [
  {
    type: 'message',
    text: reply.text,
    textFormat: 'plain',
    locale: to.locale,
    inputHint: reply.choices?.length ? 'expectingInput' : 'acceptingInput',
    ...(reply.choices?.length
      ? {
          suggestedActions: {
            to: to.userId ? [to.userId] : [],
            actions: reply.choices.map((c) => ({ type: 'imBack' as const, title: c.title, value: c.value })),
          },
        }
      : {}),
    ...(reply.card ? { attachments: [{ contentType: ADAPTIVE_CARD, content: cardOf(reply, false) }] } : {}),
  },
];

/**
 * Microsoft Teams: suggested actions exist only in one-to-one chats; elsewhere choices become buttons on an
 * Adaptive Card that sends the choice back as the user's message.
 */
export const renderTeams: Renderer = (reply, to) => {
  if (to.personal !== false && !reply.card) return renderWebChat(reply, to);
  const needsCard = Boolean(reply.card) || Boolean(reply.choices?.length);
  return [
    {
      type: 'message',
      text: reply.text,
      textFormat: 'plain',
      locale: to.locale,
      ...(needsCard ? { attachments: [{ contentType: ADAPTIVE_CARD, content: cardOf(reply, true) }] } : {}),
    },
  ];
};

/** Plain text with numbered choices (the terminal; SMS builds on it): answering with the number works. */
export const renderPlainText: Renderer = (reply, to) => {
  const lines = [reply.text];
  if (reply.card) lines.push('', reply.card.title, ...reply.card.facts.map((f) => `${f.label}: ${f.value}`));
  if (reply.choices?.length) {
    lines.push('');
    if (reply.choicesIntro) lines.push(reply.choicesIntro);
    reply.choices.forEach((c, i) => lines.push(`${i + 1}. ${c.title}`));
  }
  return [{ type: 'message', text: lines.join('\n'), textFormat: 'plain', locale: to.locale }];
};

const RENDERERS: Record<string, Renderer> = { msteams: renderTeams, terminal: renderPlainText };

/** The renderer for a channel; web chat's for any channel without its own (webchat, directline, emulator). */
export function rendererFor(channelId: string): Renderer {
  return RENDERERS[channelId] ?? renderWebChat;
}
