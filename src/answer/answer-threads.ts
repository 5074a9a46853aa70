import type { Worker } from 'node:worker_threads';
import type { Retrieval } from '../retrieval/lexical-retriever.js';
import type { Passage } from '../store/types.js';
import { DEFAULT_RANKING, type RankingOptions } from '../retrieval/ranking-options.js';
import type { ExtractedAnswer } from './extractive-answerer.js';
import { startModuleWorker } from '../util/module-worker.js';

/** What a thread sends back for a question: passages without their matching forms (see `StoredPassage`). */
export interface ThreadAnswer extends Omit<Retrieval, 'passages'> {
  passages: Array<Passage & { rowid: number }>;
  /** The extractive answer, when it was asked for. */
  extracted: ExtractedAnswer | null;
}

/** What an answer thread is started with. */
export interface AnswerThreadData {
  indexDir: string;
  ranking: Readonly<RankingOptions>;
}

/** One question for an answer thread: the top `k` passages, and the extractive answer if `extract`. */
export interface AnswerThreadRequest {
  question: string;
  k: number;
  extract: boolean;
}

/** An answer thread's reply, or the message of the error it raised. */
export type AnswerThreadReply = { ok: true; answer: ThreadAnswer } | { ok: false; message: string };

/** Every answer thread has stopped (or none could start): answer on the main thread instead. */
export class AnswerThreadsLost extends Error {
  override name = 'AnswerThreadsLost';
}

interface Pending extends AnswerThreadRequest {
  resolve: (answer: ThreadAnswer) => void;
  reject: (error: Error) => void;
}

/**
 * Lexical retrieval and the extractive answer on worker threads, each with its own read-only
 * connection to the index. SQLite reads are synchronous: on one thread, questions that arrive
 * together wait for each other whatever the number of cores; here each free thread takes the next
 * waiting question. Threads follow re-ingested generations on their own, as the main thread does.
 */
export class AnswerThreads {
  readonly #idle: Worker[] = [];
  readonly #busy = new Map<Worker, Pending>();
  readonly #waiting: Pending[] = [];
  #lastError: Error | null = null;

  /** Starts `threads` answer threads over the index in `indexDir`. */
  constructor(indexDir: string, threads: number, ranking: Readonly<RankingOptions> = DEFAULT_RANKING) {
    for (let i = 0; i < threads; i++) this.#start({ indexDir, ranking });
  }

  /** Threads still running. */
  get threads(): number {
    return this.#idle.length + this.#busy.size;
  }

  /**
   * The top `k` passages for a question (lexical retrieval), with the extractive answer if
   * `extract`, from the next free thread. Rejects with the thread's error for a question that
   * failed, or {@link AnswerThreadsLost} when no thread is left.
   */
  answer(request: AnswerThreadRequest): Promise<ThreadAnswer> {
    if (this.threads === 0) return Promise.reject(this.#lost());
    return new Promise((resolve, reject) => {
      this.#waiting.push({ ...request, resolve, reject });
      this.#dispatch();
    });
  }

  /** Stops every thread; questions still waiting are rejected. */
  async close(): Promise<void> {
    const workers = [...this.#idle, ...this.#busy.keys()];
    this.#idle.length = 0;
    for (const [, pending] of this.#busy) pending.reject(new AnswerThreadsLost('The answer threads were closed.'));
    this.#busy.clear();
    this.#rejectWaiting(new AnswerThreadsLost('The answer threads were closed.'));
    await Promise.all(workers.map((w) => w.terminate()));
  }

  #start(data: AnswerThreadData): void {
    const worker = startWorker(data);
    worker.on('message', (reply: AnswerThreadReply) => {
      const pending = this.#busy.get(worker);
      if (!pending) return;
      this.#busy.delete(worker);
      this.#idle.push(worker);
      if (reply.ok) pending.resolve(reply.answer);
      else pending.reject(new Error(reply.message));
      this.#dispatch();
    });
    worker.on('error', (error) => this.#remove(worker, error));
    worker.on('exit', (code) => this.#remove(worker, new Error(`an answer thread exited (code ${code})`)));
    this.#idle.push(worker);
  }

  /** A thread that failed or exited: its question and, once none is left, every waiting one fail. */
  #remove(worker: Worker, error: Error): void {
    const idle = this.#idle.indexOf(worker);
    if (idle >= 0) this.#idle.splice(idle, 1);
    const pending = this.#busy.get(worker);
    if (!pending && idle < 0) return;
    this.#lastError = error;
    this.#busy.delete(worker);
    pending?.reject(this.#lost());
    if (this.threads === 0) this.#rejectWaiting(this.#lost());
  }

  #lost(): AnswerThreadsLost {
    return new AnswerThreadsLost(`No answer thread is running${this.#lastError ? `: ${this.#lastError.message}` : ''}.`);
  }

  #rejectWaiting(error: Error): void {
    for (const pending of this.#waiting.splice(0)) pending.reject(error);
  }

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#waiting.length > 0) {
      const worker = this.#idle.pop()!;
      const pending = this.#waiting.shift()!;
      this.#busy.set(worker, pending);
      const request: AnswerThreadRequest = { question: pending.question, k: pending.k, extract: pending.extract };
      worker.postMessage(request);
    }
  }
}

function startWorker(workerData: AnswerThreadData): Worker {
  return startModuleWorker(import.meta.url, 'answer-thread', { workerData });
}
