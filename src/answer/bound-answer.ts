import { splitSentences } from '../text/sentences.js';
import type { Citation } from './types.js';

/**
 * Length caps on what a user is shown, applied once to every answer after it is made (extractive
 * or LLM): a briefing with no sentence punctuation once gave a 40 MB "sentence", printed whole as
 * the answer and again as its quote. Chunks are capped too (MAX_CHUNK_CHARS); these keep replies
 * short whatever a passage holds.
 */
export const ANSWER_LIMITS = {
  /** A sentence of an answer or quote longer than this is cut at a word, with "…" (1 in 1,000 of the shipped corpus). */
  sentence: 800,
  /** The whole answer text. */
  answer: 2000,
  /** A citation's quote (the cited sentences, joined by " … "). */
  quote: 1600,
} as const;

/** Citation markers and the full stop closing a sentence ("… [1][2]."): kept when the sentence is cut. */
const TRAILING_MARKERS = /(?:\s*\[\d+\])+[.!?…]*$/;

/**
 * `text` cut to at most `max` characters at a word boundary, marked with "…"; citation markers at
 * its end are kept after the ellipsis. Text within `max` is returned as it is.
 */
export function shortenText(text: string, max: number): string {
  if (text.length <= max) return text;
  const markers = TRAILING_MARKERS.exec(text.slice(-40))?.[0].trim() ?? '';
  const room = Math.max(1, max - 1 - (markers ? markers.length + 1 : 0));
  let cut = text.lastIndexOf(' ', room);
  // No space near the end (a run of letters): cut between characters, never inside a surrogate pair.
  if (cut < room * 0.6) cut = /[\uDC00-\uDFFF]/.test(text[room] ?? '') ? room - 1 : room;
  const kept = text.slice(0, cut).replace(/[\s,;:]+$/, '');
  return markers ? `${kept}… ${markers}` : `${kept}…`;
}

/** Every over-long sentence of `text` cut (see {@link shortenText}); lines and short sentences are kept as they are. */
function shortenSentences(text: string, max: number): string {
  return text
    .split('\n')
    .map((line) =>
      line.length <= max
        ? line
        : splitSentences(line)
            .map((s) => shortenText(s, max))
            .join(' '),
    )
    .join('\n');
}

/** An answer (its text and citations) within {@link ANSWER_LIMITS}; unchanged when already within them. */
export function boundAnswer<T extends { answer: string; citations: Citation[] }>(result: T): T {
  const answer = shortenText(shortenSentences(result.answer, ANSWER_LIMITS.sentence), ANSWER_LIMITS.answer);
  const quotes = result.citations.map((c) => boundQuote(c.text));
  if (answer === result.answer && quotes.every((q, i) => q === result.citations[i]!.text)) return result;
  return { ...result, answer, citations: result.citations.map((c, i) => ({ ...c, text: quotes[i]! })) };
}

/** A quote within the limits: each of its sentences (joined by " … ") cut alone, then the whole. */
function boundQuote(quote: string): string {
  if (quote.length <= ANSWER_LIMITS.sentence) return quote;
  const parts = quote.split(' … ').map((part) => shortenText(part, ANSWER_LIMITS.sentence));
  return shortenText(parts.join(' … '), ANSWER_LIMITS.quote);
}
