import type { IndexStats } from '../store/types.js';
import type { Answer, AnswerEvent, AnswerMode, RetrievalMode } from './types.js';

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
  close(): Promise<void>;
}

export interface ServiceStats extends IndexStats {
  retrieval: RetrievalMode;
  answer: AnswerMode;
  questionsAnswered: number;
  startedAt: string;
}
