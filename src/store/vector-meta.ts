import path from 'node:path';
import { META } from './meta.js';
import type { IndexStore } from './store.js';

/**
 * What the index records about its vectors, in the store's meta table. Present only when the
 * vector file holds exactly one live vector per chunk, all made by `model`.
 */
export interface RecordedVectors {
  /** File name (in the index folder) of the current vector index generation. */
  file: string;
  /** Embedder identity (`Embedder.modelId`) the vectors came from. */
  model: string;
  dimension: number;
}

/** The index's vectors as recorded, or null when the index is lexical only. */
export function recordedVectors(store: IndexStore): RecordedVectors | null {
  const file = store.meta(META.vectorFile);
  const model = store.meta(META.embeddingModel);
  const dimension = store.meta(META.embeddingDimension);
  if (!file || !model || dimension === null || !Number.isInteger(dimension) || dimension < 1) return null;
  return { file, model, dimension };
}

/** Records a new vector generation; call inside the ingestion transaction, after the file is saved. */
export function recordVectors(store: IndexStore, vectors: RecordedVectors): void {
  store.setMeta(META.vectorFile, vectors.file);
  store.setMeta(META.embeddingModel, vectors.model);
  store.setMeta(META.embeddingDimension, vectors.dimension);
}

/** Marks the index lexical only (its vector file, if any, is then removed after commit). */
export function forgetVectors(store: IndexStore): void {
  for (const key of [META.vectorFile, META.embeddingModel, META.embeddingDimension]) store.deleteMeta(key);
}

/** Full path of a recorded vector file. */
export function vectorFilePath(indexDir: string, file: string): string {
  return path.join(indexDir, file);
}
