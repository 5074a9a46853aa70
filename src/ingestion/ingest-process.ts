import { fork } from 'node:child_process';
import { siblingModule } from '../util/sibling-module.js';
import { IndexBusyError, releaseDeadHoldersLock } from '../store/index-lock.js';
import type { IngestProgress, IngestSummary } from './types.js';

/** What the ingestion child is asked to do. */
export interface IngestChildRequest {
  inputs: string[];
  indexDir: string;
  prune: boolean;
  /** Read the feeds file (alone, when `inputs` is empty): the background schedule of `npm start`. */
  feeds?: boolean;
  /**
   * The inputs as `npm run ingest` was given them (paths and URLs) and its `--feeds`: the child reads
   * the feeds and article URLs among them as that command does (its `--watch` runs here).
   */
  commandLine?: { positionals: string[]; feedsOnly: boolean };
}

/** Messages the ingestion child sends its parent. */
export type IngestIpcMessage =
  | { type: 'progress'; event: Parameters<IngestProgress>[0] }
  | { type: 'done'; summary: IngestSummary }
  | { type: 'error'; message: string; name?: string };

/** How the child's standard error is handled: kept for the error message only, or also copied to a stream. */
export interface IngestProcessOptions {
  /** Where the child's standard error (notices, warnings) is copied as it comes; by default only its end is kept, for errors. */
  stderr?: NodeJS.WritableStream;
}

// The child is an app entry point (it builds the feeds' source, which ingestion does not know), started
// by its path, not imported: ingestion still imports nothing above it.
const CHILD = siblingModule(import.meta.url, '../app/ingest-child');

/**
 * Runs ingestion in a child process (`app/ingest-child`, from the build or, through tsx, from sources),
 * so a serving bot's event loop stays free to answer (SQLite writes are synchronous) and a crash in
 * ingestion cannot take the bot down. Resolves with the summary once the new index is committed.
 * Aborting `signal` stops the child at once: ingestion is one transaction, so the previous index
 * stays as it was and the next run does the work.
 */
export function runIngestProcess(
  options: IngestChildRequest & { signal?: AbortSignal },
  onProgress?: IngestProgress,
  processOptions: IngestProcessOptions = {},
): Promise<IngestSummary> {
  const { signal, ...request } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('ingestion cancelled: the program is stopping'));
    const execArgv = CHILD.fromSources ? ['--import', import.meta.resolve('tsx')] : [];
    const started = performance.now();
    const child = fork(CHILD.path, [JSON.stringify(request)], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let settled = false;
    let stderr = '';
    const onAbort = () => child.kill('SIGTERM');
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      then();
    };
    child.stderr?.on('data', (d: Buffer) => {
      processOptions.stderr?.write(d);
      stderr = (stderr + d.toString()).slice(-2000);
    });
    child.on('message', (message: IngestIpcMessage) => {
      if (message.type === 'progress') onProgress?.(message.event);
      // The admin waited for the child's start-up and the embedder's loading too, not only the run.
      else if (message.type === 'done') settle(() => resolve({ ...message.summary, seconds: (performance.now() - started) / 1000 }));
      else settle(() => reject(childError(message)));
    });
    child.on('error', (error) => settle(() => reject(error)));
    child.on('exit', (code) => {
      if (signal?.aborted) {
        // Killed mid-run, the child left its lock behind (the next run would take it over anyway).
        if (child.pid !== undefined) releaseDeadHoldersLock(request.indexDir, child.pid);
        return settle(() => reject(new Error('ingestion cancelled: the program is stopping')));
      }
      settle(() => reject(new Error(`ingestion stopped (exit code ${code}): ${stderr.trim().split('\n').pop() ?? ''}`)));
    });
  });
}

/** The child's error as the caller can test it: an index held by another run is an {@link IndexBusyError} here too. */
function childError(message: { message: string; name?: string }): Error {
  if (message.name === 'IndexBusyError') return new IndexBusyError(message.message);
  const error = new Error(message.message);
  // Expected errors (a configuration error, a full disk) keep their name, so they are reported as such.
  if (message.name) error.name = message.name;
  return error;
}
