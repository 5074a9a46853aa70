/** How long to wait between attempts of a retried request. */
export interface BackoffPolicy {
  /** Delay scale of the first retry, in ms; doubles on every attempt. */
  baseMs: number;
  /** No computed delay exceeds this. */
  maxMs: number;
  /** A server asking (via Retry-After) to wait longer than this is not retried: failing fast beats a silent bot. */
  maxRetryAfterMs: number;
}

/** 0.5 s, 1 s, 2 s… (jittered) up to 8 s; a Retry-After above 20 s is not waited for. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 8_000, maxRetryAfterMs: 20_000 };

/**
 * Parses a Retry-After header (delta-seconds or an HTTP date) into milliseconds from `now`.
 * Returns null when absent or unreadable.
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/**
 * Delay before retry number `attempt` (0 for the first retry): the server's Retry-After when it gives
 * one, else exponential backoff with full jitter so that many clients do not retry in lock-step.
 * Returns null when the server asks for a wait longer than the policy accepts.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterHeader: string | null,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number | null {
  const asked = parseRetryAfter(retryAfterHeader);
  if (asked !== null) return asked > policy.maxRetryAfterMs ? null : asked;
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}
