import type { Embedder } from './embedder.js';
import { rerank, type LexicalRetriever, type RankedPassage, type Retrieval } from './lexical-retriever.js';
import type { AnalysedQuery } from './query-analysis.js';
import { DEFAULT_RRF_K, fuseRankings } from './rank-fusion.js';
import type { IndexStore } from './store.js';
import type { VectorIndex } from './vector-index.js';

/** How much each ranking counts in the fusion (HYBRID_LEXICAL_WEIGHT, HYBRID_VECTOR_WEIGHT). */
export interface HybridWeights {
  lexical: number;
  vector: number;
}

/** How deep each ranking goes before fusion: the same depth lexical retrieval re-ranks. */
const CANDIDATES = 80;

/**
 * Lexical and semantic retrieval together: the lexical ranking (bm25 re-ranked by coverage, place
 * and time) and the nearest chunks to the question's embedding are fused by weighted reciprocal
 * rank, then the place/time preferences and per-document cap of lexical retrieval are applied to
 * the fused list. A paraphrase that shares no word with its passage is found through the vectors;
 * an exact figure or name still wins through the lexical side.
 */
export class HybridRetriever {
  readonly #newestYear: number | null;
  /** A passage at the top of every list gets this fused score; scores are reported relative to it. */
  readonly #bestFused: number;

  constructor(
    private readonly store: IndexStore,
    private readonly lexical: LexicalRetriever,
    private readonly vectors: VectorIndex,
    private readonly embedder: Embedder,
    private readonly weights: HybridWeights,
  ) {
    const newest = store.stats().newestDate;
    this.#newestYear = newest ? Number(newest.slice(0, 4)) : null;
    this.#bestFused = (Math.max(0, weights.lexical) + Math.max(0, weights.vector)) / (Number(process.env.H7_K ?? DEFAULT_RRF_K) + 1);
  }

  /** Embedding model of the vectors (and of the question's embedding). */
  get modelId(): string {
    return this.embedder.modelId;
  }

  /**
   * The top `k` passages for a question. Embeds the question (as a query: E5 models get their
   * "query: " prefix), so this can fail when the embedder does; callers fall back to lexical.
   */
  async retrieve(question: string, k: number, query: AnalysedQuery = this.lexical.analyse(question)): Promise<Retrieval> {
    const queryVector = await this.embedder.embedQuery(question);
    return this.searchWithVector(queryVector, question, k, query);
  }

  /**
   * Hybrid retrieval for an already embedded question: everything {@link retrieve} does except the
   * embedding, so a benchmark can time search and ranking alone.
   */
  searchWithVector(queryVector: ArrayLike<number>, question: string, k: number, query: AnalysedQuery = this.lexical.analyse(question)): Retrieval {
    const lexical = this.lexical.retrieve(question, CANDIDATES, query).passages;
    const hits = this.vectors.search(queryVector, CANDIDATES);
    const fused = fuseRankings([
      { items: lexical.map((p) => p.rowid), weight: this.weights.lexical },
      { items: hits.map((h) => h.label), weight: this.weights.vector },
    ], Number(process.env.H7_K ?? DEFAULT_RRF_K));
    const byRowid = new Map<number, RankedPassage>(lexical.map((p) => [p.rowid, p]));
    // Rows gone from the store since the vectors were loaded are skipped here.
    for (const p of this.store.passagesByRowid(fused.map((f) => f.id).filter((id) => !byRowid.has(id)))) byRowid.set(p.rowid, p);
    const candidates = fused.flatMap((f) => {
      const p = byRowid.get(f.id);
      return p ? [{ ...p, score: f.score / this.#bestFused }] : [];
    });
    // The lexical ranking already rewarded covering the question's words; an empty term list makes
    // rerank's coverage factor the same for every passage, so a semantic match is not penalised for
    // its different wording and only the place/time preferences and the per-document cap act.
    return { passages: rerank(question, { ...query, terms: [] }, candidates, k, this.#newestYear), query };
  }
}
