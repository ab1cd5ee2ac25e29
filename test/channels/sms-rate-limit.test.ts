import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../src/channels/sms/rate-limit.js';

describe('SlidingWindowLimiter', () => {
  it('allows `limit` messages per window, notifies once, then is silent until the window has room', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(2, 1000, () => now);
    expect(limiter.hit('a')).toBe('allow');
    now = 100;
    expect(limiter.hit('a')).toBe('allow');
    expect(limiter.hit('a')).toBe('notify');
    expect(limiter.hit('a')).toBe('silent');
    expect(limiter.hit('b')).toBe('allow');
    now = 1000;
    expect(limiter.hit('a')).toBe('allow');
    expect(limiter.hit('a')).toBe('notify');
    now = 1100;
    expect(limiter.hit('a')).toBe('allow');
  });

  it('prunes numbers whose window is empty', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(5, 1000, () => now);
    for (let i = 0; i < 100; i++) limiter.hit(`number-${i}`);
    expect(limiter.size).toBe(100);
    now = 2000;
    limiter.hit('later');
    expect(limiter.size).toBe(1);
  });
});
