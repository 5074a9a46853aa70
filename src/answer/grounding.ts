import type { Passage } from '../index/types.js';
import { extractFigures, removeDiacritics, tokenize } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import { toCitation } from './citation.js';
import type { Citation } from './types.js';

/**
 * The grounding check run on every LLM answer before anyone sees it: citations must point at
 * passages that were given, and every figure must appear in a passage the sentence cites.
 */

/** A piece of a text with its position, so streamed text can be released exactly as received. */
export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

/** Outcome of checking one sentence or a whole answer; `reason` is one line, safe to log. */
export type Verdict = { ok: true; cited: number[] } | { ok: false; reason: string };

/** `[1]`, `[1, 2]`, `[1][2]`, `[1-3]`. */
const CITATION = /\[(\d+(?:\s*[,;–-]\s*\d+)*)\]/g;
const LEADING_CITATIONS = /^(?:\[\d+(?:\s*[,;–-]\s*\d+)*\]\s*)+/;
/** Citation markers only, possibly still being written ("[1", "[1, "). */
const ONLY_PARTIAL_CITATIONS = /^\s*(?:\[[\d\s,;–-]*\]?\s*)*$/;
const MAX_RANGE = 20;

/** Sentences of `text` (see {@link splitSentences}) with their offsets in `text`. */
export function sentenceSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let cursor = 0;
  for (const sentence of splitSentences(text)) {
    const start = text.indexOf(sentence, cursor);
    if (start < 0) continue; // cannot happen: sentences are trimmed slices of the text
    spans.push({ text: sentence, start, end: start + sentence.length });
    cursor = start + sentence.length;
  }
  return spans;
}

/**
 * Sentences of an LLM answer. Models often put the marker after the full stop ("… 140,3%. [1]"), which
 * a sentence splitter reads as the start of the next sentence: such leading markers are given back
 * to the sentence they close.
 */
export function answerSentenceSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const span of sentenceSpans(text)) {
    const lead = span.text.match(LEADING_CITATIONS)?.[0];
    const previous = spans[spans.length - 1];
    if (lead && previous) {
      const markerEnd = span.start + lead.trimEnd().length;
      previous.end = markerEnd;
      previous.text = text.slice(previous.start, markerEnd);
      const rest = span.text.slice(lead.length);
      if (rest) spans.push({ text: rest, start: span.end - rest.length, end: span.end });
    } else {
      spans.push({ ...span });
    }
  }
  return spans;
}

/** True when the text is nothing but (possibly unfinished) citation markers, e.g. the start "[1" of a stream. */
export function isOnlyCitationMarkers(text: string): boolean {
  return ONLY_PARTIAL_CITATIONS.test(text);
}

/** The passage numbers a text cites, in order of appearance, without repeats. */
export function citationNumbers(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(CITATION)) {
    for (const part of m[1]!.split(/\s*[,;]\s*/)) {
      const range = part.split(/\s*[–-]\s*/).map(Number);
      const [from, to = from] = range as [number, number?];
      for (let n = from; n <= to! && n - from < MAX_RANGE; n++) if (!out.includes(n)) out.push(n);
    }
  }
  return out;
}

/**
 * Figures of a text that must be backed by a passage: percentages, decimals, thousands, dates and
 * integers above 10. Citation markers, four-digit years and small counts ("3 tháng", list numbers)
 * are not checked: they are not the facts an LLM invents, and checking them rejects good answers.
 */
export function checkableFigures(text: string): string[] {
  return extractFigures(text.replace(CITATION, ' ')).filter((figure) => {
    if (/%$|[.,/]/.test(figure)) return true;
    const n = Number(figure);
    if (/^\d{4}$/.test(figure) && n >= 1900 && n <= 2100) return false;
    return n > 10;
  });
}

const passageFigureCache = new WeakMap<Passage, Set<string>>();

function passageFigures(passage: Passage): Set<string> {
  let figures = passageFigureCache.get(passage);
  if (!figures) {
    figures = new Set(extractFigures(passage.text));
    passageFigureCache.set(passage, figures);
  }
  return figures;
}

/**
 * Whether `figure` (canonical, from {@link extractFigures}) appears among a passage's figures. A bare
 * number also matches the same number with a percent sign ("140,3 phần trăm"), and a day/month date
 * matches a full date ("19/10" in "19/10/2023"); nothing looser, since "3.055" and "3,055" differ.
 */
