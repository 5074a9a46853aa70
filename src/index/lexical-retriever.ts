import { plainToken, tokenizePlain } from '../text/normalize.js';
import { pairs } from './fts-terms.js';
import { analyseQuery, matchTerms, placeMatch, termsOf, type AnalysedQuery } from './query-analysis.js';
import { segmentBreaks, segmentsContaining, type SentenceTerms } from './sentence-terms.js';
import type { IndexStore, StoredPassage } from './store.js';

/** A retrieved passage with its store row id (the vector index's label) and matching forms. */
export type RankedPassage = StoredPassage;

export interface Retrieval {
  passages: RankedPassage[];
  query: AnalysedQuery;
}

/** Column weights for bm25(): syllable pairs count more than single syllables. */
const BM25_WEIGHTS = { uni: 1, pair: 2.5 };
/** How many FTS5 hits are re-ranked in JavaScript with place, time and coverage. */
const CANDIDATES = 50;
/** Extra candidates taken among passages about the place the question names. */
const REGION_CANDIDATES = 40;
/** Distinct terms whose frequencies are kept between questions. */
const DF_CACHE_LIMIT = 100_000;
/** At most this many passages of one document in a result list, so sources stay varied. */
const MAX_PER_DOCUMENT = 2;

/**
 * BM25 retrieval over FTS5, then a re-ranking that rewards passages covering more of the question,
 * and documents about the place and time the question names; newer briefings win ties.
 */
export class LexicalRetriever {
  readonly #newestYear: number | null;
  readonly #totalChunks: number;
  /**
   * Document frequencies: the common terms' as stored at ingestion, others as looked up (cheap for a
   * rare term) and kept, since questions reuse the same syllables endlessly. One retriever serves one
   * committed index generation, so the cache never goes stale.
   */
  readonly #df: Map<string, number>;

  constructor(private readonly store: IndexStore) {
    const newest = store.newestGivenDate();
    this.#newestYear = newest ? Number(newest.slice(0, 4)) : null;
    this.#totalChunks = store.chunkCount();
    this.#df = store.frequentTerms();
  }

  /** Year of the newest date given with a briefing: recency is measured from it. */
  get newestYear(): number | null {
    return this.#newestYear;
  }

