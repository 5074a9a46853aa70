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

/**
 * What retrieval reads from the store, and all it reads: the seam another store (PostgreSQL with
 * `tsvector` and pgvector, see docs/operations.md) would implement with nothing above it changing.
 * The vectors' nearest neighbours come from `VectorIndex.search` beside it, by the same row ids.
 */
export interface PassageStore {
  /** Runs `read` on one committed snapshot: every read of one question sees the same generation. */
  snapshot<T>(read: () => T): T;
  /** The committed generation; a reader follows it between questions. Null before the first ingestion. */
  generation(): number | null;
  /** Full-text candidates for a MATCH expression, best first; `bm25` as FTS5 ranks (lower is better). */
  lexicalCandidates(match: string, weights: readonly [number, number, number], limit: number): Array<{ rowid: number; bm25: number }>;
  /** Passages by row id, in the order asked; unknown ids are skipped. */
  passagesByRowid(rowids: number[]): StoredPassage[];
  /** The opening passages of the newest briefings about any of `regions` (all when empty), of `year` when given. */
  newestAbout(regions: string[], k: number, year?: number): StoredPassage[];
  /** Number of chunks containing a term. */
  documentFrequency(term: string): number;
  statistics(): PassageStatistics;
  /** What a user can be told about the index. */
  stats(): IndexStats;
}
