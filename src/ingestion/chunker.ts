import { countWords, splitSentences } from '../text/sentences.js';
import type { Chunk } from './types.js';

/** Chunk sizes in words. ~180 words is ~800 characters of Vietnamese news: one or two paragraphs. */
export interface ChunkOptions {
  targetWords: number;
  overlapWords: number;
  /** A single sentence longer than this is cut at clause boundaries (never inside a number). */
  maxSentenceWords: number;
  /**
   * Hard cap on a chunk's length in characters, whatever the text: a "sentence" without punctuation
   * is cut at clauses, then words, then characters to fit. Default {@link MAX_CHUNK_CHARS}.
   */
  maxChunkChars?: number;
}

/**
 * No chunk is longer than this. Text with no sentence punctuation (a one-line export, a run of
 * letters) once made one chunk of 40 MB: every answer and quote drawn from it was as long.
 */
export const MAX_CHUNK_CHARS = 2000;

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = {
  targetWords: 180,
  overlapWords: 40,
  maxSentenceWords: 260,
  maxChunkChars: MAX_CHUNK_CHARS,
};

/**
 * Cuts a document's text into overlapping, sentence-aligned chunks of at most `maxChunkChars`
 * characters. Ids are `${docId}#${ordinal}`, so re-chunking the same text gives the same ids.
 */
export function chunkDocument(docId: string, text: string, options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): Chunk[] {
  const limits: Limits = { words: options.maxSentenceWords, chars: options.maxChunkChars ?? MAX_CHUNK_CHARS };
  const sentences = splitSentences(text).flatMap((s) => splitLongSentence(s, limits));
  // Counted once: a long document has many sentences, each looked at several times below.
  const words = sentences.map(countWords);
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < sentences.length) {
    let total = 0;
    let chars = -1;
    let j = i;
    while (
      j < sentences.length &&
      (j === i || (total + words[j]! <= options.targetWords && chars + 1 + sentences[j]!.length <= limits.chars))
    ) {
      total += words[j]!;
      chars += 1 + sentences[j]!.length;
      j++;
    }
    chunks.push({ id: `${docId}#${chunks.length}`, docId, ordinal: chunks.length, text: sentences.slice(i, j).join(' ') });
    if (j >= sentences.length) break;
    // Step back over whole sentences for the overlap, but always make progress.
    let back = j;
    let overlap = 0;
    while (back - 1 > i && overlap + words[back - 1]! <= options.overlapWords) {
      back--;
      overlap += words[back]!;
    }
    i = back;
  }
  return chunks;
}

interface Limits {
  words: number;
  chars: number;
}

/**
 * Cuts an over-long sentence into parts within the limits: after commas, semicolons and colons
 * (a comma inside a number is not a break), then between words, and a "word" longer than a whole
 * part (a run of letters with no space) between characters.
 */
function splitLongSentence(sentence: string, limits: Limits): string[] {
  if (sentence.length <= limits.chars && countWords(sentence) <= limits.words) return [sentence];
  return pack(sentence.split(/(?<=[;,:])\s+/), limits, (clause) => splitAtWords(clause, limits));
}

/**
 * Joins pieces with spaces into as few parts as the limits allow, in order; a piece over the
 * limits on its own is replaced by `splitPiece`'s parts. Counts are kept as it goes, so a
 * sentence of a million clauses costs a million steps.
 */
function pack(pieces: string[], limits: Limits, splitPiece: (piece: string) => string[]): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  let words = 0;
  let chars = -1;
  const flush = () => {
    if (current.length > 0) parts.push(current.join(' '));
    current = [];
    words = 0;
    chars = -1;
  };
  for (const piece of pieces) {
    const n = countWords(piece);
    if (piece.length > limits.chars || n > limits.words) {
      flush();
      parts.push(...splitPiece(piece));
      continue;
    }
    if (current.length > 0 && (words + n > limits.words || chars + 1 + piece.length > limits.chars)) flush();
    current.push(piece);
    words += n;
    chars += 1 + piece.length;
  }
  flush();
  return parts;
}

/** Parts of whole words within the limits, sliced from `text` (its words are never all copied at once). */
function splitAtWords(text: string, limits: Limits): string[] {
  const parts: string[] = [];
  let start = -1;
  let end = 0;
  let words = 0;
  const flush = () => {
    if (start >= 0) parts.push(text.slice(start, end));
    start = -1;
    words = 0;
  };
  const word = /\S+/g;
  for (let m = word.exec(text); m !== null; m = word.exec(text)) {
    const wordEnd = m.index + m[0].length;
    if (m[0].length > limits.chars) {
      flush();
      parts.push(...splitAtCharacters(m[0], limits.chars));
      continue;
    }
    if (start >= 0 && (words + 1 > limits.words || wordEnd - start > limits.chars)) flush();
    if (start < 0) start = m.index;
    end = wordEnd;
    words++;
  }
  flush();
  return parts;
}

/** Cuts a run with no space into pieces of at most `max` characters, never between a surrogate pair or before a combining mark. */
function splitAtCharacters(run: string, max: number): string[] {
  const parts: string[] = [];
  let start = 0;
  while (run.length - start > max) {
    let cut = start + max;
    while (cut > start + 1 && (/[\uDC00-\uDFFF]/.test(run[cut]!) || /\p{M}/u.test(run[cut]!))) cut--;
    parts.push(run.slice(start, cut));
    start = cut;
  }
  parts.push(run.slice(start));
  return parts;
}
