import type { Locale } from '../nlu/types.js';
import type { Database } from '../storage/database.js';
import { redact } from './redact.js';

/** Why a question ended up unanswered: the NLU abstained, the guardian rejected a suggestion, or asked for a human. */
export type UnansweredReason = 'abstained' | 'rejected_suggestion' | 'handoff';

/** Input to `UnansweredStore.record`; `at` defaults to now. */
export interface UnansweredInput {
  text: string;
  locale: Locale;
  channel: string;
  reason: UnansweredReason;
  at?: Date;
}

/** A stored unanswered question (text already redacted). `createdAt` is an ISO-8601 UTC timestamp. */
export interface UnansweredEntry {
  id: number;
  createdAt: string;
  locale: Locale;
  channel: string;
  reason: UnansweredReason;
  text: string;
}

/** A cluster of similar unanswered questions: tells editors which missing FAQ answers matter most. */
export interface UnansweredGroup {
  example: string;
  count: number;
  locales: string[];
  channels: string[];
  lastAt: string;
  texts: string[];
}

/** Normalises and stems a question into tokens (the NLU's function is passed in to keep triage independent). */
export type Tokeniser = (text: string, locale: Locale) => string[];

interface Row {
  id: number;
  created_at: string;
  locale: string;
  channel: string;
  reason: string;
  text: string;
}

function toEntry(row: Row): UnansweredEntry {
  return {
    id: row.id,
    createdAt: row.created_at,
    locale: row.locale as Locale,
    channel: row.channel,
    reason: row.reason as UnansweredReason,
    text: row.text,
  };
}

/** Jaccard similarity of two token sets (0 when either is empty; the caller handles empty-vs-empty). */
function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Cluster {
  seed: ReadonlySet<string>;
  seedText: string;
  entries: UnansweredEntry[];
}

/**
 * Log of questions the assistant could not answer, used to find gaps in the FAQ. The store itself redacts
 * every text before it is written, so no caller can accidentally persist personal data.
 */
export class UnansweredStore {
  readonly #insert;
  readonly #select;

  constructor(db: Database) {
    this.#select = db.prepare<[string, number], Row>(
      `SELECT id, created_at, locale, channel, reason, text FROM unanswered
       WHERE created_at >= ? ORDER BY created_at DESC, id DESC LIMIT ?`,
    );
    this.#insert = db.prepare<[string, string, string, string, string]>(
      'INSERT INTO unanswered (created_at, locale, channel, reason, text) VALUES (?, ?, ?, ?, ?)',
    );
  }

  /** Stores a redacted copy of the question and returns its id. */
  record(input: UnansweredInput): number {
    const at = (input.at ?? new Date()).toISOString();
    const result = this.#insert.run(at, input.locale, input.channel, input.reason, redact(input.text));
    return Number(result.lastInsertRowid);
  }

  /** Stored questions, newest first; `since` is inclusive, `limit` defaults to 100. */
  list(options: { limit?: number; since?: Date } = {}): UnansweredEntry[] {
    const limit = options.limit ?? 100;
    const since = options.since?.toISOString() ?? '';
    return this.#select.all(since, limit).map(toEntry);
  }

  /**
   * Groups similar questions (greedy clustering, newest first, on Jaccard similarity of `tokensOf` token sets
   * against each group's first member), most frequent group first, ties broken by most recent.
   */
  grouped(tokensOf: Tokeniser, options: { minSimilarity?: number; since?: Date } = {}): UnansweredGroup[] {
    const minSimilarity = options.minSimilarity ?? 0.5;
    const entries = this.list({ limit: -1, ...(options.since ? { since: options.since } : {}) });
    const clusters: Cluster[] = [];
    for (const entry of entries) {
      const tokens = new Set(tokensOf(entry.text, entry.locale));
      const normalised = entry.text.trim().toLowerCase();
      let best: Cluster | undefined;
      let bestScore = -1;
      for (const cluster of clusters) {
        const score =
          tokens.size === 0 && cluster.seed.size === 0
            ? Number(cluster.seedText === normalised)
            : jaccard(tokens, cluster.seed);
        if (score >= minSimilarity && score > bestScore) {
          best = cluster;
          bestScore = score;
        }
      }
      if (best) best.entries.push(entry);
      else clusters.push({ seed: tokens, seedText: normalised, entries: [entry] });
    }
    return clusters
      .map((cluster): UnansweredGroup => {
        const first = cluster.entries[0];
        return {
          example: first?.text ?? '',
          count: cluster.entries.length,
          locales: [...new Set(cluster.entries.map((e) => e.locale))].sort(),
          channels: [...new Set(cluster.entries.map((e) => e.channel))].sort(),
          lastAt: first?.createdAt ?? '',
          texts: cluster.entries.map((e) => e.text),
        };
      })
      .sort((a, b) => b.count - a.count || (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0));
  }
}
