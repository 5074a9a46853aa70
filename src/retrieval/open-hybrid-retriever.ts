import type { CoreConfig } from '../config/core-config.js';
import { log, type Log, type LogEvent } from '../log.js';
import type { Embedder } from './embedder.js';
import { HybridRetriever } from './hybrid-retriever.js';
import type { LexicalRetriever } from './lexical-retriever.js';
import type { IndexStore } from '../store/store.js';
import { withVectors } from '../store/passage-store.js';
import type { VectorIndex } from '../store/vector-index.js';
import { recordedVectors, vectorFilePath, type RecordedVectors } from '../store/vector-meta.js';

/**
 * Opens semantic search for a serving process: the configured embedder (once, and only when the
 * index has vectors) and the index's current vector file. Whenever semantic search cannot be used
 * (no model, another model than the index's, a damaged file) it says why in one log line and the
 * caller serves lexical retrieval; nothing here ever throws.
 */
export class HybridRetrieverLoader {
  #embedder: Embedder | null = null;
  #lastWarning: string | null = null;
  readonly #log: Log;

  /** `options.logger`: where its warnings go (the global {@link log} when absent). */
  constructor(
    private readonly config: CoreConfig,
    private readonly store: IndexStore,
    options: { logger?: Log } = {},
  ) {
    this.#log = options.logger ?? log;
  }

  /** A hybrid retriever over the index's current vectors, or null to answer lexically. */
  async load(lexical: LexicalRetriever): Promise<HybridRetriever | null> {
    if (this.config.EMBEDDINGS === 'none' || this.config.HYBRID_VECTOR_WEIGHT === 0) return null;
    const recorded = this.#recorded();
    if (!recorded) return null;
    const embedder = await this.#openEmbedder();
    if (!embedder) return null;
    if (embedder.modelId !== recorded.model || embedder.dimension !== recorded.dimension) {
      this.#warn(
        'embedding-model-mismatch',
        `Semantic search is off: the index's vectors were made with ${recorded.model} (${recorded.dimension} dimensions) ` +
          `but the configured embedder is ${embedder.modelId} (${embedder.dimension}). ` +
          'Answering with lexical retrieval until the index is re-ingested with this model (npm run ingest).',
      );
      return null;
    }
    const vectors = await this.#loadVectors(recorded);
    if (!vectors) return null;
    this.#lastWarning = null;
    return new HybridRetriever(withVectors(this.store, vectors), lexical, embedder, {
      lexical: this.config.HYBRID_LEXICAL_WEIGHT,
      vector: this.config.HYBRID_VECTOR_WEIGHT,
    });
  }

  /** Releases the local model's session, if one was opened. */
  async close(): Promise<void> {
    const embedder = this.#embedder;
    this.#embedder = null;
    await embedder?.dispose?.().catch(() => {});
  }

  /** The configured embedder; a failure is not remembered, so the next re-ingest tries again. */
  async #openEmbedder(): Promise<Embedder | null> {
    if (this.#embedder) return this.#embedder;
    try {
      // Imported here: transformers.js is heavy, and a lexical-only service never needs it.
      const { selectEmbedder } = await import('./embedders/select-embedder.js');
      const choice = await selectEmbedder(this.config);
      if (!choice.embedder) {
        this.#warn(
          'semantic-search-off',
          `${choice.notice ?? 'Semantic search is off.'} Answering with lexical retrieval although the index has vectors.`,
        );
        return null;
      }
      this.#embedder = choice.embedder;
      return choice.embedder;
    } catch (error) {
      this.#warn('semantic-search-off', `Semantic search is off: ${(error as Error).message} Answering with lexical retrieval.`);
      return null;
    }
  }

  async #loadVectors(recorded: RecordedVectors): Promise<VectorIndex | null> {
    const { VectorIndex: Vectors } = await import('../store/vector-index.js');
    let current = recorded;
    // A re-ingest may commit and delete the file we were about to read; then its successor is used.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        return await Vectors.load(vectorFilePath(this.store.indexDir, current.file), current.dimension, { modelId: current.model });
      } catch (error) {
        const now = this.#recorded();
        if (attempt === 0 && now && now.file !== current.file && now.model === current.model) {
          current = now;
          continue;
        }
        this.#warn('vector-index-unusable', `Semantic search is off: ${(error as Error).message} Answering with lexical retrieval.`);
        return null;
      }
    }
    return null;
  }

  /** The vectors as recorded, read in one snapshot (a commit between the reads could mix two generations). */
  #recorded(): RecordedVectors | null {
    return this.store.snapshot(() => recordedVectors(this.store));
  }

  /** One log line per distinct problem, not one per re-load. */
  #warn(event: LogEvent, message: string): void {
    if (message === this.#lastWarning) return;
    this.#lastWarning = message;
    this.#log.warn({ event }, message);
  }
}
