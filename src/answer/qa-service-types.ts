import type { IngestProgress, IngestSummary } from '../ingestion/types.js';
import type { IndexStats } from '../store/types.js';
import type { Answer, AnswerEvent, AnswerMode, RetrievalMode } from './types.js';
import { ExpectedError } from '../errors.js';

/**
 * What the bots (and the CLI) see of the question-answering core. Bots depend on this interface
 * only: they know nothing of SQLite, vectors or LLM servers.
 */
export interface QaService {
  /** The index folder served; chat feedback is kept beside the index in it (feedback.sqlite). */
  readonly indexDir: string;
  /** Answers one question. Never throws for bad questions: status `invalid` carries a polite message. */
  ask(question: string): Promise<Answer>;
  /** The same answer as a stream: `delta` events while an LLM writes, then exactly one `final`. */
  askStream(question: string): AsyncIterable<AnswerEvent>;
  /** Index size and modes, for /start, /stats and the health check. */
  stats(): ServiceStats;
  /**
   * Re-runs ingestion of the configured corpus while the current index keeps serving, then answers
   * from the new index. Rejects with {@link ReindexBusyError} when one is already running.
   */
  reindex(onProgress?: IngestProgress): Promise<IngestSummary>;
  close(): Promise<void>;
}

export interface ServiceStats extends IndexStats {
  retrieval: RetrievalMode;
  answer: AnswerMode;
  questionsAnswered: number;
  startedAt: string;
}

export class ReindexBusyError extends ExpectedError {
  override name = 'ReindexBusyError';
  constructor() {
    super('Đang cập nhật chỉ mục, vui lòng đợi lần cập nhật hiện tại hoàn tất.');
  }
}
