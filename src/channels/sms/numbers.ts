import { createHmac } from 'node:crypto';
import type { Locale } from '../../nlu/types.js';
import type { Database } from '../../storage/database.js';
import { installSecret } from '../../storage/install-secret.js';

/** Hex characters of the HMAC kept as a number's key: 128 bits, no collisions among any school's guardians. */
const KEY_LENGTH = 32;

/**
 * Keys a phone number with this installation's secret: the SMS conversation id (`sms-<key>`) and the key of the
 * number's row in `sms_number`, so neither the conversation state, the database nor the logs hold the number.
 */
export class NumberKeys {
  private readonly secret: Buffer;

  constructor(db: Database) {
    this.secret = installSecret(db, 'sms');
  }

  /** The key of an E.164 number. */
  keyOf(number: string): string {
    return createHmac('sha256', this.secret).update(number).digest('hex').slice(0, KEY_LENGTH);
  }
}

/** The rest of a long reply, waiting for "MER"/"MORE", and the language it is in. */
export interface PendingRest {
  locale: Locale;
  text: string;
}

/** What is stored about one number. */
export interface NumberState {
  optedOut: boolean;
  /** The language of the opt-out confirmation, for a "START" that does not say which language it is in. */
  optOutLocale?: Locale;
  pending?: PendingRest;
}

interface Row {
  opted_out_at: string | null;
  pending_rest: string | null;
}

/**
 * Per-number SMS state in `sms_number` (migration 005): whether the number opted out (STOPP) and the rest of a long
 * reply. `pending_rest` holds JSON: `{"locale","text"}` while a rest waits, `{"locale"}` while opted out.
 */
export class SmsNumbers {
  private readonly select;
  private readonly upsert;

  constructor(
    db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.select = db.prepare<[string], Row>('SELECT opted_out_at, pending_rest FROM sms_number WHERE number_key = ?');
    this.upsert = db.prepare<[string, string | null, string | null, string]>(
      `INSERT INTO sms_number (number_key, opted_out_at, pending_rest, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (number_key) DO UPDATE SET
         opted_out_at = excluded.opted_out_at, pending_rest = excluded.pending_rest, updated_at = excluded.updated_at`,
    );
  }

  get(key: string): NumberState {
    const row = this.select.get(key);
    if (!row) return { optedOut: false };
    const stored = parsePending(row.pending_rest);
    if (row.opted_out_at !== null) return { optedOut: true, ...(stored ? { optOutLocale: stored.locale } : {}) };
    return stored?.text
      ? { optedOut: false, pending: { locale: stored.locale, text: stored.text } }
      : { optedOut: false };
  }

  /** STOPP: the number gets no more replies; a waiting rest is dropped. */
  optOut(key: string, locale: Locale): void {
    this.upsert.run(key, this.now().toISOString(), JSON.stringify({ locale }), this.now().toISOString());
  }

  /** START: replies again. */
  optIn(key: string): void {
    this.upsert.run(key, null, null, this.now().toISOString());
  }

  /** Keeps the rest of a long reply for "MER" (or drops it with undefined). */
  setPending(key: string, pending: PendingRest | undefined): void {
    this.upsert.run(key, null, pending ? JSON.stringify(pending) : null, this.now().toISOString());
  }
}

function parsePending(value: string | null): { locale: Locale; text?: string } | undefined {
  if (value === null) return undefined;
  try {
    const parsed = JSON.parse(value) as { locale?: unknown; text?: unknown };
    const locale = parsed.locale === 'en' ? 'en' : 'sv';
    return typeof parsed.text === 'string' ? { locale, text: parsed.text } : { locale };
  } catch {
    return undefined;
  }
}
