import { chunkIndexTerms, type ChunkIndexTerms } from '../store/fts-terms.js';
import { chunkDocument } from './chunker.js';
import { enrichMetadata } from './metadata.js';
import type { Chunk, SourceDocument } from './types.js';
import { sha256 } from '../util/sha256.js';
import { tokenize } from '../text/normalize.js';

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
  return tokenize(text).filter((t) => /^\d/.test(t) && !YEAR.test(t));
}
