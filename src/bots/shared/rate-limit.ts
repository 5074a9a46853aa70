/** The verdict on one request: allowed, or refused with the wait before the next allowed one. */
export type RateDecision =
  | { allowed: true }
  | {
      allowed: false;
      retryAfterMs: number;
      /** True for the first refusal in a window, so a bot can explain once instead of answering every excess message. */
      firstRefusal: boolean;
    };

/**
 * Per-user sliding-window limit: at most `limit` requests in any `windowMs`. A limit of 0 turns it
 * off. Memory stays bounded: users whose requests have all expired are forgotten.
 */
export class SlidingWindowLimiter {
  readonly #hits = new Map<string, { times: number[]; refused: boolean }>();
  #sinceSweep = 0;

  /**
   * @param now Clock in milliseconds; injectable so behaviour can be specified without waiting.
   */
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request by `key` if it is within the limit. */
  take(key: string): RateDecision {
    if (this.limit <= 0) return { allowed: true };
    const now = this.now();
    this.#maybeSweep(now);
    const entry = this.#hits.get(key) ?? { times: [], refused: false };
    entry.times = entry.times.filter((t) => now - t < this.windowMs);
    if (entry.times.length === 0) entry.refused = false;
    this.#hits.set(key, entry);
    if (entry.times.length < this.limit) {
      entry.times.push(now);
      entry.refused = false;
      return { allowed: true };
    }
    const firstRefusal = !entry.refused;
    entry.refused = true;
    return { allowed: false, retryAfterMs: Math.max(0, entry.times[0]! + this.windowMs - now), firstRefusal };
  }

  #maybeSweep(now: number): void {
    if (++this.#sinceSweep < 1000) return;
    this.#sinceSweep = 0;
    for (const [key, entry] of this.#hits) {
      if (entry.times.every((t) => now - t >= this.windowMs)) this.#hits.delete(key);
    }
  }
}
