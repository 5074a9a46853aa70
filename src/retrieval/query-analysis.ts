import { plainToken, removeDiacritics, tokenize } from '../text/normalize.js';
import { timeHintsOf, type TimeHints } from '../text/dates.js';
import { askedScalePositions, interrogativePositions, isQuestionWord } from '../text/question-words.js';
import { NATIONWIDE, parseQuestionFrame, type QuestionFrame, type Vocabulary } from '../text/question-frame.js';
import { pairTerm } from '../store/fts-terms.js';
import { findParaphrases } from '../text/paraphrases.js';
import { DEFAULT_RANKING, type RankingOptions } from './ranking-options.js';
import type { Passage } from '../store/types.js';

/** One matchable term of a question, with how informative it is in this index. */
export interface QueryTerm {
  /** The form matched in FTS5: a syllable as typed (accented or not); a pair always diacritic-free. */
  term: string;
  /** Diacritic-free form, for matching inside passages whatever the typing. */
  plain: string;
  isPair: boolean;
  /** Inverse document frequency in the index (0 when the term occurs nowhere). */
  idf: number;
  df: number;
}

/** One news-register phrase standing for words of the question (see {@link AnalysedQuery.expansions}). */
export interface Expansion {
  /** The phrase's terms, as a question's: its diacritic-free pairs, or its one syllable; all known to the index. */
  terms: QueryTerm[];
  /** The question's own terms (syllables and pairs) the phrase says in other words. */
  covers: string[];
}

export interface AnalysedQuery {
  /** What the question asks (places, period, subject, kind of answer), read once. */
  frame: QuestionFrame;
  /** True when the question was typed with diacritics: match the accented columns. */
  accented: boolean;
  /** Provinces and cities the question names (canonical names): a preference, not words to match. */
  regions: string[];
  /** The time the question names ("9 tháng 2023", "năm 2017"): a preference on dates. */
  time: TimeHints;
  tokens: string[];
  /** Terms worth matching, rarest first. */
  terms: QueryTerm[];
  /**
   * The news-register phrasings of what the question says in everyday words ("kinh phí" for
   * "tốn kém": src/text/paraphrases.ts). Optional extras, never the question's own words: they
   * weigh in retrieval and coverage only through their own options (`expansionWeight`,
   * `expansionCoverage`, `expansionAnswerCoverage` in ranking-options.ts).
   */
  expansions: Expansion[];
  /**
   * The question asks what is new (about the place it names, if any: "Có tin gì mới?", "Tin mới
   * nhất về Nghệ An?") rather than for a fact: answered with the newest briefings.
   */
  latestNews: boolean;
}

/**
 * Breaks a question into the terms retrieval matches: syllables and syllable pairs, without the
 * words that only shape the question, with document frequencies looked up in the index.
 */
export function analyseQuery(question: string, totalChunks: number, documentFrequency: (term: string) => number): AnalysedQuery {
  const { frame, accented, tokens, plain, regions, time, context } = questionShape(question, {
    frequency: documentFrequency,
    pairFrequency: (a, b) => documentFrequency(pairTerm(a, b)),
  });
  const n = Math.max(totalChunks, 1);
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  const add = (term: string, isPair: boolean) => {
    if (seen.has(term)) return;
    seen.add(term);
    const df = documentFrequency(term);
    // A word the corpus has never seen is the most specific part of the question, and it is
    // missing from every passage: it must weigh in coverage, or "football on Mars" would look
    // answered by any passage about football. An unseen pair is just an unusual phrasing.
    const idf = df === 0 ? (isPair ? 0 : Math.log(1 + (n + 0.5) / 0.5)) : Math.log(1 + (n - df + 0.5) / (df + 0.5));
    terms.push({ term, plain: removeDiacritics(term), isPair, idf, df });
  };
  const isContext = (_t: string, i: number) => context.has(i);
  // Pairs with a function word ("fdi của", "tăng bao") are accidents of phrasing, not words.
  const interrogative = interrogativePositions(tokens, accented);
  // The scale of "bao nhiêu triệu" is the answer's unit, no subject word.
  const scale = askedScalePositions(tokens, accented);
  const skip = (t: string, i: number) => isQuestionWord(t, accented) || isContext(t, i) || scale.has(i);
  const pairable = (i: number) => !isContext(tokens[i]!, i) && !interrogative.has(i);
  tokens.forEach((t, i) => {
    if (!skip(t, i)) add(t, false);
    const next = tokens[i + 1];
    if (next !== undefined && !(skip(t, i) && skip(next, i + 1)) && pairable(i) && pairable(i + 1))
      add(removeDiacritics(pairTerm(t, next)), true);
  });
  // "Tin Hải Phòng?": when the place is all there is, match it.
  if (terms.length === 0) tokens.forEach((t, i) => isContext(t, i) && !isQuestionWord(t, accented) && add(t, false));
  terms.sort((a, b) => b.idf - a.idf);
  const expansions = expansionsOf(tokens, accented, seen, (term, isPair) => {
    const df = documentFrequency(term);
    return { term, plain: removeDiacritics(term), isPair, idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)), df };
  });
  return {
    frame,
    accented,
    regions,
    time,
    tokens,
    terms,
    expansions,
    latestNews: asksLatestNews(tokens, plain, context, regions, accented),
  };
}

