import type { StoredPassage } from './store.js';
import type { IndexStats } from './types.js';

/** Facts about the whole index that retrieval keeps for one generation. */
export interface PassageStatistics {
  chunks: number;
  /** Newest date given with a briefing (dates found in text are not trusted for recency). */
  newestGivenDate: string | null;
  /** The chunks' average stream length for bm25, or null when not yet counted. */
  averageChunkLength: number | null;
  /** The stored document frequencies of common terms; rarer ones are asked with `documentFrequency`. */
  frequentTerms: Map<string, number>;
}

/** A passage near an embedded question, by its row id. */
export interface VectorNeighbour {
  rowid: number;
  similarity: number;
}

/**
 * What retrieval reads from the store, and all it reads: the seam another store (PostgreSQL with
 * `tsvector` and pgvector, see docs/operations.md) would implement with nothing above it changing.
 */
export interface PassageStore {
  /** Runs `read` on one committed snapshot: every read of one question sees the same generation. */
  snapshot<T>(read: () => T): T;
  /** The committed generation; a reader follows it between questions. Null before the first ingestion. */
  generation(): number | null;
  /** Full-text candidates for a MATCH expression, best first; `bm25` as FTS5 ranks (lower is better). */
  lexicalCandidates(match: string, weights: readonly [number, number, number], limit: number): Array<{ rowid: number; bm25: number }>;
  /**
   * The row ids of the passages nearest an embedded question, most similar first (cosine
   * similarity). None when the store has no usable vectors: semantic search is then off.
   */
  vectorNeighbours(vector: ArrayLike<number>, k: number): VectorNeighbour[];
  /** Passages by row id, in the order asked; unknown ids are skipped. */
  passagesByRowid(rowids: number[]): StoredPassage[];
  /** The opening passages of the newest briefings about any of `regions` (all when empty), of `year` when given. */
  newestAbout(regions: string[], k: number, year?: number): StoredPassage[];
  /** Every chunk of the briefings dated `year`, or null when they are more than `maxChunks`. */
  chunksDated(year: number, maxChunks: number): number[] | null;
  /** Number of chunks containing a term. */
  documentFrequency(term: string): number;
  statistics(): PassageStatistics;
  /** What a user can be told about the index. */
  stats(): IndexStats;
}

/** What finds a vector's nearest labelled neighbours: the index folder's vector file (`VectorIndex`). */
export interface VectorSearch {
  search(vector: ArrayLike<number>, k: number): Array<{ label: number; score: number }>;
}

/**
 * The store with its vectors: the SQLite file holds passages and their full-text index, the vector
 * file beside it (loaded once per vector generation by retrieval's loader) the embeddings, labelled
 * by the same row ids. Everything but {@link PassageStore.vectorNeighbours} is the store's own.
 */
export function withVectors(store: PassageStore, vectors: VectorSearch): PassageStore {
  return {
    snapshot: (read) => store.snapshot(read),
    generation: () => store.generation(),
    lexicalCandidates: (match, weights, limit) => store.lexicalCandidates(match, weights, limit),
    vectorNeighbours: (vector, k) => vectors.search(vector, k).map((hit) => ({ rowid: hit.label, similarity: hit.score })),
    passagesByRowid: (rowids) => store.passagesByRowid(rowids),
    newestAbout: (regions, k, year) => store.newestAbout(regions, k, year),
    chunksDated: (year, maxChunks) => store.chunksDated(year, maxChunks),
    documentFrequency: (term) => store.documentFrequency(term),
    statistics: () => store.statistics(),
    stats: () => store.stats(),
  };
}
