import type { Database } from './database.js';

export const DAY_MS = 86_400_000;

/** The instant `days` days before `now`: what is older has expired. */
export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** How long what the assistant keeps about guardians may stay, in days. */
export interface RetentionPolicy {
  /** Conversation state (language, open task, last replies), counted from the conversation's last write. */
  stateDays: number;
  /** Unanswered questions (redacted), counted from when they were asked. */
  unansweredDays: number;
}

/** What one purge deleted. */
export interface PurgeResult {
  conversations: number;
  unanswered: number;
}

/**
 * Deletes conversation state and unanswered questions older than the policy allows. The web chat's transcripts have
 * their own limit (src/channels/directline/store.ts) and an SMS number's opt-out is never deleted: it must hold.
 */
export function purgeExpired(db: Database, policy: RetentionPolicy, now: Date): PurgeResult {
  const before = (days: number) => daysBefore(now, days).toISOString();
  return db.transaction(() => ({
    conversations: db
      .prepare<[string]>('DELETE FROM conversation_state WHERE updated_at < ?')
      .run(before(policy.stateDays)).changes,
    unanswered: db.prepare<[string]>('DELETE FROM unanswered WHERE created_at < ?').run(before(policy.unansweredDays))
      .changes,
  }))();
}

/** How often a running assistant purges (also once at start). */
export const PURGE_INTERVAL_MS = 3_600_000;

/**
 * Purges now and then every `intervalMs` until stopped; the timer does not keep the process alive. A failed purge
 * is reported to `onError` and tried again at the next interval.
 */
export function schedulePurge(
  run: () => void,
  onError: (error: unknown) => void,
  intervalMs = PURGE_INTERVAL_MS,
): () => void {
  const safely = () => {
    try {
      run();
    } catch (error) {
      onError(error);
    }
  };
  safely();
  const timer = setInterval(safely, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
