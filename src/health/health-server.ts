import fs from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QaService } from '../answer/qa-service-types.js';
import { log, type Log } from '../log.js';
import type { ConnectionReport, ConnectionStatus } from './connection-status.js';

/** Each running adapter's connection, by name (`telegram`, `discord`). */
export type AdapterReports = Record<string, ConnectionReport>;

/** The body of `GET /healthz`. */
export type HealthReport =
  | {
      status: 'ok';
      documents: number;
      chunks: number;
      lastIngestAt: string | null;
      newestDate: string | null;
      retrieval: string;
      answer: string;
      questionsAnswered: number;
      startedAt: string;
      /** What this process runs, and whether each adapter is connected to its chat API. */
      adapters: AdapterReports;
    }
  | { status: 'error'; error: string; adapters: AdapterReports };

/** A listening health server. */
export interface HealthServer {
  /** The port actually bound (useful when asked for port 0). */
  readonly port: number;
  close(): Promise<void>;
}

export interface HealthServerOptions {
  port: number;
  host: string;
  /** The running adapters' connections, reported as they are. */
  adapters?: ConnectionStatus[];
  /**
   * An adapter without a working connection for longer than this makes the check fail (503):
   * brief reconnections are normal, a bot silent for minutes is not. Default 60 s.
   */
  adapterGraceMs?: number;
  /** The index file the process opened (see {@link openedFile}): checked at every probe. */
  indexFile?: OpenedFile | null;
  /** Where failed checks and the listening address are logged; the global {@link log} when absent. */
  logger?: Log;
}

/** The identity of a file a process opened: its path, and the file (device and inode) found there. */
export interface OpenedFile {
  path: string;
  dev: number;
  ino: number;
}

/** The identity of the file now at `path`, or null when there is none. */
export function openedFile(path: string): OpenedFile | null {
  try {
    const s = fs.statSync(path);
    return { path, dev: s.dev, ino: s.ino };
  } catch {
    return null;
  }
}

/**
 * Why the file a process opened is no longer the one at its path, or null when it still is. The
 * process keeps reading the file it opened, so queries go on working after its folder was moved
 * away or replaced; only this check sees that a restart (or a re-ingest) would not serve it.
 */
export function indexFileProblem(opened: OpenedFile): string | null {
  const now = openedFile(opened.path);
  if (now === null)
    return `the index this process serves is no longer at ${opened.path} (its folder was moved or deleted); put it back, or re-ingest and restart`;
  if (now.dev !== opened.dev || now.ino !== opened.ino)
    return `the index at ${opened.path} was replaced since this process opened it; restart to serve the new one`;
  return null;
}

/** The default of {@link HealthServerOptions.adapterGraceMs}. */
export const DEFAULT_ADAPTER_GRACE_MS = 60_000;

/**
 * Checks that the index can be read right now (a query against it, not a cached flag) and holds
 * documents, and that no adapter has been without its chat API for longer than the grace period.
 * An unreadable or empty index is an error: the bot would answer nothing; so is a bot that
 * nobody can reach.
 */
export function healthReport(
  qa: Pick<QaService, 'stats'>,
  {
    adapters = [],
    adapterGraceMs = DEFAULT_ADAPTER_GRACE_MS,
    indexFile = null,
  }: Pick<HealthServerOptions, 'adapters' | 'adapterGraceMs' | 'indexFile'> = {},
): HealthReport {
  const reports: AdapterReports = Object.fromEntries(adapters.map((a) => [a.adapter, a.report()]));
  const moved = indexFile ? indexFileProblem(indexFile) : null;
  if (moved) return { status: 'error', error: moved, adapters: reports };
  try {
    const s = qa.stats();
    if (s.documents === 0) return { status: 'error', error: 'the index holds no documents; run: npm run ingest', adapters: reports };
    const lost = adapters.find((a) => a.outageMs() > adapterGraceMs);
    if (lost) {
      const seconds = Math.round(lost.outageMs() / 1000);
      return {
        status: 'error',
        error: `${lost.adapter} has had no working connection for ${seconds} s (${lost.state})`,
        adapters: reports,
      };
    }
    return {
      status: 'ok',
      documents: s.documents,
      chunks: s.chunks,
      lastIngestAt: s.lastIngestAt,
      newestDate: s.newestDate,
      retrieval: s.retrieval,
      answer: s.answer,
      questionsAnswered: s.questionsAnswered,
      startedAt: s.startedAt,
      adapters: reports,
    };
  } catch (error) {
    return { status: 'error', error: `index not readable: ${error instanceof Error ? error.message : String(error)}`, adapters: reports };
  }
}

/**
 * Serves `GET /healthz` for a process supervisor: 200 with the index's document count, last
 * ingest time and each adapter's connection when all is well, 503 with the reason otherwise.
 * Anything else is 404.
 */
export async function startHealthServer(qa: Pick<QaService, 'stats'>, options: HealthServerOptions): Promise<HealthServer> {
  const logger = options.logger ?? log;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/healthz') return send(res, 404, { error: 'not found; the health check is GET /healthz' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'use GET' });
    const report = healthReport(qa, options);
    if (report.status !== 'ok') logger.warn({ event: 'health-failed', error: report.error });
    send(res, report.status === 'ok' ? 200 : 503, report, req.method === 'HEAD');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      error.code === 'EADDRINUSE'
        ? `HEALTH_PORT ${options.port} is already in use on ${options.host}; choose another port.`
        : `Cannot start the health server on ${options.host}:${options.port}: ${error.message}`,
    );
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ event: 'health-listening', host: options.host, port });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown, headOnly = false): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
  });
  res.end(headOnly ? undefined : json);
}
