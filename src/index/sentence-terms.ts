import { plainToken, tokenize } from '../text/normalize.js';
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

const SEGMENT_BREAK = '\n';

/** The stored streams of a chunk, and its tokens (heading, then text) for the full-text index. */
export function sentenceTerms(heading: string, text: string): { terms: SentenceTerms; headingTokens: string[]; textTokens: string[] } {
  const headingTokens = tokenize(heading);
  const sentences = splitSentences(text).map(tokenize);
  const segments = [headingTokens, ...sentences];
  const stream = (tokens: string[][]) => ` ${tokens.map((t) => t.join(' ')).join(` ${SEGMENT_BREAK} `)} `;
  return {
    terms: { accented: stream(segments), plain: stream(segments.map((s) => s.map(plainToken))) },
    headingTokens,
    textTokens: sentences.flat(),
  };
}

/**
 * The segments (0 = heading, then one per sentence) in which `needle` (one token, or two
 * syllables joined by a space) occurs, in order, each once.
 */
export function segmentsContaining(stream: string, breaks: number[], needle: string): number[] {
  const out: number[] = [];
  const padded = ` ${needle} `;
  let segment = 0;
  for (let at = stream.indexOf(padded); at >= 0; at = stream.indexOf(padded, at + 1)) {
    while (segment < breaks.length && breaks[segment]! < at) segment++;
    if (out[out.length - 1] !== segment) out.push(segment);
  }
  return out;
}

/** Offsets of the segment breaks of a stream: segment `i` ends at `breaks[i]`. */
export function segmentBreaks(stream: string): number[] {
  const out: number[] = [];
  for (let at = stream.indexOf(SEGMENT_BREAK); at >= 0; at = stream.indexOf(SEGMENT_BREAK, at + 1)) out.push(at);
  return out;
}
