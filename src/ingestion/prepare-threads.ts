import type { Worker } from 'node:worker_threads';
import { errorForLog, log, type Log } from '../log.js';
import { startModuleWorker } from '../util/module-worker.js';
import { prepareDocument, type PreparedDocument } from './prepare-document.js';
import type { SourceDocument } from './types.js';

/** A batch for the preparation thread, and its reply: one result per document, in order. */
export type PrepareRequest = SourceDocument[];
export type PrepareReply = Array<{ ok: true; prepared: PreparedDocument } | { ok: false; message: string }>;

/**
 * Documents a run prepares on the main thread before it starts a preparation thread: a small
 * re-ingest is over before a thread (with its own copy of the modules) would have started.
 */
const INLINE_DOCUMENTS = 200;
/** Documents per message to the thread: one message per document cost more than the copying. */
const BATCH = 16;
/**
 * Documents read ahead of the one being written, at most. FTS5 stops the main thread for a second
 * or more when it flushes and merges; 48 left the thread idle then, 256 keeps it preparing through
 * (one-file news ingest 78–84 s → 74–78 s on a slow day, peak RSS still under 600 MiB).
 */
const WINDOW = 256;

interface Pending {
  raw: SourceDocument;
  resolve: (prepared: PreparedDocument) => void;
  reject: (error: Error) => void;
}

/**
 * Prepares documents for ingestion (see {@link prepareDocument}) on a worker thread, in the order
 * they were given, so the main thread meanwhile writes earlier ones to the index: on a big corpus
 * ingestion then takes about as long as its SQLite writes rather than as long as both. One thread:
 * the writes on the main thread are the slower half already. Should the thread fail, the documents
 * it held are prepared on the main thread: the run slows down but loses nothing.
 */
/** Preparing one document failed (a bug met on some strange input): which document, and why. */
export class DocumentPreparationError extends Error {
  override name = 'DocumentPreparationError';
  constructor(
    readonly documentId: string,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause));
  }
}

export class DocumentPreparer {
  #worker: Worker | null = null;
  #threadFailed = false;
  #inline = 0;
  #batch: Pending[] = [];
  readonly #inFlight: Pending[][] = [];
  readonly #writes: Array<{ raw: SourceDocument; prepared: Promise<PreparedDocument>; write: (prepared: PreparedDocument) => void }> = [];
  readonly #log: Log;

  /** `options.logger`: where a lost thread is logged (the global {@link log} when absent). */
  constructor(options: { logger?: Log } = {}) {
    this.#log = options.logger ?? log;
  }

  /**
   * Prepares `raw`, then calls `write` with it, documents in the order they were added; waits
   * while too many are waiting to be written. A failure to prepare or write rejects here or in
   * {@link drain}.
   */
  async add(raw: SourceDocument, write: (prepared: PreparedDocument) => void): Promise<void> {
    const prepared = this.prepare(raw);
    // Settled in order by #writeNext; a run that stops early must not leave a rejection unheard.
    prepared.catch(() => {});
    this.#writes.push({ raw, prepared, write });
    while (this.#writes.length > WINDOW) await this.#writeNext();
  }

  /** Writes every document added so far. */
  async drain(): Promise<void> {
    while (this.#writes.length > 0) await this.#writeNext();
  }

  async #writeNext(): Promise<void> {
    const next = this.#writes[0]!;
    // Only a document still gathering for a batch needs it sent now: batches stay whole.
    if (this.#batch.some((p) => p.raw === next.raw)) this.flush();
    let prepared: PreparedDocument;
    try {
      prepared = await next.prepared;
    } catch (error) {
      // Written later than it was read: the error says which document it was.
      throw new DocumentPreparationError(next.raw.id, error);
    }
    this.#writes.shift();
    next.write(prepared);
  }

  /** The prepared document; call {@link flush} before waiting for it. */
  prepare(raw: SourceDocument): Promise<PreparedDocument> {
    if (this.#threadFailed || this.#inline < INLINE_DOCUMENTS) {
      this.#inline++;
      return new Promise((resolve) => resolve(prepareDocument(raw)));
    }
    return new Promise((resolve, reject) => {
      this.#batch.push({ raw, resolve, reject });
      if (this.#batch.length >= BATCH) this.flush();
    });
  }

  /** Sends the documents still gathering for a batch, so their promises can settle. */
  flush(): void {
    if (this.#batch.length === 0) return;
    const batch = this.#batch;
    this.#batch = [];
    const worker = this.#thread();
    if (!worker) return prepareInline(batch);
    this.#inFlight.push(batch);
    // The thread keeps the process alive only while it owes a reply: awaited, the reply is all
    // that is left to wait for, and an idle thread must not hold the process up.
    worker.ref();
    worker.postMessage(batch.map((p) => p.raw) satisfies PrepareRequest);
  }

  /** Drops the documents not yet written (their file is being rolled back); the thread goes on. */
  discard(): void {
    this.#writes.length = 0;
  }

  /** Stops the thread; documents not yet written are dropped. */
  async close(): Promise<void> {
    this.#writes.length = 0;
    const worker = this.#worker;
    this.#worker = null;
    this.#threadFailed = true;
    this.flush();
    prepareInline(this.#inFlight.splice(0).flat());
    await worker?.terminate();
  }

  #thread(): Worker | null {
    if (this.#worker || this.#threadFailed) return this.#worker;
    try {
      // A small heap: the thread keeps nothing between batches, and its garbage counts in the
      // ingestion's peak memory. A document too big for it is prepared here instead (see #lose).
      const worker = startModuleWorker(import.meta.url, 'prepare-thread', {
        resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 },
      });
      worker.unref();
      worker.on('message', (reply: PrepareReply) => {
        const batch = this.#inFlight.shift();
        if (this.#inFlight.length === 0) worker.unref();
        batch?.forEach((p, i) => {
          const r = reply[i]!;
          if (r.ok) p.resolve(r.prepared);
          else p.reject(new Error(r.message));
        });
      });
      worker.on('error', (error) => this.#lose(worker, error));
      worker.on('exit', (code) => this.#lose(worker, new Error(`the thread exited (code ${code})`)));
      this.#worker = worker;
    } catch (error) {
      this.#lose(null, error as Error);
    }
    return this.#worker;
  }

  /** The thread is gone: what it held is prepared here, and so is every later document. */
  #lose(worker: Worker | null, error: Error): void {
    if (worker !== this.#worker || this.#threadFailed) return;
    this.#log.warn(
      { event: 'prepare-thread-lost', err: errorForLog(error) },
      'Ingestion continues without its preparation thread (slower).',
    );
    this.#worker = null;
    this.#threadFailed = true;
    prepareInline(this.#inFlight.splice(0).flat());
  }
}

function prepareInline(pending: Pending[]): void {
  for (const p of pending) {
    try {
      p.resolve(prepareDocument(p.raw));
    } catch (error) {
      p.reject(error as Error);
    }
  }
}
