import { tokenizeBoth } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';

/**
 * A chunk's heading and sentences in the forms questions are compared in, made once at ingestion
 * and stored with the chunk: re-ranking reads them instead of re-tokenising every candidate for
 * every question (that was half of a question's time).
 *
 * Each stream is ` heading \n sentence \n sentence … `: tokens separated by single spaces, segments
 * by `\n`, with a space on both sides of every token, so ` token ` finds a whole token and
 * ` first second ` a pair of syllables within one segment.
 */
export interface SentenceTerms {
  /** Lower case, canonical tone placement (see `tokenize`). */
  accented: string;
  /** The same tokens without diacritics. */
  plain: string;
}

/** Ends each segment of a stream but the last. */
export const SEGMENT_BREAK = '\n';

/** A chunk's {@link SentenceTerms} with its plain tokens, segment by segment, as {@link streamSegments} reads them back. */
export interface ChunkTerms extends SentenceTerms {
  plainSegments: string[][];
}

/**
 * The stored streams of one document's chunks, all under the same heading (title and region), each
 * with its text's sentences: the heading is tokenised once, and so is each sentence the
 * overlapping chunks share.
 */
export function documentTerms(heading: string): (text: string) => ChunkTerms {
  const bySentence = new Map<string, { accented: string[]; plain: string[] }>();
  const tokensOf = (sentence: string) => {
    let tokens = bySentence.get(sentence);
    if (tokens === undefined) {
      tokens = tokenizeBoth(sentence);
      bySentence.set(sentence, tokens);
    }
    return tokens;
  };
  const head = tokensOf(heading);
  return (text) => {
    const segments = [head, ...splitSentences(text).map(tokensOf)];
    const plain = segments.map((s) => s.plain);
    return {
      accented: toStream(segments.map((s) => s.accented)),
      plain: toStream(plain),
      // A token of marks alone has no plain form: the plain stream holds it as nothing between two spaces.
      plainSegments: plain.map((s) => (s.includes('') ? s.filter((t) => t !== '') : s)),
    };
  };
}

function toStream(segments: string[][]): string {
  return ` ${segments.map((t) => t.join(' ')).join(` ${SEGMENT_BREAK} `)} `;
}

/** Where a token (or two syllables joined by a space) occurs in a stream. */
export interface Occurrences {
  /** The segments (0 = heading, then one per sentence) holding it, in order, each once. */
  segments: number[];
  /** How many times it occurs in all. */
  count: number;
}

/** Finds `needle` in a stream whose segment breaks are `breaks` (see {@link segmentBreaks}). */
export function occurrences(stream: string, breaks: number[], needle: string): Occurrences {
  const segments: number[] = [];
  const padded = ` ${needle} `;
  let count = 0;
  let segment = 0;
  for (let at = stream.indexOf(padded); at >= 0; at = stream.indexOf(padded, at + 1)) {
    count++;
    while (segment < breaks.length && breaks[segment]! < at) segment++;
    if (segments[segments.length - 1] !== segment) segments.push(segment);
  }
  return { segments, count };
}

/**
 * The length of a stream for bm25's length normalisation: its spaces, that is its tokens plus its
 * segments. Counted the same way in SQL (see `IndexStore.refreshStatistics`).
 */
export function streamLength(stream: string): number {
  let spaces = 0;
  for (let i = 0; i < stream.length; i++) if (stream.charCodeAt(i) === 32) spaces++;
  return spaces;
}

/** The tokens of a stream, segment by segment (the heading first). */
export function streamSegments(stream: string): string[][] {
  return stream.split(SEGMENT_BREAK).map((segment) => segment.split(' ').filter((t) => t !== ''));
}

/** Offsets of the segment breaks of a stream: segment `i` ends at `breaks[i]`. */
export function segmentBreaks(stream: string): number[] {
  const out: number[] = [];
  for (let at = stream.indexOf(SEGMENT_BREAK); at >= 0; at = stream.indexOf(SEGMENT_BREAK, at + 1)) out.push(at);
  return out;
}