export function figureIsIn(figure: string, figures: ReadonlySet<string>): boolean {
  if (figures.has(figure)) return true;
  if (!figure.endsWith('%') && figures.has(`${figure}%`)) return true;
  if (figure.includes('/')) for (const f of figures) if (f.startsWith(`${figure}/`)) return true;
  return false;
}

/**
 * Checks one answer sentence: its citation numbers must be 1..passages.length, and each figure must
 * appear in a passage it cites, or, for a sentence citing nothing, in one cited earlier.
 */
export function checkSentence(sentence: string, passages: readonly Passage[], citedSoFar: ReadonlySet<number>): Verdict {
  const cited = citationNumbers(sentence);
  const phantom = cited.filter((n) => n < 1 || n > passages.length);
  if (phantom.length > 0) {
    return { ok: false, reason: `answer cites [${phantom.join('], [')}] but only ${passages.length} passage(s) were given` };
  }
  const backing = cited.length > 0 ? cited : [...citedSoFar];
  for (const figure of checkableFigures(sentence)) {
    if (!backing.some((n) => figureIsIn(figure, passageFigures(passages[n - 1]!)))) {
      const where = backing.length > 0 ? `cited passage(s) [${backing.join('], [')}]` : 'any cited passage (the sentence cites none)';
      return { ok: false, reason: `figure "${figure}" in the answer is not in ${where}` };
    }
  }
  return { ok: true, cited };
}

/**
 * Checks a whole answer sentence by sentence (the same checks, in the same order, as a stream
 * releasing one sentence at a time) and requires at least one citation overall.
 */
export function checkAnswer(text: string, passages: readonly Passage[]): Verdict {
  const cited = new Set<number>();
  for (const span of answerSentenceSpans(text)) {
    const verdict = checkSentence(span.text, passages, cited);
    if (!verdict.ok) return verdict;
    for (const n of verdict.cited) cited.add(n);
  }
  if (cited.size === 0) return { ok: false, reason: 'answer cites no passage' };
  return { ok: true, cited: [...cited] };
}

const REFUSALS = [
  'khong tim thay', 'khong co thong tin', 'khong de cap', 'khong du thong tin', 'khong neu', 'khong cung cap',
  'khong the tra loi', 'chua co thong tin', 'do not contain', 'does not contain', "don't contain", "doesn't contain",
  'do not mention', 'does not mention', 'not mentioned', 'no information', 'not enough information', 'cannot answer',
  "can't answer", 'cannot be answered', 'do not answer', "don't answer", 'does not answer', 'do not provide', 'does not provide',
];

/** True when an answer says, in Vietnamese or English, that the passages do not answer the question. */
export function looksLikeRefusal(text: string): boolean {
  const plain = removeDiacritics(text.toLowerCase()).replace(/\s+/g, ' ');
  return REFUSALS.some((phrase) => plain.includes(phrase));
}

const CITATION_TEXT_CHARS = 300;

/**
 * Citations for the passages an answer cites, in order of first mention. Each quotes the passage
 * sentence holding a figure the answer took from it, else the sentence sharing most words with the
 * citing answer sentences, else the passage's opening.
 */
export function buildCitations(answer: string, passages: readonly Passage[]): Citation[] {
  const sentences = answerSentenceSpans(answer).map((s) => s.text);
  return citationNumbers(answer)
    .filter((n) => n >= 1 && n <= passages.length)
    .map((n) => {
      const passage = passages[n - 1]!;
      const citing = sentences.filter((s) => citationNumbers(s).includes(n));
      return toCitation(n, passage, quoteFor(passage, citing));
    });
}

function quoteFor(passage: Passage, citing: string[]): string {
  const candidates = splitSentences(passage.text);
  const figures = citing.flatMap(checkableFigures);
  const withFigure = candidates.find((s) => {
    const own = new Set(extractFigures(s));
    return figures.some((f) => figureIsIn(f, own));
  });
  if (withFigure) return withFigure;
  const wanted = new Set(citing.flatMap((s) => tokenize(s.replace(CITATION, ' '))));
  let best = '';
  let bestScore = 0;
  for (const sentence of candidates) {
    const score = new Set(tokenize(sentence).filter((t) => wanted.has(t))).size;
    if (score > bestScore) [best, bestScore] = [sentence, score];
  }
  if (best) return best;
  return opening(passage.text);
}

function opening(text: string): string {
  if (text.length <= CITATION_TEXT_CHARS) return text;
  const cut = text.lastIndexOf(' ', CITATION_TEXT_CHARS);
  return `${text.slice(0, cut > 0 ? cut : CITATION_TEXT_CHARS)}…`;
}
