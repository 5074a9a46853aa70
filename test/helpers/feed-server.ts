import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** The fixture feeds and article pages (test/fixtures/feeds/). */
export const FEED_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/feeds');

/** How the server answers one path. */
export interface Route {
  body?: string | Buffer;
  status?: number;
  contentType?: string;
  /** Sent as ETag; a request with a matching If-None-Match gets 304. */
  etag?: string;
  /** Sent as Last-Modified; a request with the same If-Modified-Since gets 304. */
  lastModified?: string;
  /** Extra response headers (a redirect's Location). */
  headers?: Record<string, string>;
  /** Never answers (for timeouts). */
  hang?: boolean;
  /** Answers after this many milliseconds (so that requests can overlap). */
  delayMs?: number;
}

export interface LoggedRequest {
  path: string;
  status: number;
  userAgent: string;
  conditional: boolean;
}

/**
 * A news site on 127.0.0.1 (random port) serving fixture feeds and pages from a route table the
 * test changes as it goes, and logging every request (path, status, whether it was conditional).
 */
export class FeedServer {
  readonly routes = new Map<string, Route>();
  readonly log: LoggedRequest[] = [];
  /** Requests being answered right now, and the most there ever were at once. */
  inFlight = 0;
  maxInFlight = 0;
  #server: http.Server | null = null;
  #hanging = new Set<http.ServerResponse>();
  base = '';

  async start(): Promise<this> {
    this.#server = http.createServer((req, res) => this.#answer(req, res));
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** Absolute URL of a path on this server. */
  url(p: string): string {
    return `${this.base}${p}`;
  }

  /** Serves a fixture file (relative to test/fixtures/feeds) at `p`. */
  serveFixture(p: string, file: string, route: Omit<Route, 'body'> = {}): void {
    const contentType =
      route.contentType ??
      (file.endsWith('.rss')
        ? 'application/rss+xml; charset=utf-8'
        : file.endsWith('.atom')
          ? 'application/atom+xml; charset=utf-8'
          : file.endsWith('.html')
            ? 'text/html; charset=utf-8'
            : 'text/plain; charset=utf-8');
    this.routes.set(p, { ...route, contentType, body: fs.readFileSync(path.join(FEED_FIXTURES, file)) });
  }

  /** Requests logged since `from` (an index into the log) for which `pick` holds. */
  requestsSince(from: number, pick: (r: LoggedRequest) => boolean = () => true): LoggedRequest[] {
    return this.log.slice(from).filter(pick);
  }

  #answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const p = (req.url ?? '/').split('?')[0]!;
    const route = this.routes.get(p);
    const conditional = req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
    const entry: LoggedRequest = { path: p, status: 0, userAgent: String(req.headers['user-agent'] ?? ''), conditional };
    this.log.push(entry);
    if (!route) {
      entry.status = 404;
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>404 Không tìm thấy trang</h1>');
      return;
    }
    if (route.hang) {
      this.#hanging.add(res);
      return;
    }
    const headers: Record<string, string> = { ...(route.headers ?? {}) };
    if (route.contentType) headers['content-type'] = route.contentType;
    if (route.etag) headers.etag = route.etag;
    if (route.lastModified) headers['last-modified'] = route.lastModified;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const notModified =
      (route.etag !== undefined && req.headers['if-none-match'] === route.etag) ||
      (route.lastModified !== undefined && req.headers['if-modified-since'] === route.lastModified);
    entry.status = notModified ? 304 : (route.status ?? 200);
    setTimeout(() => {
      this.inFlight--;
      res.writeHead(entry.status, headers);
      res.end(notModified ? undefined : route.body);
    }, route.delayMs ?? 0);
  }

  async close(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }
}
