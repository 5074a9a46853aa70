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
  const chunks = chunkDocument(document.id, indexedText(document));
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

/**
 * The text a document is chunked and searched under: its body, led by its summary when the body
 * does not already hold it. A news export's summary is the article's lead (baomoi's sapo), kept
 * apart from the body and often the only place the key figure or date is written: left out, a
 * fifth of the regional questions' answers could never be retrieved (docs/answer-quality.md).
 * A web page's description usually repeats its first paragraph, perhaps cut short with "…": then
 * it is not added again.
 */
export function indexedText(document: Pick<SourceDocument, 'summary' | 'text'>): string {
  const summary = document.summary?.trim();
  if (!summary) return document.text;
  const flat = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const body = flat(document.text);
  const lead = flat(summary).replace(/\s*(?:\.\.\.|…)$/u, '');
  if (lead === '' || body.includes(lead)) return document.text;
  return `${summary}\n\n${document.text}`;
}
