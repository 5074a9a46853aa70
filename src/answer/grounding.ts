import type { Passage } from '../store/types.js';
import { extractFigures, plainToken, removeDiacritics, tokenize } from '../text/normalize.js';
import type { QuestionFrame } from '../text/question-frame.js';
import { splitSentences } from '../text/sentences.js';
import { toCitation } from './citation.js';
import { frameFit, type FrameFit } from './frame-fit.js';
import type { Citation } from './types.js';

/**
 * The grounding check run on every LLM answer before anyone sees it: citations must point at
 * passages that were given; every number (figure, date, year, count) must appear in a passage the
 * sentence cites, with the same direction (tăng/giảm) and, given the question, in a sentence about
 * the place and period asked; URLs must be in the cited passage; a sentence without figures must
 * share most of its words with the passages it relies on.
 */

/** A piece of a text with its position, so streamed text can be released exactly as received. */
export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

/**
 * Which check an answer failed: callers decide by this, never by the wording of `reason`.
 * - `phantom-citation`: it cites a passage number that was not given;
 * - `figure`: a figure (or its unit) is not in the cited passages;
 * - `direction`: a figure is said to rise where the passage says it fell, or the reverse;
 * - `place-or-period`: a figure comes from a sentence about another place or period than asked;
 * - `url`: a web address is not in the cited passages;
 * - `unsupported`: a sentence without figures shares too few words with its passages;
 * - `no-citation`: the whole answer cites no passage.
 */
export type VerdictKind = 'phantom-citation' | 'figure' | 'direction' | 'place-or-period' | 'url' | 'unsupported' | 'no-citation';

/** Outcome of checking one sentence or a whole answer; `reason` is one line, safe to log. */
export type Verdict = { ok: true; cited: number[] } | { ok: false; kind: VerdictKind; reason: string };

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
      for (let n = from; n <= to && n - from < MAX_RANGE; n++) if (!out.includes(n)) out.push(n);
    }
  }
  return out;
}

/**
 * Every number of a text, which must be backed by a passage: percentages, decimals, amounts, dates,
 * years and small counts alike ("9 sân bay", "năm 2099" are facts an LLM can invent). Citation
 * markers and the numbering of a list ("1.", "2)" at a line's start) are not facts.
 */
export function checkableFigures(text: string): string[] {
  return extractFigures(text.replace(CITATION, ' ').replace(LIST_NUMBERING, ' '));
}

const LIST_NUMBERING = /^\s*\d{1,2}[.)](?=\s)/gm;

interface PassageFacts {
  figures: Set<string>;
  /** For each figure, the direction words written just before its occurrences ('' for none). */
  directions: Map<string, Set<Direction | ''>>;
  /** For each figure, the words written right after it, diacritic-free ("9" → "thang"). */
  units: Map<string, Set<string>>;
  /** Diacritic-free syllables, for judging whether a sentence without figures is supported. */
  words: Set<string>;
  sentences: string[];
}

const passageFactCache = new WeakMap<Passage, PassageFacts>();

function passageFacts(passage: Passage): PassageFacts {
  let facts = passageFactCache.get(passage);
  if (!facts) {
    const text = `${passage.title}\n${passage.text}`;
    facts = {
      figures: new Set(extractFigures(passage.text)),
      directions: figureDirections(passage.text),
      units: figureUnits(passage.text),
      words: new Set(tokenize(text).map(plainToken)),
      sentences: splitSentences(passage.text),
    };
    passageFactCache.set(passage, facts);
  }
  return facts;
}

/**
 * Whether `figure` (canonical, from {@link extractFigures}) appears among a passage's figures. A bare
 * number also matches the same number with a percent sign ("140,3 phần trăm"), a day/month date
 * matches a full date ("19/10" in "19/10/2023"), and a year or day matches a part of a written date
 * ("2023" in "19/10/2023"); nothing looser, since "3.055" and "3,055" differ.
 */
export function figureIsIn(figure: string, figures: ReadonlySet<string>): boolean {
  if (figures.has(figure)) return true;
  if (!figure.endsWith('%') && figures.has(`${figure}%`)) return true;
  for (const f of figures) {
    if (!f.includes('/')) continue;
    if (
      figure.includes('/')
        ? f.startsWith(`${figure}/`)
        : /^\d+$/.test(figure) && f.split('/').some((part) => Number(part) === Number(figure))
    )
      return true;
  }
  return false;
}

type Direction = 'up' | 'down';

/** Words saying which way a figure went, diacritic-free, lower case. */
const DIRECTION_WORDS: Array<[RegExp, Direction]> = [
  [/^(?:tang|increase[sd]?|rise|rose|risen|grew|grow|grown|up|gain(?:ed)?)$/, 'up'],
  [/^(?:giam|sut|decrease[sd]?|fell|fall|fallen|drop(?:ped)?|down|declined?)$/, 'down'],
];
/** How many words before a figure its direction word may stand ("tăng 140,3%", "giảm mạnh 12%"). */
const DIRECTION_REACH = 3;

