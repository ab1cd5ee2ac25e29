import type { Activity } from './protocol.js';
import type { Database } from '../../storage/database.js';

/** An activity as the client receives it: always with an id (`<conversation>|<seq>`) and a timestamp. */
export type WireActivity = Omit<Partial<Activity>, 'id' | 'timestamp'> & { id: string; timestamp: string };

/** One transcript entry: its sequence number is the watermark after it. */
export interface TranscriptEntry {
  seq: number;
  activity: WireActivity;
}

/** A conversation of the endpoint and whose it is. */
export interface ConversationRecord {
  id: string;
  userId: string;
  updatedAt: string;
}

/** How much is kept. */
export interface RetentionLimits {
  /** Activities kept per conversation (the newest). */
  keepActivities: number;
  /** Conversations not written to for this long are deleted (milliseconds). */
  maxIdleMs: number;
}

export const DEFAULT_RETENTION: RetentionLimits = { keepActivities: 500, maxIdleMs: 7 * 24 * 60 * 60 * 1000 };

/** The id of the `seq`-th activity of a conversation, as Direct Line forms them. */
export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/**
 * The endpoint's conversations and transcripts in SQLite (tables of migration 004), so a conversation can be
 * resumed after a page reload or a restart. Appending is one transaction: the sequence numbers (watermarks) of a
 * conversation only grow, and timestamps too, so Web Chat orders the transcript as it was written.
 */
export class TranscriptStore {
  constructor(
    private readonly db: Database,
    private readonly limits: RetentionLimits = DEFAULT_RETENTION,
  ) {}

  create(id: string, userId: string, now: Date): void {
    const at = now.toISOString();
    this.db
      .prepare('INSERT INTO directline_conversation (id, user_id, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(id, userId, at, at);
  }

  find(id: string): ConversationRecord | undefined {
    const row = this.db
      .prepare<[string], { id: string; user_id: string; updated_at: string }>(
        'SELECT id, user_id, updated_at FROM directline_conversation WHERE id = ?',
      )
      .get(id);
    return row && { id: row.id, userId: row.user_id, updatedAt: row.updated_at };
  }

  /**
   * Appends activities (given without id and timestamp) and returns them as stored. Timestamps are at least one
   * millisecond apart and after the conversation's last one, whatever the clock does.
   */
  append(conversationId: string, activities: readonly Partial<Activity>[], now: Date): TranscriptEntry[] {
    if (activities.length === 0) return [];
    const run = this.db.transaction((): TranscriptEntry[] => {
      const last = this.db
        .prepare<[string], { seq: number; activity: string }>(
          'SELECT seq, activity FROM directline_activity WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1',
        )
        .get(conversationId);
      let seq = last?.seq ?? 0;
      let time = now.getTime();
      if (last) time = Math.max(time, Date.parse(parseActivity(last.activity).timestamp) + 1);
      const insert = this.db.prepare<[string, number, string]>(
        'INSERT INTO directline_activity (conversation_id, seq, activity) VALUES (?, ?, ?)',
      );
      const entries: TranscriptEntry[] = [];
      for (const activity of activities) {
        seq += 1;
        const stored: WireActivity = {
          ...activity,
          id: activityId(conversationId, seq),
          timestamp: new Date(time).toISOString(),
        };
        time += 1;
        insert.run(conversationId, seq, JSON.stringify(stored));
        entries.push({ seq, activity: stored });
      }
      this.db
        .prepare('DELETE FROM directline_activity WHERE conversation_id = ? AND seq <= ?')
        .run(conversationId, seq - this.limits.keepActivities);
      this.db
        .prepare('UPDATE directline_conversation SET updated_at = ? WHERE id = ?')
        .run(now.toISOString(), conversationId);
      return entries;
    });
    return run.immediate();
  }

  /** The activities after `watermark` (0: all that are kept), oldest first. */
  after(conversationId: string, watermark: number): TranscriptEntry[] {
    return this.db
      .prepare<[string, number], { seq: number; activity: string }>(
        'SELECT seq, activity FROM directline_activity WHERE conversation_id = ? AND seq > ? ORDER BY seq',
      )
      .all(conversationId, watermark)
      .map((row) => ({ seq: row.seq, activity: parseActivity(row.activity) }));
  }

  /** Deletes conversations (and their transcripts) not written to for longer than the limit; returns how many. */
  deleteIdle(now: Date): number {
    const before = new Date(now.getTime() - this.limits.maxIdleMs).toISOString();
    return this.db.prepare('DELETE FROM directline_conversation WHERE updated_at < ?').run(before).changes;
  }
}

function parseActivity(json: string): WireActivity {
  return JSON.parse(json) as WireActivity;
}