/**
 * The lexicon's news phrasings of the question's everyday words (see src/text/paraphrases.ts), as
 * terms in the forms the question's take: a phrase of one syllable as typed (accented or not),
 * longer ones as their diacritic-free pairs. A phrase with a term the index has never seen, or
 * that adds nothing the question does not already match, is left out.
 */
function expansionsOf(
  tokens: string[],
  accented: boolean,
  questionTerms: Set<string>,
  term: (t: string, isPair: boolean) => QueryTerm,
): Expansion[] {
  const out: Expansion[] = [];
  const plain = tokens.map(plainToken);
  for (const m of findParaphrases(tokens, accented)) {
    const covers: string[] = [];
    for (let i = m.start; i < m.end; i++) {
      covers.push(accented ? tokens[i]! : plain[i]!);
      if (i + 1 < m.end) covers.push(pairTerm(plain[i]!, plain[i + 1]!));
    }
    for (const phrase of m.written) {
      const words = phrase.map(plainToken);
      const forms =
        words.length === 1 ? [{ t: accented ? phrase[0]! : words[0]!, pair: false }] : pairsOfWords(words).map((t) => ({ t, pair: true }));
      if (forms.every((f) => questionTerms.has(f.t))) continue;
      const terms = forms.map((f) => term(f.t, f.pair));
      if (terms.some((t) => t.df === 0)) continue;
      out.push({ terms, covers });
    }
  }
  return out;
}

function pairsOfWords(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) out.push(pairTerm(words[i]!, words[i + 1]!));
  return out;
}

/**
 * True when a question asks what is new (see {@link AnalysedQuery.latestNews}): answered from
 * dates, so semantic search need not embed it.
 */
export function asksForNews(question: string): boolean {
  const { accented, tokens, plain, regions, context } = questionShape(question);
  return asksLatestNews(tokens, plain, context, regions, accented);
}

/**
 * What a question is made of: its frame, and the tokens that spell its place and time (matched on
 * the documents' region and dates instead of as words: the syllables of "Hải Phòng" would match
 * rooms and seas all over the corpus).
 */
function questionShape(question: string, vocabulary?: Vocabulary) {
  const frame = parseQuestionFrame(question, { vocabulary });
  const { accented, tokens } = frame;
  const plain = accented ? tokens.map(plainToken) : tokens;
  const regions = frame.places.filter((p) => p !== NATIONWIDE);
  return { frame, accented, tokens, plain, regions, time: timeHintsOf(frame.period), context: new Set(frame.contextPositions) };
}

/** Words of a question that asks for news in general: "tin (tức) mới nhất", "tình hình", "có gì mới". */
const NEWS_WORDS = new Set([
  'tin',
  'tuc',
  'moi',
  'nhat',
  'gan',
  'day',
  'hom',
  'nay',
  'tinh',
  'hinh',
  'the',
  'nao',
  'ra',
  'sao',
  'gi',
  've',
  'co',
  'cac',
  'nhung',
  'ban',
  'o',
  'tai',
  'cua',
  'xem',
  'doc',
  'cap',
]);

