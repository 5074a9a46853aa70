import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../../src/bots/shared/rate-limit.js';

describe('per-user rate limit', () => {
  it('allows `limit` questions per window per user, then refuses with the wait', () => {
    let now = 1_000_000;
    const limiter = new SlidingWindowLimiter(2, 60_000, () => now);
    expect(limiter.take('alice').allowed).toBe(true);
    now += 10_000;
    expect(limiter.take('alice').allowed).toBe(true);
    const refused = limiter.take('alice');
    expect(refused).toEqual({ allowed: false, retryAfterMs: 50_000, firstRefusal: true });
    expect(limiter.take('bob').allowed).toBe(true);
  });

  it('explains only the first refusal of a burst, and forgives once the window slides', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(1, 60_000, () => now);
    limiter.take('alice');
    expect(limiter.take('alice')).toMatchObject({ allowed: false, firstRefusal: true });
    expect(limiter.take('alice')).toMatchObject({ allowed: false, firstRefusal: false });
    now = 60_000;
    expect(limiter.take('alice').allowed).toBe(true);
    expect(limiter.take('alice')).toMatchObject({ allowed: false, firstRefusal: true });
  });

  it('is off when the limit is 0', () => {
    const limiter = new SlidingWindowLimiter(0, 60_000, () => 0);
    for (let i = 0; i < 100; i++) expect(limiter.take('alice').allowed).toBe(true);
  });
});
