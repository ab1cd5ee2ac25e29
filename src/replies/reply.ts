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
}

export interface Choice {
  title: string;
  value: string;
}

export interface Card {
  title: string;
  facts: { label: string; value: string }[];
}