/**
 * True when a question has nothing but news words, and perhaps a place and a time ("Có tin gì
 * mới?", "Tin mới nhất về Nghệ An?", "tinh hinh nghe an the nao", "Đà Nẵng có gì mới?", or a
 * place alone): any fact it might be after is unnamed, so the newest briefings are the answer.
 */
function asksLatestNews(tokens: string[], plain: string[], context: Set<number>, regions: string[], accented: boolean): boolean {
  const rest = plain.filter((_, i) => !context.has(i));
  // The place alone ("Nghệ An", "Tin Hải Phòng") asks for its news too.
  if (rest.length === 0) return regions.length > 0;
  if (!rest.every((t) => NEWS_WORDS.has(t) || isQuestionWord(t, false))) return false;
  // Accented questions must say "tin" or "tình hình" with their marks: "tính" (count) is not news.
  const words = ` ${(accented ? tokens : plain).filter((_, i) => !context.has(i)).join(' ')} `;
  return (accented ? /\s(tin|tình hình|mới nhất|gì mới)\s/u : /\s(tin|tinh hinh|moi nhat|gi moi)\s/).test(words);
}

/**
 * The terms sent to FTS5: known pairs and syllables that are not too common, the most informative
 * first, at most `maxMatchTerms` (see ranking-options.ts: a long question's least informative terms
 * cost the most and change the candidates least; on XQuAD-vi with 35k distractors, 12 keeps
 * passage-hit@5 and answer-hit exactly and cuts retrieval p95 by a fifth). When a question has only
 * common words, its rarest few are kept so it can still match something.
 */
export function matchTerms(query: AnalysedQuery, totalChunks: number, ranking: Readonly<RankingOptions> = DEFAULT_RANKING): QueryTerm[] {
  const known = query.terms.filter((t) => t.df > 0);
  const limit = Math.max(ranking.minSyllableDfLimit, totalChunks * ranking.maxSyllableDfShare);
  const selective = known.filter((t) => t.df <= (t.isPair ? 2 * limit : limit));
  return selective.length > 0 ? selective.slice(0, ranking.maxMatchTerms) : known.slice(0, 3);
}

/**
 * The terms of a text in the forms a question's terms take: syllables accented (canonical tone
 * placement) when the question was accented, else diacritic-free, plus diacritic-free pairs. So
 * "hoả" (fire) in an accented question never matches "hoá" (goods), while "hoa" typed without marks
 * matches both, as the user meant one of them.
 */
export function termsOf(text: string, accented: boolean): Set<string> {
  return termsOfTokens(tokenize(text), accented);
}

/** {@link termsOf} for a text already tokenized (see `tokenize`), and its tokens without diacritics. */
export function termsOfTokens(tokens: string[], accented: boolean, plain = tokens.map(plainToken)): Set<string> {
  const out = new Set(accented ? tokens : plain);
  for (let i = 0; i + 1 < plain.length; i++) out.add(pairTerm(plain[i]!, plain[i + 1]!));
  return out;
}

/** How a passage relates to the places a question names. */
export type PlaceMatch = 'about' | 'mentions' | 'elsewhere' | 'none-asked';

/**
 * Whether a passage is about a place the question names (its briefing's region), only mentions
 * it, or never does: retrieval re-ranks by this and the extractive answerer will not answer from
 * a passage about somewhere else.
 */
export function placeMatch(query: AnalysedQuery, passage: Pick<Passage, 'region' | 'title' | 'text'>): PlaceMatch {
  if (query.regions.length === 0) return 'none-asked';
  if (passage.region !== null && query.regions.includes(passage.region)) return 'about';
  const plain = removeDiacritics(`${passage.title} ${passage.text}`).toLowerCase();
  return query.regions.some((r) => plain.includes(removeDiacritics(r).toLowerCase())) ? 'mentions' : 'elsewhere';
}