  analyse(question: string): AnalysedQuery {
    return analyseQuery(question, this.#totalChunks, (t) => this.#documentFrequency(t));
  }

  #documentFrequency(term: string): number {
    let df = this.#df.get(term);
    if (df === undefined) {
      df = this.store.documentFrequency(term);
      if (this.#df.size < DF_CACHE_LIMIT) this.#df.set(term, df);
    }
    return df;
  }

  /**
   * The top `k` passages for a question (empty when nothing matches); for a question after the
   * latest news about a place, the openings of the newest briefings about it.
   */
  retrieve(question: string, k: number, query: AnalysedQuery = this.analyse(question)): Retrieval {
    if (query.latestNews) {
      const newest = this.store.newestAbout(query.regions, k, query.time.year);
      return { passages: newest.map((p, i) => ({ ...p, score: 1 / (1 + i) })), query };
    }
    const ranked = this.candidates(query, CANDIDATES);
    return { passages: rerank(query, ranked, k, this.#newestYear), query };
  }

  /** FTS5 candidates in bm25 order, scores positive (higher is better). */
  candidates(query: AnalysedQuery, limit: number): RankedPassage[] {
    const terms = matchTerms(query, this.#totalChunks);
    if (terms.length === 0) return [];
    const columns = query.accented ? '{uni bi_plain}' : '{uni_plain bi_plain}';
    const match = `${columns} : (${terms.map((t) => quote(t.term)).join(' OR ')})`;
    const hits = this.#search(query, match, limit);
    // Passages about the place the question names compete among themselves too: otherwise a
    // province's own briefing can drown under other provinces' passages that use the words more often.
    if (query.regions.length > 0) {
      const places = query.regions.map((r) => `(bi_plain : ${pairs(tokenizePlain(r)).map(quote).join(' AND ') || quote(plainToken(r))})`).join(' OR ');
      const seen = new Set(hits.map((h) => h.rowid));
      for (const h of this.#search(query, `(${places}) AND (${match})`, REGION_CANDIDATES)) if (!seen.has(h.rowid)) hits.push(h);
    }
    const scores = new Map(hits.map((h) => [h.rowid, -h.s]));
    return this.store.passagesByRowid(hits.map((h) => h.rowid)).map((p) => ({ ...p, score: scores.get(p.rowid) ?? 0 }));
  }

  #search(query: AnalysedQuery, match: string, limit: number): Array<{ rowid: number; s: number }> {
    const w = query.accented ? [BM25_WEIGHTS.uni, 0, BM25_WEIGHTS.pair] : [0, BM25_WEIGHTS.uni, BM25_WEIGHTS.pair];
    return this.store
      .statement('SELECT rowid, bm25(chunks_fts, ?, ?, ?) AS s FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY s LIMIT ?')
      .all(...w, match, limit) as Array<{ rowid: number; s: number }>;
  }
}

/** An FTS5 string literal. */
function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * Re-ranks candidates: bm25 × (share of the question's information the passage covers) × place and
 * time preferences; then caps passages per document and breaks ties by newer date.
 */
export function rerank(query: AnalysedQuery, candidates: RankedPassage[], k: number, newestYear: number | null = null): RankedPassage[] {
  if (candidates.length === 0) return [];
  const time = query.time;
  const scored = candidates.map((p) => {
    const place = placeMatch(query, p);
    // A briefing about the province the question names answers for it in every sentence, even
    // those that never repeat the province's name.
    const { coverage, focus } = coverageProfile(query, p.terms, place === 'about' ? p.region! : '');
    let factor = (0.5 + coverage) * (0.5 + focus) * PLACE_FACTOR[place];
    if (time.year !== undefined) {
      // The year asked about: a briefing of that year answers it; one that only mentions the year
      // may; a briefing dated another year rarely does.
      const year = String(time.year);
      if (p.date?.startsWith(year)) factor *= 1.6;
      else if (p.text.includes(year)) factor *= 1.2;
      else if (p.date && !p.dateFromText) factor *= 0.6;
    } else {
      factor *= recencyFactor(p.dateFromText ? null : p.date, newestYear);
    }
    return { ...p, score: p.score * factor };
  });
  scored.sort((a, b) => b.score - a.score || (b.date ?? '').localeCompare(a.date ?? ''));
  return capPerDocument(scored, k);
}

/** The first `k` passages of a ranked list, keeping at most two per document so sources stay varied. */
export function capPerDocument<P extends { docId: string }>(ranked: P[], k: number): P[] {
  const perDoc = new Map<string, number>();
  const out: P[] = [];
  for (const p of ranked) {
    if (out.length >= k) break;
    const n = perDoc.get(p.docId) ?? 0;
    if (n >= MAX_PER_DOCUMENT) continue;
    perDoc.set(p.docId, n + 1);
    out.push(p);
  }
  return out;
}

/** Never mentioning the place asked about is rarely what was asked. */
const PLACE_FACTOR = { 'none-asked': 1, about: 1.6, mentions: 1.2, elsewhere: 0.35 } as const;

const RECENCY_BOOST = 0.5;

/**
 * Newer briefings win near-ties when the question names no year: it is usually about the latest news.
 * Up to +50% for the newest year given with a briefing, fading with age. Documents without a given
 * date (none, or one found in the text, which may be any date the article mentions) are not
 * penalised: their age is unknown, not old.
 */
function recencyFactor(date: string | null, newestYear: number | null): number {
  if (!date || newestYear === null) return 1 + RECENCY_BOOST;
  const age = Math.max(0, newestYear - Number(date.slice(0, 4)));
  return 1 + RECENCY_BOOST / (1 + age);
}

/**
 * How much of the question's information (idf mass of its syllables and pairs, in the forms the
 * question was typed in: see {@link termsOf}) a passage holds: `coverage` over its heading and text
 * together, `focus` within its best single sentence, since answers sit where the question's words
 * meet. `context` (the document's province) counts as part of every sentence.
 */
export function coverageProfile(query: AnalysedQuery, terms: SentenceTerms, context = ''): { coverage: number; focus: number } {
  let total = 0;
  for (const t of query.terms) total += t.idf;
  if (total === 0) return { coverage: 0, focus: 0 };
  const contextTerms = context ? termsOf(context, query.accented) : new Set<string>();
  const plainBreaks = segmentBreaks(terms.plain);
  const accentedBreaks = query.accented ? segmentBreaks(terms.accented) : plainBreaks;
  // Segment 0 is the heading: it counts towards coverage, not towards any sentence's focus.
  const sentences = plainBreaks.length;
  const inSentence = new Float64Array(sentences + 1);
  let covered = 0;
  let everywhere = 0;
  for (const t of query.terms) {
    if (contextTerms.has(t.term)) {
      if (sentences > 0) (covered += t.idf), (everywhere += t.idf);
      continue;
    }
    // Pairs are always matched without diacritics; syllables in the form the question was typed.
    const plain = t.isPair || !query.accented;
    const found = segmentsContaining(plain ? terms.plain : terms.accented, plain ? plainBreaks : accentedBreaks, t.isPair ? t.term.replace('_', ' ') : t.term);
    if (found.length > 0) covered += t.idf;
    for (const segment of found) inSentence[segment]! += t.idf;
  }
  let best = 0;
  for (let s = 1; s <= sentences; s++) best = Math.max(best, inSentence[s]!);
  return { coverage: covered / total, focus: sentences > 0 ? (best + everywhere) / total : 0 };
}
