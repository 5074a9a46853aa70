import type { Embedder } from './embedder.js';
import { capPerDocument, rerank, type LexicalRetriever, type RankedPassage, type Retrieval } from './lexical-retriever.js';
import type { AnalysedQuery } from './query-analysis.js';
import { DEFAULT_RRF_K, fuseRankings } from './rank-fusion.js';
import type { PassageStore } from '../store/passage-store.js';

/** How much each ranking counts in the fusion (HYBRID_LEXICAL_WEIGHT, HYBRID_VECTOR_WEIGHT). */
export interface HybridWeights {
  lexical: number;
  vector: number;
}

/**
 * How deep each ranking goes before fusion: deeper than the 30 candidates lexical retrieval
 * re-ranks on its own, so a passage that only the vectors rank high still meets its keyword score.
 */
const CANDIDATES = 80;

/**
 * Lexical and semantic retrieval together. Each ranking gets the place/time preferences of lexical
 * retrieval first (the lexical one through `retrieve`, the nearest chunks to the question's
 * embedding through the same `rerank`); the two are then fused by weighted reciprocal rank and cut
 * to at most two passages per document. Preferences go before the fusion because fused scores are
 * nearly flat (1/61 vs 1/80): multiplied afterwards, a 1.2–1.6 preference factor would override the
 * rankings themselves. A paraphrase that shares no word with its passage is found through the
 * vectors; an exact figure or name still wins through the lexical side.
 */
export class HybridRetriever {
  /** A passage at the top of every list gets this fused score; scores are reported relative to it. */
  readonly #bestFused: number;

  constructor(
    private readonly store: PassageStore,
    private readonly lexical: LexicalRetriever,
    private readonly embedder: Embedder,
    private readonly weights: HybridWeights,
  ) {
    this.#bestFused = (Math.max(0, weights.lexical) + Math.max(0, weights.vector)) / (DEFAULT_RRF_K + 1);
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
    return this.searchWithVector(await this.embedQuery(question), question, k, query);
  }

  /**
   * The question's embedding, as {@link retrieve} computes it. The service calls this and
   * {@link searchWithVector} apart, so the embedding (a network call with the API embedder) happens
   * before the read snapshot is taken; the bench times the two parts apart the same way.
   */
  embedQuery(question: string): Promise<Float32Array> {
    return this.embedder.embedQuery(question);
  }

  /**
   * Hybrid retrieval for an already embedded question: everything {@link retrieve} does except the
   * embedding (the service's path, see {@link embedQuery}).
   */
  searchWithVector(
    queryVector: ArrayLike<number>,
    question: string,
    k: number,
    query: AnalysedQuery = this.lexical.analyse(question),
  ): Retrieval {
    // "What is new there" is answered by dates, not by meaning.
    if (query.latestNews) return this.lexical.retrieve(question, k, query);
    const lexical = this.lexical.retrieve(question, CANDIDATES, query).passages;
    const hits = this.store.vectorNeighbours(queryVector, CANDIDATES);
    const similarity = new Map(hits.map((h) => [h.rowid, h.similarity]));
    // A label whose row is gone (vectors older than the store) is skipped; the QA service avoids
    // that by searching vectors and store of one generation, inside one snapshot.
    const nearest = this.store.passagesByRowid(hits.map((h) => h.rowid)).map((p) => ({ ...p, score: similarity.get(p.rowid)! }));
    // The same place/time preferences the lexical list got. An empty term list makes rerank's
    // coverage factor equal for all, so a passage is not penalised for its different wording.
    const semantic = rerank({ ...query, terms: [] }, nearest, CANDIDATES, this.lexical.newestYear, undefined, this.lexical.ranking);
    const fused = fuseRankings([
      { items: lexical.map((p) => p.rowid), weight: this.weights.lexical },
      { items: semantic.map((p) => p.rowid), weight: this.weights.vector },
    ]);
    const byRowid = new Map<number, RankedPassage>([...semantic, ...lexical].map((p) => [p.rowid, p]));
    const ranked = fused.map((f) => ({ ...byRowid.get(f.id)!, score: f.score / this.#bestFused }));
    return { passages: capPerDocument(ranked, k, this.lexical.ranking.maxPerDocument), query };
  }
}
