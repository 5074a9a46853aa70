import { availableParallelism } from 'node:os';
import type { CoreConfig } from '../config/core-config.js';
import type { HybridRetriever } from '../retrieval/hybrid-retriever.js';
import type { Passage } from '../store/types.js';
import { HybridRetrieverLoader } from '../retrieval/open-hybrid-retriever.js';
import { asksForNews, type AnalysedQuery } from '../retrieval/query-analysis.js';
import { DEFAULT_RANKING, type RankingOptions } from '../retrieval/ranking-options.js';
import { ServedGeneration } from '../retrieval/served-generation.js';
import { IndexStore } from '../store/store.js';
import { errorForLog, log, type Log } from '../log.js';
import { AnswerThreads, AnswerThreadsLost, type ThreadAnswer } from './answer-threads.js';
import { boundAnswer } from './bound-answer.js';
import { extractAnswer, type ExtractedAnswer } from './extractive-answerer.js';
import { createLlmAnswerer, llmOptionsFromConfig, LlmFailure, type LlmAnswer, type LlmAnswerer } from './llm-answerer.js';
import type { QaService, ServiceStats } from './qa-service-types.js';
import type { Answer, AnswerEvent, AnswerMode, RetrievalMode } from './types.js';
import { questionProblem } from './validate-question.js';

export interface QaServiceOptions {
  /** Overrides INDEX_DIR (tests, eval). */
  indexDir?: string;
  /**
   * Answer threads (lexical retrieval and extractive answers) when ANSWER_THREADS is not set: the bots
   * ask for one per core (up to 4), so questions arriving together are answered in parallel;
   * one-question-at-a-time callers (the CLI) keep the default, 0, and start none.
   */
  answerThreads?: number;
  /** Ranking parameters (see ranking-options.ts); the defaults when absent (eval sweeps them). */
  ranking?: Readonly<RankingOptions>;
  /**
   * Aborted when the program stops: LLM answers in progress are cancelled (the extractive answer is
   * sent), so a stop never waits for them.
   */
  signal?: AbortSignal;
  /** Where the service logs (the app passes its root logger); the global {@link log} when absent. */
  logger?: Log;
}

/**
 * At most this many threads by default: each costs about 90 MiB (its own SQLite cache and V8 heap),
 * and a chat bot's questions rarely keep more than four busy.
 */
const MAX_DEFAULT_THREADS = 4;

/** Options for a long-running server (the bots): a retrieval (and answer) thread per core, up to four. */
export function servingOptions(): QaServiceOptions {
  return { answerThreads: Math.min(availableParallelism(), MAX_DEFAULT_THREADS) };
}

/** The number of answer threads a service starts: ANSWER_THREADS when set, else the caller's default. */
export function answerThreadCount(config: CoreConfig, options: QaServiceOptions = {}): number {
  return config.ANSWER_THREADS ?? options.answerThreads ?? 0;
}

/**
 * Opens the index and returns the question-answering core the CLI and the bots share. Throws
 * IndexError (with what to do) when there is no usable index.
 */
export async function createQaService(config: CoreConfig, options: QaServiceOptions = {}): Promise<QaService> {
  const indexDir = options.indexDir ?? config.INDEX_DIR;
  const store = IndexStore.openForRead(indexDir);
  const service = new LocalQaService(
    config,
    indexDir,
    store,
    answerThreadCount(config, options),
    options.ranking ?? DEFAULT_RANKING,
    options.signal,
    options.logger ?? log,
  );
  await service.vectorsReady();
  return service;
}

class LocalQaService implements QaService {
  readonly #startedAt = new Date().toISOString();
  #answered = 0;
  /** The committed index generation being served, and lexical retrieval over it. */
  readonly #served: ServedGeneration;
  /** Lexical retrieval and extractive answers on worker threads, started at the first question that needs them. */
  #threads: AnswerThreads | null = null;
  readonly #llm: LlmAnswerer | null;
  readonly #hybridLoader: HybridRetrieverLoader;
  /**
   * Set while the index has usable vectors for the configured embedder (null = lexical), with the
   * generation that was being served when they were loaded: vectors are only searched together
   * with a snapshot of that same generation.
   */
  #hybrid: { retriever: HybridRetriever; generation: number | null } | null = null;
  #vectorsLoading: Promise<void>;

  constructor(
    private readonly config: CoreConfig,
    readonly indexDir: string,
    private readonly store: IndexStore,
    private answerThreads: number,
    private readonly ranking: Readonly<RankingOptions>,
    signal: AbortSignal | undefined,
    private readonly logger: Log,
  ) {
    this.#served = new ServedGeneration(store, ranking);
    const llmOptions = llmOptionsFromConfig(config);
    this.#llm = llmOptions ? createLlmAnswerer({ ...llmOptions, signal }) : null;
    this.#hybridLoader = new HybridRetrieverLoader(config, store, { logger });
    this.#vectorsLoading = this.#loadVectors(this.#served.generation);
  }

