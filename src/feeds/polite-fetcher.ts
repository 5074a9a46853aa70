/**
 * HTTP GET for feeds and article pages, as a well-behaved crawler does it: a clear User-Agent,
 * robots.txt obeyed (and its Crawl-delay), at most a few requests at once per site with a pause
 * between them, conditional requests, a timeout and a size limit per request, and redirects
 * followed by hand so that loops and long chains are caught and every hop is checked against
 * robots.txt. Failures come back as a reason an admin can read, never as an exception.
 */
import robotsParserModule from 'robots-parser';

export interface FetcherOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  /** Requests in flight at once to one site (origin). */
  hostConcurrency: number;
  /** Pause after each request to a site before its slot is used again (robots.txt Crawl-delay may lengthen it). */
  hostDelayMs: number;
  maxRedirects: number;
}

/** ETag / Last-Modified from the previous answer for this URL, sent back as If-None-Match / If-Modified-Since. */
export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchResult =
  | { kind: 'ok'; url: string; contentType: string; bytes: Buffer; etag: string | null; lastModified: string | null }
  | { kind: 'not-modified'; url: string }
  | { kind: 'failed'; reason: string };

/** What the fetcher did, for the end-of-run summary. */
export interface FetchCounts {
  requests: number;
  notModified: number;
  bytes: number;
}

/** The longest Crawl-delay honoured: a site asking for more is read at this pace, not skipped. */
const MAX_CRAWL_DELAY_MS = 60_000;
/** robots.txt files beyond this are cut (RFC 9309 asks crawlers to read at least 500 KiB). */
const ROBOTS_MAX_BYTES = 512 * 1024;
const REDIRECT = new Set([301, 302, 303, 307, 308]);

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}

// A CommonJS module whose function is module.exports; its typings declare it as an ES default export.
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => Robots;

/** One site's request slots: `slots` at once, each freed `delayMs` after its request ends. */
class SiteGate {
  #free: number;
  readonly #waiting: Array<() => void> = [];
  delayMs: number;

  constructor(slots: number, delayMs: number) {
    this.#free = slots;
    this.delayMs = delayMs;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const release = () => {
        const next = this.#waiting.shift();
        if (next) next();
        else this.#free++;
      };
      if (this.delayMs > 0) setTimeout(release, this.delayMs);
      else release();
    }
  }
}

export class PoliteFetcher {
  readonly counts: FetchCounts = { requests: 0, notModified: 0, bytes: 0 };
  readonly #options: FetcherOptions;
  readonly #gates = new Map<string, SiteGate>();
  readonly #robots = new Map<string, Promise<Robots | string>>();
  /** The product token robots.txt groups are matched against ("TinVungBot"). */
  readonly #agentToken: string;

  constructor(options: FetcherOptions) {
    this.#options = options;
    this.#agentToken = options.userAgent.split(/[\s/]/)[0] || options.userAgent;
  }

