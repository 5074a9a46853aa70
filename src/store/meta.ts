/**
 * The index's bookkeeping, kept in the store's `meta` table: every key is defined here once, with
 * the type of its value, so the module that writes a key and the one that reads it cannot disagree
 * on its spelling or its format.
 */
export interface MetaKey<T> {
  readonly name: string;
  parse(stored: string): T;
  format(value: T): string;
}

function text(name: string): MetaKey<string> {
  return { name, parse: (s) => s, format: (v) => v };
}

function number(name: string): MetaKey<number> {
  return { name, parse: Number, format: String };
}

export const META = {
  /** The layout of the tables (schema.ts); another version's index is rebuilt by ingestion. */
  schemaVersion: text('schema_version'),
  /** The loading, chunking and indexing pipeline that filled the index (ingest.ts). */
  pipelineVersion: text('pipeline_version'),
  /** When the last ingestion committed (ISO 8601). */
  lastIngestAt: text('last_ingest_at'),
  /** Bumped by every commit that changes what readers see; a serving reader follows it between questions. */
  generation: number('generation'),
  /** The chunks' average stream length for bm25, as of the last statistics refresh. */
  averageChunkLength: number('average_chunk_length'),
  /** The chunk count when the common terms' frequencies were last counted. */
  frequentTermsChunks: number('frequent_terms_chunks'),
  /** File name (in the index folder) of the current vector index generation. */
  vectorFile: text('vector_file'),
  /** Embedder identity (`Embedder.modelId`) the vectors came from. */
  embeddingModel: text('embedding_model'),
  embeddingDimension: number('embedding_dimension'),
} as const;

const REMOVED_PREFIX = 'removed:';

/** A document an admin took out (`npm run docs -- remove`); its value is the file it came from. */
export function removedDocumentKey(id: string): MetaKey<string> {
  return text(`${REMOVED_PREFIX}${id}`);
}

/** The prefix of {@link removedDocumentKey}'s keys, for listing them. */
export const REMOVED_DOCUMENT_PREFIX = REMOVED_PREFIX;
