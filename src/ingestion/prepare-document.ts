import { chunkIndexTerms, chunkValues, CHUNK_TEXT_FIELDS, type ChunkValues } from '../store/fts-terms.js';
import { chunkDocument } from './chunker.js';
import { enrichMetadata } from './metadata.js';
import type { Chunk, SourceDocument } from './types.js';
import { sha256 } from '../util/sha256.js';
import { packUtf8, utf8String } from '../util/utf8-pack.js';
import { numberTokens } from '../text/normalize.js';

/** A chunk ready to be stored: its content hash (the embedding cache's key) and what the store writes. */
export interface PreparedChunk extends Omit<Chunk, 'docId' | 'text'> {
  contentHash: string;
  values: ChunkValues;
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
      contentHash: sha256(`${document.title}\n${c.text}`),
      values: chunkValues(c.text, terms[i]!),
    })),
  };
}

/**
 * Replaces the chunks' texts of prepared documents by their UTF-8 bytes, all in one new buffer, and
 * returns that buffer: a preparation thread transfers it with its reply rather than have the
 * strings copied, and the main thread hands the bytes to SQLite as they are.
 */
export function encodeChunkTexts(documents: PreparedDocument[]): ArrayBuffer {
  const chunks = documents.flatMap((d) => d.chunks);
  const { buffer, views } = packUtf8(chunks.flatMap((c) => CHUNK_TEXT_FIELDS.map((f) => utf8String(c.values[f]))));
  chunks.forEach((c, i) => CHUNK_TEXT_FIELDS.forEach((f, j) => (c.values[f] = views[i * CHUNK_TEXT_FIELDS.length + j]!)));
  return buffer;
}

/**
 * The text a document is chunked and searched under: its body, led by its summary when the summary
 * states a figure or date the body does not. A news export's summary is the article's lead
 * (baomoi's sapo), kept apart from the body and often the only place the key figure or date is
 * written: left out, a fifth of the regional questions' answers could never be retrieved
 * (docs/answer-quality.md). A lead that only restates the body (most do, and a web page's
 * description repeats its first paragraph) is not added: it would double the weight of what the
 * body says, and a restated headline ("FDI tăng gấp đôi") would outrank the briefings that give
 * the figures.
 */
export function indexedText(document: Pick<SourceDocument, 'summary' | 'text'>): string {
  const summary = document.summary?.trim();
  if (!summary) return document.text;
  const bodyFigures = new Set(figuresOf(document.text));
  if (figuresOf(summary).every((f) => bodyFigures.has(f))) return document.text;
  return `${summary}\n\n${document.text}`;
}

/** A bare year ("2017") says when, not what: it does not make a lead worth adding. */
const YEAR = /^(?:19|20)\d\d$/;

/** The numbers of a text that are not bare years: "2,15", "19/5", "6". */
function figuresOf(text: string): string[] {
  return numberTokens(text).filter((t) => !YEAR.test(t));
}