  /** GETs `url`, following redirects; `accept` is the Accept header. */
  async get(url: string, accept: string, validators: Validators = {}): Promise<FetchResult> {
    const seen = new Set<string>();
    let current = url;
    for (let hop = 0; ; hop++) {
      let parsed: URL;
      try {
        parsed = new URL(current);
      } catch {
        return { kind: 'failed', reason: `not a URL: ${current}` };
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { kind: 'failed', reason: `not an http(s) URL: ${current}` };
      parsed.hash = '';
      current = parsed.toString();
      if (seen.has(current)) return { kind: 'failed', reason: `redirect loop (${[...seen, current].join(' → ')})` };
      seen.add(current);
      const refusal = await this.#robotsRefusal(parsed);
      if (refusal) return { kind: 'failed', reason: refusal };
      const headers: Record<string, string> = { 'user-agent': this.#options.userAgent, accept, 'accept-language': 'vi,en;q=0.5' };
      if (validators.etag) headers['if-none-match'] = validators.etag;
      if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
      const answer = await this.#request(parsed, headers, this.#options.maxBytes);
      if (answer.kind === 'failed') return answer;
      const { response } = answer;
      if (REDIRECT.has(response.status)) {
        const location = response.headers.get('location');
        if (!location) return { kind: 'failed', reason: `HTTP ${response.status} redirect without a Location header` };
        if (hop >= this.#options.maxRedirects)
          return { kind: 'failed', reason: `too many redirects (more than ${this.#options.maxRedirects}, FEED_MAX_REDIRECTS)` };
        current = new URL(location, current).toString();
        continue;
      }
      if (response.status === 304) {
        this.counts.notModified++;
        return { kind: 'not-modified', url: current };
      }
      if (response.status < 200 || response.status >= 300)
        return { kind: 'failed', reason: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` };
      const bytes = answer.bytes!;
      return {
        kind: 'ok',
        url: current,
        contentType: response.headers.get('content-type') ?? '',
        bytes,
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      };
    }
  }

  /** One request through the site's gate; a 2xx body is read (up to `maxBytes`) before the slot is freed. */
  async #request(
    url: URL,
    headers: Record<string, string>,
    maxBytes: number,
  ): Promise<{ kind: 'ok'; response: Response; bytes?: Buffer } | { kind: 'failed'; reason: string }> {
    const gate = this.#gate(url);
    return gate.run(async () => {
      this.counts.requests++;
      const signal = AbortSignal.timeout(this.#options.timeoutMs);
      try {
        const response = await fetch(url, { headers, redirect: 'manual', signal });
        if (response.status < 200 || response.status >= 300) {
          await response.body?.cancel().catch(() => {});
          return { kind: 'ok', response };
        }
        const declared = Number(response.headers.get('content-length') ?? NaN);
        if (declared > maxBytes) {
          await response.body?.cancel().catch(() => {});
          return { kind: 'failed', reason: tooLarge(maxBytes) };
        }
        const parts: Buffer[] = [];
        let size = 0;
        if (response.body) {
          for await (const chunk of response.body) {
            size += chunk.byteLength;
            if (size > maxBytes) {
              await response.body.cancel().catch(() => {});
              return { kind: 'failed', reason: tooLarge(maxBytes) };
            }
            parts.push(Buffer.from(chunk));
          }
        }
        this.counts.bytes += size;
        return { kind: 'ok', response, bytes: Buffer.concat(parts) };
      } catch (error) {
        return { kind: 'failed', reason: networkReason(error, this.#options.timeoutMs) };
      }
    });
  }

  #gate(url: URL): SiteGate {
    let gate = this.#gates.get(url.origin);
    if (!gate) {
      gate = new SiteGate(this.#options.hostConcurrency, this.#options.hostDelayMs);
      this.#gates.set(url.origin, gate);
    }
    return gate;
  }

  /** Why robots.txt forbids reading `url` (or could not be read), or null when it may be read. */
  async #robotsRefusal(url: URL): Promise<string | null> {
    let robots = this.#robots.get(url.origin);
    if (!robots) {
      robots = this.#loadRobots(url.origin);
      this.#robots.set(url.origin, robots);
    }
    const rules = await robots;
    if (typeof rules === 'string') return rules;
    if (rules.isAllowed(url.toString(), this.#agentToken) === false)
      return `robots.txt of ${url.origin} disallows ${url.pathname} for ${this.#agentToken}`;
    return null;
  }

  /**
   * The site's robots.txt rules. Missing (4xx) means everything is allowed; a server error or no
   * answer means the site is not read this run (RFC 9309: assume complete disallow when unreachable).
   */
  async #loadRobots(origin: string): Promise<Robots | string> {
    const robotsUrl = `${origin}/robots.txt`;
    let current = new URL(robotsUrl);
    for (let hop = 0; hop <= this.#options.maxRedirects; hop++) {
      const answer = await this.#request(current, { 'user-agent': this.#options.userAgent, accept: 'text/plain' }, ROBOTS_MAX_BYTES);
      if (answer.kind === 'failed') {
        // A robots.txt over the limit is read no further; anything else unreadable stops the site.
        if (answer.reason.startsWith('larger than')) return robotsParser(robotsUrl, '');
        return `robots.txt of ${origin} could not be read (${answer.reason}); the site is not read this run`;
      }
      const { response } = answer;
      const location = response.headers.get('location');
      if (REDIRECT.has(response.status) && location) {
        current = new URL(location, current);
        continue;
      }
      if (response.status >= 200 && response.status < 300) {
        const rules = robotsParser(robotsUrl, answer.bytes!.toString('utf8'));
        const delay = rules.getCrawlDelay(this.#agentToken);
        if (delay !== undefined && delay > 0)
          this.#gate(new URL(origin)).delayMs = Math.max(this.#options.hostDelayMs, Math.min(delay * 1000, MAX_CRAWL_DELAY_MS));
        return rules;
      }
      if (response.status >= 400 && response.status < 500) return robotsParser(robotsUrl, '');
      return `robots.txt of ${origin} could not be read (HTTP ${response.status}); the site is not read this run`;
    }
    return robotsParser(robotsUrl, '');
  }
}

function tooLarge(maxBytes: number): string {
  return `larger than ${(maxBytes / 1024 / 1024).toFixed(1)} MiB (FEED_MAX_BYTES)`;
}

function networkReason(error: unknown, timeoutMs: number): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no complete answer within ${timeoutMs / 1000} s (FEED_TIMEOUT_MS)`;
  const code = e.cause?.code;
  return `cannot connect: ${code ?? e.cause?.message ?? e.message}`;
}