  /** Resolves once the embedder and vector index (if any) are open; never rejects. */
  vectorsReady(): Promise<void> {
    return this.#vectorsLoading;
  }

  async #loadVectors(generation: number | null): Promise<void> {
    try {
      // The vectors read are of this generation or a later one; a later one is never searched,
      // because the snapshot then shows a generation other than the one recorded here.
      const retriever = await this.#hybridLoader.load(this.#served.retriever);
      this.#hybrid = retriever ? { retriever, generation } : null;
    } catch (error) {
      this.#hybrid = null;
      this.logger.warn(
        { event: 'semantic-search-off', err: errorForLog(error) },
        'Semantic search is off; answering with lexical retrieval',
      );
    }
  }

  get retrievalMode(): RetrievalMode {
    return this.#hybrid ? 'hybrid' : 'lexical';
  }

  /** The configured answer mode; a single answer may still fall back to extractive. */
  get answerMode(): AnswerMode {
    return this.#llm ? 'llm' : 'extractive';
  }

  async ask(question: string): Promise<Answer> {
    const prepared = await this.#prepare(question);
    if ('answer' in prepared) return prepared.answer;
    let written: LlmAnswer | null = null;
    if (this.#llm && prepared.passages.length > 0) {
      try {
        written = await this.#llm.answer(question, prepared.passages);
      } catch (error) {
        logLlmFallback(this.logger, error);
      }
    }
    return this.#finish(question, prepared, written);
  }

  async *askStream(question: string): AsyncIterable<AnswerEvent> {
    const prepared = await this.#prepare(question);
    if ('answer' in prepared) {
      yield { type: 'final', answer: prepared.answer };
      return;
    }
    let written: LlmAnswer | null = null;
    if (this.#llm && prepared.passages.length > 0) {
      try {
        for await (const event of this.#llm.stream(question, prepared.passages)) {
          if (event.type === 'delta') yield event;
          else written = event.result;
        }
      } catch (error) {
        // Sentences already shown passed their check; the final answer replaces them all.
        logLlmFallback(this.logger, error);
        written = null;
      }
    }
    yield { type: 'final', answer: this.#finish(question, prepared, written) };
  }

  /** Validates the question and retrieves passages; an invalid question gets its answer at once. */
  async #prepare(question: string): Promise<{ answer: Answer } | Prepared> {
    const started = performance.now();
    const problem = questionProblem(question);
    if (problem)
      return {
        answer: this.#answer({
          question,
          status: 'invalid',
          text: problem,
          citations: [],
          passages: [],
          answerMode: 'extractive',
          started,
          retrieved: started,
        }),
      };
    const { passages, query, retrieval, extracted = null } = await this.#retrieve(question.trim(), this.config.TOP_K);
    return { passages, query, retrieval, extracted, started, retrieved: performance.now() };
  }

  /** The final answer: the LLM's when it gave a checked one, else the extractive one. */
  #finish(question: string, prepared: Prepared, written: LlmAnswer | null): Answer {
    // Capped here, once, whichever answerer wrote it: a passage may hold a sentence of any length.
    const result = boundAnswer(written ?? prepared.extracted ?? extractAnswer(question, prepared.query, prepared.passages, this.ranking));
    this.#answered++;
    const answer = this.#answer({
      question,
      status: result.status,
      text: result.answer,
      citations: result.citations,
      passages: prepared.passages,
      answerMode: written ? 'llm' : 'extractive',
      started: prepared.started,
      retrieved: prepared.retrieved,
      retrieval: prepared.retrieval,
    });
    // Debug only: each chat adapter logs the one info line per question, with the chat kind it alone knows.
    this.logger.debug({
      event: 'answer',
      status: answer.status,
      hits: prepared.passages.length,
      mode: answer.mode,
      timings: answer.timings,
    });
    return answer;
  }

  /**
   * Hybrid retrieval when the index has vectors for the configured model; lexical otherwise. All
   * of a question's reads happen in one snapshot of one committed generation, so an ingestion
   * committing meanwhile (a re-ingest from another process) is seen entirely or not at all, and
   * is picked up without a restart.
   */
  async #retrieve(
    question: string,
    k: number,
  ): Promise<{ passages: Passage[]; query: AnalysedQuery; retrieval: RetrievalMode; extracted?: ExtractedAnswer | null }> {
    for (let attempt = 0; ; attempt++) {
      // Vectors of a newly committed generation finish loading first, so the question searches them.
      this.store.snapshot(() => this.#followGeneration());
      await this.#vectorsLoading;
      // Each retry means a re-ingest committed during the question; after two, lexical retrieval
      // answers at once rather than chase a stream of commits.
      // "What is new there" is answered from dates: embedding it would cost an API call for nothing.
      const hybrid = attempt < 2 && this.#hybrid && !asksForNews(question) ? this.#hybrid : null;
      if (!hybrid) {
        const threaded = await this.#answerOnThreads(question, k);
        if (threaded) return { ...threaded, retrieval: 'lexical' };
      }
      const queryVector = hybrid ? await this.#embedQuery(hybrid.retriever, question) : null;
      const result = this.store.snapshot(() => {
        const generation = this.#followGeneration();
        if (!hybrid || !queryVector) return { ...this.#served.retriever.retrieve(question, k), retrieval: 'lexical' as const };
        if (hybrid !== this.#hybrid || hybrid.generation !== generation) return null;
        return { ...hybrid.retriever.searchWithVector(queryVector, question, k), retrieval: 'hybrid' as const };
      });
      if (result) return result;
    }
  }

  /**
   * Lexical retrieval, and the extractive answer unless an LLM writes answers, on the threads; null
   * when none are configured or they have all stopped (logged once): the main thread works from then on.
   */
  async #answerOnThreads(question: string, k: number): Promise<ThreadAnswer | null> {
    if (this.answerThreads === 0) return null;
    const threads = (this.#threads ??= new AnswerThreads(this.indexDir, this.answerThreads, this.ranking));
    try {
      return await threads.answer({ question, k, extract: this.#llm === null });
    } catch (error) {
      if (!(error instanceof AnswerThreadsLost)) throw error;
      // Every question waiting on the threads learns of it; the first one switches over.
      if (this.#threads === threads) {
        this.logger.warn({ event: 'answer-threads-off', err: errorForLog(error) }, 'Answer threads stopped; answering on the main thread');
        this.answerThreads = 0;
        this.#threads = null;
        await threads.close();
      }
      return null;
    }
  }

  /** The question's embedding, or null (logged) when the embedder fails: lexical retrieval answers. */
  async #embedQuery(hybrid: HybridRetriever, question: string): Promise<Float32Array | null> {
    try {
      return await hybrid.embedQuery(question);
    } catch (error) {
      this.logger.warn(
        { event: 'query-embedding-failed', model: hybrid.modelId, err: errorForLog(error) },
        'Could not embed the question; answering with lexical retrieval',
      );
      return null;
    }
  }

  /**
   * Call inside a snapshot. When a re-ingest has committed, serves its generation from now on: a new
   * lexical retriever at once, its vectors as soon as they load. Returns the generation served.
   */
  #followGeneration(): number | null {
    if (this.#served.follow()) {
      const generation = this.#served.generation;
      // Chained, so a slow load of one generation never lands after the next one's.
      this.#vectorsLoading = this.#vectorsLoading.then(() => this.#loadVectors(generation));
      this.logger.info({ event: 'index-reloaded', generation });
    }
    return this.#served.generation;
  }

  /** The answer as the caller gets it; `started` and `retrieved` are `performance.now()` readings. */
  #answer({
    question,
    status,
    text,
    citations,
    passages,
    answerMode,
    started,
    retrieved,
    retrieval = this.retrievalMode,
  }: {
    question: string;
    status: Answer['status'];
    text: string;
    citations: Answer['citations'];
    passages: Passage[];
    answerMode: AnswerMode;
    started: number;
    retrieved: number;
    retrieval?: RetrievalMode;
  }): Answer {
    const now = performance.now();
    return {
      question,
      status,
      answer: text,
      citations,
      passages: passages.map((p) => ({ docId: p.docId, chunkId: p.chunkId, score: round(p.score), text: p.text })),
      mode: { retrieval, answer: answerMode },
      timings: { retrieveMs: round(retrieved - started), answerMs: round(now - retrieved), totalMs: round(now - started) },
    };
  }

  stats(): ServiceStats {
    return {
      ...this.store.stats(),
      retrieval: this.retrievalMode,
      answer: this.answerMode,
      questionsAnswered: this.#answered,
      startedAt: this.#startedAt,
    };
  }

  async close(): Promise<void> {
    await this.#vectorsLoading;
    await this.#hybridLoader.close();
    await this.#threads?.close();
    this.store.close();
  }
}

interface Prepared {
  passages: Passage[];
  /** The extractive answer, when a thread already made it. */
  extracted: ExtractedAnswer | null;
  query: AnalysedQuery;
  retrieval: RetrievalMode;
  started: number;
  retrieved: number;
}

function logLlmFallback(logger: Log, error: unknown): void {
  const reason = error instanceof LlmFailure ? `${error.kind}: ${error.reason}` : error instanceof Error ? error.message : String(error);
  logger.warn({ event: 'llm-fallback', reason }, 'LLM answer not used; answering extractively');
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
