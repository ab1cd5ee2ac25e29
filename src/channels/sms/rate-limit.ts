/** What the limiter says about one more message from a number. */
export type RateDecision = 'allow' | 'notify' | 'silent';

interface Window {
  /** Times (ms) of the messages let through within the window, oldest first. */
  times: number[];
  /** True once the over-limit notice went out, until a message is let through again. */
  notified: boolean;
}

/**
 * A sliding-window limit per key (a number's key, never the number): at most `limit` messages within `windowMs`.
 * The first message over the limit gets `notify` (one polite notice), later ones `silent`, until the oldest message
 * leaves the window. Refused messages are not counted, so a number is answered again as soon as its window has
 * room. Kept in memory; keys whose window is empty are pruned at most once a window.
 */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, Window>();
  private lastPrune: number;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastPrune = now();
  }

  /** Counts a message from `key` if it is allowed, and says what to do with it. */
  hit(key: string): RateDecision {
    const now = this.now();
    this.prune(now);
    const window = this.windows.get(key) ?? { times: [], notified: false };
    dropOlderThan(window.times, now - this.windowMs);
    this.windows.set(key, window);
    if (window.times.length < this.limit) {
      window.times.push(now);
      window.notified = false;
      return 'allow';
    }
    if (window.notified) return 'silent';
    window.notified = true;
    return 'notify';
  }

  /** How many keys are held (for tests of the pruning). */
  get size(): number {
    return this.windows.size;
  }

  private prune(now: number): void {
    if (now - this.lastPrune < this.windowMs) return;
    this.lastPrune = now;
    for (const [key, window] of this.windows) {
      dropOlderThan(window.times, now - this.windowMs);
      if (window.times.length === 0) this.windows.delete(key);
    }
  }
}

/** Removes the times at or before `cutoff` from the front of an ascending list. */
function dropOlderThan(times: number[], cutoff: number): void {
  let drop = 0;
  while (drop < times.length && (times[drop] ?? 0) <= cutoff) drop++;
  if (drop > 0) times.splice(0, drop);
}
