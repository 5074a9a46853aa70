import { hasDiacritics, removeDiacritics, tokenize } from '../text/normalize.js';
import { isQuestionWord } from '../text/question-words.js';
import { pairTerm } from './fts-terms.js';

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

export interface AnalysedQuery {
  /** True when the question was typed with diacritics: match the accented columns. */
  accented: boolean;
  tokens: string[];
  /** Terms worth matching, rarest first. */
  terms: QueryTerm[];
}

/** Above this share of chunks, a single syllable says little and costs much: left out of the match. */
const MAX_SYLLABLE_DF_SHARE = 0.04;
/** Matching a syllable found in fewer chunks than this is cheap whatever the share. */
const MIN_SYLLABLE_DF_LIMIT = 1000;

/**
 * Breaks a question into the terms retrieval matches: syllables and syllable pairs, without the
 * words that only shape the question, with document frequencies looked up in the index.
 */
export function analyseQuery(question: string, totalChunks: number, documentFrequency: (term: string) => number): AnalysedQuery {
  const accented = hasDiacritics(question);
  const rawTokens = tokenize(question);
  const tokens = accented ? rawTokens : rawTokens.map(removeDiacritics);
  const n = Math.max(totalChunks, 1);
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  const add = (term: string, isPair: boolean) => {
    if (seen.has(term)) return;
    seen.add(term);
    const df = documentFrequency(term);
    const idf = df === 0 ? 0 : Math.log(1 + (n - df + 0.5) / (df + 0.5));
    terms.push({ term, plain: removeDiacritics(term), isPair, idf, df });
  };
  tokens.forEach((t, i) => {
    if (!isQuestionWord(t, accented)) add(t, false);
    const next = tokens[i + 1];
    if (next !== undefined && !(isQuestionWord(t, accented) && isQuestionWord(next, accented))) add(removeDiacritics(pairTerm(t, next)), true);
  });
  terms.sort((a, b) => b.idf - a.idf);
  return { accented, tokens, terms };
}

/**
 * The terms sent to FTS5: every known pair and every syllable that is not too common. When a
 * question has only common words, its rarest few are kept so it can still match something.
 */
export function matchTerms(query: AnalysedQuery, totalChunks: number): QueryTerm[] {
  const known = query.terms.filter((t) => t.df > 0);
  const limit = Math.max(MIN_SYLLABLE_DF_LIMIT, totalChunks * MAX_SYLLABLE_DF_SHARE);
  const selective = known.filter((t) => t.df <= (t.isPair ? 2 * limit : limit));
  return selective.length > 0 ? selective : known.slice(0, 3);
}