function directionOf(word: string): Direction | undefined {
  return DIRECTION_WORDS.find(([re]) => re.test(word))?.[1];
}

/** The direction word written within a few words before each figure of a text. */
function figureDirections(text: string): Map<string, Set<Direction | ''>> {
  const out = new Map<string, Set<Direction | ''>>();
  const clean = text.normalize('NFC').replace(CITATION, ' ');
  for (const m of clean.matchAll(FIGURE)) {
    const figure = m[0].replace(/\s+/g, '');
    // Words between the figure and the previous figure or clause break, nearest first.
    const before =
      clean
        .slice(Math.max(0, m.index - 40), m.index)
        .split(/[\d,;:.!?()]/)
        .pop() ?? '';
    const words = tokenize(before).map(plainToken).slice(-DIRECTION_REACH).reverse();
    let direction: Direction | '' = '';
    for (const w of words) {
      const d = directionOf(w);
      if (d) {
        direction = d;
        break;
      }
    }
    const set = out.get(figure) ?? new Set();
    set.add(direction);
    out.set(figure, set);
  }
  return out;
}

/** The word right after each figure of a text, diacritic-free: what a count counts. */
function figureUnits(text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const clean = text.normalize('NFC').replace(CITATION, ' ');
  for (const m of clean.matchAll(FIGURE)) {
    const unit = /^\s*([\p{L}\p{M}]+)/u.exec(clean.slice(m.index + m[0].length, m.index + m[0].length + 20))?.[1];
    const set = out.get(m[0].replace(/\s+/g, '')) ?? new Set();
    set.add(unit ? plainToken(unit.toLowerCase()) : '');
    out.set(m[0].replace(/\s+/g, ''), set);
  }
  return out;
}

/** A count ("9 sân bay"): a whole number of up to three digits, so easily found elsewhere in a passage ("9 tháng"). */
const COUNT = /^\d{1,3}$/;

/** A figure as {@link extractFigures} reads it. */
const FIGURE = /\d+(?:[.,/]\d+)*(?:\s?%)?/g;

/** A figure's directions in a passage, whether written with or without its percent sign. */
function directionsIn(facts: PassageFacts, figure: string): Set<Direction | ''> {
  const out = new Set<Direction | ''>();
  for (const f of [figure, `${figure}%`, figure.replace(/%$/, '')]) for (const d of facts.directions.get(f) ?? []) out.add(d);
  return out;
}

