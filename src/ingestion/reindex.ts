import { ExpectedError } from '../errors.js';
import { runIngestProcess } from './ingest-process.js';
import type { IngestProgress, IngestSummary } from './types.js';

/** What a chat adapter's /reindex sees: one run at a time, refused with {@link ReindexBusyError} while one runs. */
export interface ReindexRunner {
  /**
   * Re-ingests the corpus into the served index in a child process while the current index keeps
   * answering. Resolves with the summary once the new index is committed; whoever serves the index
   * (QaService follows each committed generation) answers from it from the next question on.
   */
  reindex(onProgress?: IngestProgress): Promise<IngestSummary>;
  /** Stops a running re-ingest and waits for it to be gone; later runs are refused. */
  stop(): Promise<void>;
}

/** Refusal of a second /reindex while one runs; its message is the one the bots show in Vietnamese. */
export class ReindexBusyError extends ExpectedError {
  override name = 'ReindexBusyError';
  constructor() {
    super('Đang cập nhật chỉ mục, vui lòng đợi lần cập nhật hiện tại hoàn tất.');
  }
}

export interface ReindexerOptions {
  /** The corpus re-ingested (CORPUS_DIR); files gone from it are pruned from the index. */
  corpusDir: string;
  /** The index folder being served. */
  indexDir: string;
  /**
   * Aborted when the program stops: a running child is stopped at once (ingestion is one
   * transaction: nothing is lost, the next run does the work), so a stop never waits for it.
   */
  signal?: AbortSignal;
}

/**
 * Runs /reindex for a serving program: at most one ingestion child at a time, stopped when the
 * program stops. It only writes the index; the serving side picks the new generation up by itself.
 */
export class Reindexer implements ReindexRunner {
  #running: Promise<IngestSummary> | null = null;
  /** Stops a running child: at {@link stop}, or when the program's signal aborts. */
  readonly #abort = new AbortController();

  constructor(private readonly options: ReindexerOptions) {
    options.signal?.addEventListener('abort', () => this.#abort.abort(), { once: true });
  }

  reindex(onProgress?: IngestProgress): Promise<IngestSummary> {
    if (this.#running) return Promise.reject(new ReindexBusyError());
    const run = { inputs: [this.options.corpusDir], indexDir: this.options.indexDir, prune: true, signal: this.#abort.signal };
    this.#running = runIngestProcess(run, onProgress).finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** Kills a running child and waits for it to be gone; later runs reject (the program is stopping). */
  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#running?.catch(() => {});
  }
}
