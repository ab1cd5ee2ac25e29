/**
 * A channel-neutral reply: what the assistant says, the choices it offers and an optional card. Renderers turn it
 * into what each channel shows; nothing here knows about a channel.
 */
export interface Reply {
  text: string;
  /** Buttons or numbered options; choosing one sends `value` back as if the guardian had typed it. */
  choices?: Choice[];
  /** A heading to introduce the choices where a channel lists them as text ("You might also want to know:"). */
  choicesIntro?: string;
  /** A summary or receipt shown as a card where the channel has cards. */
  card?: Card;
  /**
   * What the reply is, where a channel shows kinds differently: `answer` for an answer from the knowledge base (with
   * its follow-ups); absent for a dialog's prompt or a short message. Teams shows answers as cards, and may show a
   * prompt's few choices as suggested actions.
   */
  kind?: ReplyKind;
}

export type ReplyKind = 'answer';

export interface Choice {
  title: string;
  value: string;
}

export interface Card {
  title: string;
  facts: { label: string; value: string }[];
}
