import { countWords, splitSentences } from '../text/sentences.js';
import type { Chunk } from './types.js';

/** Chunk sizes in words. ~180 words is ~800 characters of Vietnamese news: one or two paragraphs. */
export interface ChunkOptions {
  targetWords: number;
  overlapWords: number;
  /** A single sentence longer than this is cut at clause boundaries (never inside a number). */
  maxSentenceWords: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { targetWords: 180, overlapWords: 40, maxSentenceWords: 260 };

/**
 * Cuts a document's text into overlapping, sentence-aligned chunks. Ids are `${docId}#${ordinal}`,
 * so re-chunking the same text gives the same ids.
 */
export function chunkDocument(docId: string, text: string, options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): Chunk[] {
  const sentences = splitSentences(text).flatMap((s) => splitLongSentence(s, options.maxSentenceWords));
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < sentences.length) {
    let words = 0;
    let j = i;
    while (j < sentences.length && (j === i || words + countWords(sentences[j]!) <= options.targetWords)) {
      words += countWords(sentences[j]!);
      j++;
    }
    chunks.push({ id: `${docId}#${chunks.length}`, docId, ordinal: chunks.length, text: sentences.slice(i, j).join(' ') });
    if (j >= sentences.length) break;
    // Step back over whole sentences for the overlap, but always make progress.
    let back = j;
    let overlap = 0;
    while (back - 1 > i && overlap + countWords(sentences[back - 1]!) <= options.overlapWords) {
      back--;
      overlap += countWords(sentences[back]!);
    }
    i = back;
  }
  return chunks;
}

/** Splits an over-long sentence after commas/semicolons; a comma inside a number is not a break. */
function splitLongSentence(sentence: string, maxWords: number): string[] {
  if (countWords(sentence) <= maxWords) return [sentence];
  const clauses = sentence.split(/(?<=[;,:])\s+/);
  const parts: string[] = [];
  let current = '';
  for (const clause of clauses) {
    const candidate = current ? `${current} ${clause}` : clause;
    if (current && countWords(candidate) > maxWords) {
      parts.push(current);
      current = clause;
    } else current = candidate;
  }
  if (current) parts.push(current);
  return parts;
}
