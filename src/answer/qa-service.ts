import type { CoreConfig } from '../config/core-config.js';
import { LexicalRetriever, type RankedPassage } from '../index/lexical-retriever.js';
import type { AnalysedQuery } from '../index/query-analysis.js';
import { IndexStore } from '../index/store.js';
import type { IngestProgress, IngestSummary } from '../ingestion/types.js';
import { log } from '../log.js';
import { extractAnswer } from './extractive-answerer.js';
import { ReindexBusyError, type QaService, type ServiceStats } from './qa-service-types.js';
import { runIngestProcess } from '../ingestion/ingest-process.js';
import type { Answer, AnswerEvent, AnswerMode, RetrievalMode } from './types.js';
import { questionProblem } from './validate-question.js';

export interface QaServiceOptions {
  /** Overrides INDEX_DIR (tests, eval). */
  indexDir?: string;
}

/**
 * Opens the index and returns the question-answering core the CLI and the bots share. Throws
 * IndexError (with what to do) when there is no usable index.
 */
export async function createQaService(config: CoreConfig, options: QaServiceOptions = {}): Promise<QaService> {
  const indexDir = options.indexDir ?? config.INDEX_DIR;
  const store = IndexStore.openForRead(indexDir);
  return new LocalQaService(config, indexDir, store);
}

class LocalQaService implements QaService {
  readonly #startedAt = new Date().toISOString();
  #answered = 0;
  #retriever: LexicalRetriever;
  #generation: string | null;
  #reindexing: Promise<IngestSummary> | null = null;

  constructor(
    private readonly config: CoreConfig,
    private readonly indexDir: string,
    private readonly store: IndexStore,
  ) {
    this.#retriever = new LexicalRetriever(store);
    this.#generation = store.getMeta('generation');
  }

  get retrievalMode(): RetrievalMode {
    return 'lexical';
  }

  get answerMode(): AnswerMode {
    return 'extractive';
  }

  async ask(question: string): Promise<Answer> {
    let final: Answer | null = null;
    for await (const event of this.askStream(question)) if (event.type === 'final') final = event.answer;
    return final!;
  }

  async *askStream(question: string): AsyncIterable<AnswerEvent> {
    const started = performance.now();
    const problem = questionProblem(question);
    if (problem) {
      yield { type: 'final', answer: this.#answer(question, 'invalid', problem, [], [], started, started) };
      return;
    }
    this.#refreshIfReingested();
    const k = this.config.TOP_K;
    const { passages, query } = this.#retrieve(question.trim(), k);
    const retrieved = performance.now();
    const extracted = extractAnswer(question, query, passages);
    this.#answered++;
    const answer = this.#answer(question, extracted.status, extracted.answer, extracted.citations, passages, started, retrieved);
    log.info({ event: 'answer', status: answer.status, hits: passages.length, mode: answer.mode, timings: answer.timings });
    yield { type: 'final', answer };
  }

  #retrieve(question: string, k: number): { passages: RankedPassage[]; query: AnalysedQuery } {
    return this.#retriever.retrieve(question, k);
  }

  #answer(question: string, status: Answer['status'], text: string, citations: Answer['citations'], passages: RankedPassage[], started: number, retrieved: number): Answer {
    const now = performance.now();
    return {
      question,
      status,
      answer: text,
      citations,
      passages: passages.map((p) => ({ docId: p.docId, chunkId: p.chunkId, score: round(p.score), text: p.text })),
      mode: { retrieval: this.retrievalMode, answer: this.answerMode },
      timings: { retrieveMs: round(retrieved - started), answerMs: round(now - retrieved), totalMs: round(now - started) },
    };
  }

  /** A committed re-ingest bumps the generation: pick up what changed without a restart. */
  #refreshIfReingested(): void {
    const generation = this.store.getMeta('generation');
    if (generation === this.#generation) return;
    this.#generation = generation;
    this.#retriever = new LexicalRetriever(this.store);
    log.info({ event: 'index-reloaded', generation });
  }

  stats(): ServiceStats {
    return { ...this.store.stats(), retrieval: this.retrievalMode, answer: this.answerMode, questionsAnswered: this.#answered, startedAt: this.#startedAt };
  }

  reindex(onProgress?: IngestProgress): Promise<IngestSummary> {
    if (this.#reindexing) return Promise.reject(new ReindexBusyError());
    this.#reindexing = runIngestProcess({ inputs: [this.config.CORPUS_DIR], indexDir: this.indexDir, prune: true }, onProgress).finally(() => {
      this.#reindexing = null;
    });
    return this.#reindexing;
  }

  async close(): Promise<void> {
    await this.#reindexing?.catch(() => {});
    this.store.close();
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