/** URLs and bare web addresses ("www.x.vn", "x.com/y"). */
const URL_SCHEME = /https?:\/\/[^\s<>()"'\]]+/;
const URL_WWW = /www\.[^\s<>()"'\]]+/;
const URL_BARE_HOST = /[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|vn|info|io|xyz|top|ru|cn|me|co|app|link|site|online)/;
const URL_BARE_PATH = /(?:\/[^\s<>()"'\]]*)?/;
const URL = new RegExp(`\\b(?:${URL_SCHEME.source}|${URL_WWW.source}|${URL_BARE_HOST.source}${URL_BARE_PATH.source})`, 'giu');

function urlsOf(text: string): string[] {
  return [...text.matchAll(URL)].map((m) => m[0].replace(/[.,;:!?]+$/, ''));
}

/**
 * Share of a sentence's words (diacritic-free syllables, function words aside) that a sentence
 * without figures must find in the passages it relies on: paraphrase keeps most of the words, an
 * invented claim does not.
 */
const MIN_WORD_SUPPORT = 0.5;
/** Function words that carry no claim. */
const FUNCTION_WORDS = new Set([
  'va',
  'la',
  'cua',
  'cac',
  'nhung',
  'mot',
  'co',
  'duoc',
  'trong',
  'voi',
  'cho',
  'den',
  'tu',
  'tai',
  'o',
  'theo',
  'nay',
  'do',
  'thi',
  'ma',
  'nen',
  'vi',
  'de',
  'khi',
  'da',
  'dang',
  'se',
  'cung',
  'rat',
  'hon',
  'nhat',
  'nhu',
  've',
  'tren',
  'ra',
  'vao',
  'len',
  'khac',
  'nhieu',
  'the',
  'a',
  'an',
  'of',
  'and',
  'in',
  'to',
  'is',
  'are',
  'was',
  'for',
  'on',
  'by',
  'with',
]);

/**
 * Checks one answer sentence: its citation numbers must be 1..passages.length; each number in it
 * (figures, dates, years, counts) must appear in a passage it cites, or, for a sentence citing
 * nothing, in one cited earlier, with the same direction word beside it when one is written
 * ("giảm 140,3%" is refused where the passage says "tăng 140,3%"), and, given the question's
 * frame, in a sentence about the place and period asked; each URL must be in a cited passage; and
 * a sentence without figures must share most of its words with the cited passages.
 */
export function checkSentence(
  sentence: string,
  passages: readonly Passage[],
  citedSoFar: ReadonlySet<number>,
  frame?: QuestionFrame,
): Verdict {
  const cited = citationNumbers(sentence);
  const phantom = cited.filter((n) => n < 1 || n > passages.length);
  if (phantom.length > 0) {
    return {
      ok: false,
      kind: 'phantom-citation',
      reason: `answer cites [${phantom.join('], [')}] but only ${passages.length} passage(s) were given`,
    };
  }
  // "Các đoạn trích không đề cập đến ngân sách năm 2030." asserts nothing: the answer is a refusal.
  if (cited.length === 0 && citedSoFar.size === 0 && looksLikeRefusal(sentence)) return { ok: true, cited: [] };
  const backing = cited.length > 0 ? cited : [...citedSoFar];
  const where = backing.length > 0 ? `cited passage(s) [${backing.join('], [')}]` : 'any cited passage (the sentence cites none)';
  const facts = backing.map((n) => ({ passage: passages[n - 1]!, facts: passageFacts(passages[n - 1]!) }));
  const figures = checkableFigures(sentence);
  const written = figureDirections(sentence);
  for (const figure of figures) {
    const holding = facts.filter((f) => figureIsIn(figure, f.facts.figures));
    if (holding.length === 0) return { ok: false, kind: 'figure', reason: `figure "${figure}" in the answer is not in ${where}` };
    // A count must count the same thing: "9 sân bay" is not backed by "9 tháng".
    if (COUNT.test(figure)) {
      const unit = [...(figureUnits(sentence).get(figure) ?? [])][0] ?? '';
      if (unit && !holding.some((f) => f.facts.units.get(figure)?.has(unit)))
        return { ok: false, kind: 'figure', reason: `"${figure} ${unit}" in the answer is not in ${where}` };
    }
    const direction = [...(written.get(figure) ?? [])].find((d) => d !== '');
    if (direction) {
      const there = new Set(holding.flatMap((f) => [...directionsIn(f.facts, figure)]));
      // Refused only when the passages say the other way, every time they give the figure.
      if (there.size > 0 && !there.has(direction) && !there.has(''))
        return {
          ok: false,
          kind: 'direction',
          reason: `figure "${figure}" is said to go ${direction} but the passage says it went ${direction === 'up' ? 'down' : 'up'}`,
        };
    }
    if (frame && !/^\d{4}$/.test(figure)) {
      const fitting = holding.some(({ passage, facts: f }) =>
        f.sentences.some(
          (s, i) =>
            figureIsIn(figure, new Set(extractFigures(s))) &&
            fitsPlaceAndPeriod(frameFit(frame, s, { ...passage, before: f.sentences.slice(0, i) })),
        ),
      );
      if (!fitting)
        return {
          ok: false,
          kind: 'place-or-period',
          reason: `figure "${figure}" comes from a sentence about another place or period than the question asks`,
        };
    }
  }
  const sources = new Set(facts.flatMap((f) => [f.passage.text, f.passage.url ?? '']));
  for (const url of urlsOf(sentence.replace(CITATION, ' '))) {
    if (![...sources].some((text) => text.includes(url)))
      return { ok: false, kind: 'url', reason: `URL "${url}" in the answer is not in ${where}` };
  }
  if (figures.length === 0 && backing.length > 0) {
    const words = tokenize(sentence.replace(CITATION, ' '))
      .map(plainToken)
      .filter((w) => !FUNCTION_WORDS.has(w));
    const known = words.filter((w) => facts.some((f) => f.facts.words.has(w))).length;
    if (words.length > 0 && known / words.length < MIN_WORD_SUPPORT)
      return { ok: false, kind: 'unsupported', reason: `sentence shares too few words with ${where} (${known} of ${words.length})` };
  }
  return { ok: true, cited };
}

/** A figure's sentence may back an answer when it is not about another place or period (its kind is the answer's business). */
function fitsPlaceAndPeriod(fit: FrameFit): boolean {
  return fit.place !== 'other' && fit.period !== 'other';
}

/**
 * Checks a whole answer sentence by sentence (the same checks, in the same order, as a stream
 * releasing one sentence at a time) and requires at least one citation overall.
 */
export function checkAnswer(text: string, passages: readonly Passage[], frame?: QuestionFrame): Verdict {
  const cited = new Set<number>();
  for (const span of answerSentenceSpans(text)) {
    const verdict = checkSentence(span.text, passages, cited, frame);
    if (!verdict.ok) return verdict;
    for (const n of verdict.cited) cited.add(n);
  }
  if (cited.size === 0) return { ok: false, kind: 'no-citation', reason: 'answer cites no passage' };
  return { ok: true, cited: [...cited] };
}

const REFUSALS = [
  'khong tim thay',
  'khong co thong tin',
  'khong de cap',
  'khong du thong tin',
  'khong neu',
  'khong cung cap',
  'khong the tra loi',
  'chua co thong tin',
  'do not contain',
  'does not contain',
  "don't contain",
  "doesn't contain",
  'do not mention',
  'does not mention',
  'not mentioned',
  'no information',
  'not enough information',
  'cannot answer',
  "can't answer",
  'cannot be answered',
  'do not answer',
  "don't answer",
  'does not answer',
  'do not provide',
  'does not provide',
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
