import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { isSupportedFile } from './load-file.js';
import type { IngestSummary } from './types.js';

/** What one triggered ingestion produced: its summary, or the error that stopped it. */
export type WatchRunResult = { ok: true; summary: IngestSummary; changed: string[] } | { ok: false; error: unknown; changed: string[] };

export interface WatchCorpusOptions {
  /** Files or folders to watch (the same inputs ingestion reads). */
  inputs: string[];
  /** Quiet time after the last change before ingesting, so a folder being copied is ingested once. */
  debounceMs: number;
  /** Runs one ingestion of the inputs. */
  ingestOnce: () => Promise<IngestSummary>;
  /** Called after every triggered run. */
  onRun: (result: WatchRunResult) => void;
  /** True when a failed run should be retried after the debounce (another ingestion holding the index). */
  shouldRetry?: (error: unknown) => boolean;
}

/** A running corpus watcher. */
export interface CorpusWatcher {
  /** Resolves once the initial scan of the folders is done and changes are being noticed. */
  readonly ready: Promise<void>;
  /** Stops watching; waits for a running ingestion to end (to stop at once, cancel it first: `ingest --watch` does). */
  close(): Promise<void>;
}

/**
 * Watches corpus folders and re-runs ingestion when briefing files are added, changed or removed,
 * debounced: a burst of changes (an admin copying a folder in) gives one run after `debounceMs` of
 * quiet. Changes that land while a run is in progress trigger one more run after it. Only files
 * ingestion would read count (editor swap files and hidden files are ignored). A failed run is
 * reported and watching goes on.
 */
export function watchCorpus(options: WatchCorpusOptions): CorpusWatcher {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let closed = false;
  const pending = new Set<string>();

  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, options.debounceMs);
  };

  const fire = () => {
    timer = null;
    if (closed || pending.size === 0) return;
    // A run in progress picks up nothing new: run again once it ends.
    if (running) return;
    const changed = [...pending].sort();
    pending.clear();
    running = options
      .ingestOnce()
      .then(
        (summary) => options.onRun({ ok: true, summary, changed }),
        (error: unknown) => {
          options.onRun({ ok: false, error, changed });
          if (options.shouldRetry?.(error)) for (const file of changed) pending.add(file);
        },
      )
      .finally(() => {
        running = null;
        if (pending.size > 0) schedule();
      });
  };

  const noticed = (file: string) => {
    pending.add(file);
    schedule();
  };
  const noticedFile = (file: string) => {
    if (isSupportedFile(file)) noticed(file);
  };

  const watcher: FSWatcher = watch(options.inputs, {
    ignoreInitial: true,
    // Hidden files and folders are never ingested (see scanFiles), so their churn must not trigger runs.
    ignored: (file, stats) => path.basename(file).startsWith('.') || (stats?.isFile() === true && !isSupportedFile(file)),
    // A large file being copied in fires many change events; wait until its size settles.
    awaitWriteFinish: { stabilityThreshold: Math.min(options.debounceMs, 500), pollInterval: 50 },
  });
  watcher.on('add', noticedFile).on('change', noticedFile).on('unlink', noticedFile).on('unlinkDir', noticed);
  const ready = new Promise<void>((resolve, reject) => {
    watcher.once('ready', resolve);
    watcher.once('error', reject);
  });

  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
