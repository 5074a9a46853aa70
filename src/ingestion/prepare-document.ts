import { chunkIndexTerms, type ChunkIndexTerms } from '../index/fts-terms.js';
import { chunkDocument } from './chunker.js';
import { enrichMetadata } from './metadata.js';
import type { Chunk, SourceDocument } from './types.js';
import { sha256 } from '../util/sha256.js';

/** A chunk ready to be stored: its content hash (the embedding cache's key) and its terms. */
export interface PreparedChunk extends Omit<Chunk, 'docId'> {
  contentHash: string;
  terms: ChunkIndexTerms;
}

/** A document as ingestion stores it: metadata filled in, chunked, every chunk's terms made. */
export interface PreparedDocument {
  document: SourceDocument;
  chunks: PreparedChunk[];
}

/**
 * Everything ingesting a document takes that needs no index: extracting its metadata, chunking
 * it, hashing and tokenising the chunks. A pure function of the document, so it may run on a
 * preparation thread (see prepare-threads.ts) while the main thread writes earlier documents.
 */
export function prepareDocument(raw: SourceDocument): PreparedDocument {
  const document = enrichMetadata(raw);
  const chunks = chunkDocument(document.id, document.text);
  const terms = chunkIndexTerms(
    document.title,
    document.region ?? null,
    chunks.map((c) => c.text),
  );
  return {
    document,
    chunks: chunks.map((c, i) => ({
      id: c.id,
      ordinal: c.ordinal,
      text: c.text,
      contentHash: sha256(`${document.title}\n${c.text}`),
      terms: terms[i]!,
    })),
  };
}
