import type { Renderer } from './outgoing.js';
import { plainMessage, plainTextLayout } from './plain-text.js';
import type { Card, Choice, Reply } from './reply.js';
import { renderSms } from './sms.js';

// The message types live in outgoing.ts (so sms.ts need not import this file) and are still taken from here.
export type { Destination, OutgoingMessage, Renderer } from './outgoing.js';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** Adaptive Card schema version: 1.4 is shown by every Teams client (desktop, web, mobile) and by Web Chat. */
const CARD_VERSION = '1.4';

/** Teams shows at most three suggested actions; a prompt with more choices gets card buttons. */
const MAX_TEAMS_SUGGESTED_ACTIONS = 3;

/** Longest `summary` (the text a notification or a card-less client shows). */
const SUMMARY_LENGTH = 150;

/**
 * Text for a TextBlock or FactSet, which Adaptive Card hosts read as a subset of Markdown: `*x*`/`_x_` become
 * emphasis and `[x](y)` a link. Those patterns are escaped where they occur (a guardian's own words in a leave
 * reason, say); everything else is left as written, since a backslash before a lone `*` shows as a backslash on
 * some Teams clients. Line starts such as "- " and "1. " stay lists, as the writer meant them.
 */
export function cardText(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let safe = line.replace(/\\(?=[*_[\]`])/g, '\\\\');
      for (const marker of ['*', '_', '`']) {
        if (safe.split(marker).length > 2) safe = safe.replaceAll(marker, `\\${marker}`);
      }
      return safe.replace(/\[(?=[^\]]*\]\()/g, '\\[');
    })
    .join('\n');
}

function factSet(card: Card): unknown {
  return {
    type: 'FactSet',
    facts: card.facts.map((f) => ({ title: cardText(f.label), value: cardText(f.value) })),
  };
}

function adaptiveCard(body: unknown[], actions: unknown[], extra: Record<string, unknown> = {}): unknown {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    actions,
    ...extra,
  };
}

/** A card's title and facts (a summary or a receipt), as Adaptive Card elements; `spaced` below other text. */
function factsOf(card: Card, spaced = false): unknown[] {
  return [
    {
      type: 'TextBlock',
      text: cardText(card.title),
      weight: 'Bolder',
      wrap: true,
      ...(spaced ? { spacing: 'Medium' } : {}),
    },
    factSet(card),
  ];
}

const attachment = (content: unknown) => ({ contentType: ADAPTIVE_CARD, content });

const imBackActions = (choices: Choice[]) =>
  choices.map((c) => ({ type: 'imBack' as const, title: c.title, value: c.value }));

const inputHintOf = (reply: Reply) => (reply.choices?.length ? 'expectingInput' : 'acceptingInput');

/** Web chat and the Emulator: text, suggested actions for choices, an Adaptive Card (no buttons) for a summary. */
export const renderWebChat: Renderer = (reply, to) => [
  {
    type: 'message',
    text: reply.text,
    textFormat: 'plain',
    locale: to.locale,
    inputHint: inputHintOf(reply),
    ...(reply.choices?.length
      ? { suggestedActions: { to: to.userId ? [to.userId] : [], actions: imBackActions(reply.choices) } }
      : {}),
    ...(reply.card ? { attachments: [attachment(adaptiveCard(factsOf(reply.card), []))] } : {}),
  },
];

/** Each paragraph and line of a text as its own TextBlock: Teams does not break lines on a single "\n". */
function textBlocks(text: string): unknown[] {
  const blocks: unknown[] = [];
  text
    .split(/\n\s*\n/)
    .filter((paragraph) => paragraph.trim() !== '')
    .forEach((paragraph, p) => {
      paragraph.split('\n').forEach((line, l) => {
        const spacing = blocks.length === 0 ? {} : { spacing: l === 0 && p > 0 ? 'Medium' : 'None' };
        blocks.push({ type: 'TextBlock', text: cardText(line), wrap: true, ...spacing });
      });
    });
  return blocks;
}

/** The whole reply as one Teams card: the text, the facts, the choices as buttons that send their value back. */
function teamsCard(reply: Reply): unknown {
  const choices = reply.choices ?? [];
  const text = textBlocks(reply.text);
  const body = [...text, ...(reply.card ? factsOf(reply.card, text.length > 0) : [])];
  if (choices.length && reply.choicesIntro) {
    body.push({ type: 'TextBlock', text: cardText(reply.choicesIntro), wrap: true, isSubtle: true, spacing: 'Medium' });
  }
  const actions = choices.map((c) => ({
    type: 'Action.Submit',
    title: c.title,
    data: { msteams: { type: 'imBack', value: c.value } },
  }));
  return adaptiveCard(body, actions, { msteams: { width: 'Full' } });
}

/** The first paragraph of a text, shortened for a notification. */
function summaryOf(text: string): string {
  const first = text.split(/\n\s*\n/)[0]?.trim() ?? '';
  return first.length <= SUMMARY_LENGTH ? first : `${first.slice(0, SUMMARY_LENGTH - 1).trimEnd()}…`;
}

/**
 * Microsoft Teams. Answers from the knowledge base, summaries and receipts are one Adaptive Card each (the text, the
 * facts and the choices as buttons that come back as the guardian's message, so a card in a channel works for
 * whoever taps it). A dialog's prompt with a few choices uses suggested actions in a one-to-one chat, the only place
 * Teams shows them; elsewhere its choices become card buttons too. Plain messages stay plain text.
 */
export const renderTeams: Renderer = (reply, to) => {
  const choices = reply.choices ?? [];
  const suggested = to.personal !== false && choices.length <= MAX_TEAMS_SUGGESTED_ACTIONS;
  const asCard = Boolean(reply.card) || reply.kind === 'answer' || (choices.length > 0 && !suggested);
  if (!asCard) return renderWebChat(reply, to);
  return [
    {
      type: 'message',
      text: '',
      textFormat: 'plain',
      locale: to.locale,
      inputHint: inputHintOf(reply),
      summary: summaryOf(reply.text),
      attachments: [attachment(teamsCard(reply))],
    },
  ];
};

/**
 * The terminal: the plain-text layout SMS uses too (`plainTextLayout`: the card's facts as lines, numbered choices,
 * so answering with the number works), the text as written (a terminal shows markdown as typed, and is not tidied).
 */
export const renderPlainText: Renderer = (reply, to) => [plainMessage(plainTextLayout(reply), to)];

/** Renderers of channels that have their own; see `rendererFor`. */
export const RENDERERS: Record<string, Renderer> = { msteams: renderTeams, terminal: renderPlainText, sms: renderSms };

/** The renderer for a channel; web chat's for any channel without its own (webchat, directline, emulator). */
export function rendererFor(channelId: string): Renderer {
  return RENDERERS[channelId] ?? renderWebChat;
}
