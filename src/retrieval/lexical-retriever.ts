import { plainToken, tokenizePlain } from '../text/normalize.js';
import { pairs } from '../store/fts-terms.js';
import { analyseQuery, matchTerms, placeMatch, termsOf, type AnalysedQuery, type QueryTerm } from './query-analysis.js';
import { DEFAULT_RANKING, type RankingOptions } from './ranking-options.js';
import { occurrences, segmentBreaks, streamLength, streamSegments, type SentenceTerms } from '../store/sentence-terms.js';
import { findPeriodMentions } from '../text/dates.js';
import type { PassageStore } from '../store/passage-store.js';
import type { StoredPassage } from '../store/store.js';

/** A retrieved passage with its store row id (the vector index's label) and matching forms. */
export type RankedPassage = StoredPassage;

export interface Retrieval {
  passages: RankedPassage[];
  query: AnalysedQuery;
}

/** What re-ranking needs to score FTS5's candidates with bm25 (see {@link termProfile}). */
export interface Bm25Context {
  /** The terms FTS5 matched (see `matchTerms`): bm25 sums over these. */
  terms: Set<string>;
  totalChunks: number;
  /** Average {@link streamLength} of the index's chunks; null when unknown (no length normalisation). */
  averageLength: number | null;
}
/** Distinct terms whose frequencies are kept between questions. */
const DF_CACHE_LIMIT = 100_000;

/**
 * BM25 retrieval over FTS5, then a re-ranking that rewards passages covering more of the question,
 * and documents about the place and time the question names; newer briefings win ties.
 */
export class LexicalRetriever {
  readonly #newestYear: number | null;
  readonly #totalChunks: number;
  readonly #averageLength: number | null;
  /**
   * Document frequencies: the common terms' as stored at ingestion, others as looked up (cheap for a
   * rare term) and kept, since questions reuse the same syllables endlessly. One retriever serves one
   * committed index generation, so the cache never goes stale.
   */
  readonly #df: Map<string, number>;
  readonly #dated = new Map<number, number[] | null>();

  /**
   * `ranking`: the parameters of retrieval and answering (see ranking-options.ts); the answerer
   * reads them from here too, so one question is ranked and answered with the same ones.
   */
  constructor(
    private readonly store: PassageStore,
    readonly ranking: Readonly<RankingOptions> = DEFAULT_RANKING,
  ) {
    const statistics = store.statistics();
    const newest = statistics.newestGivenDate;
    this.#newestYear = newest ? Number(newest.slice(0, 4)) : null;
    this.#totalChunks = statistics.chunks;
    this.#averageLength = statistics.averageChunkLength;
    this.#df = statistics.frequentTerms;
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
    const terms = matchTerms(query, this.#totalChunks, this.ranking);
    const ranked = this.candidates(query, this.ranking.candidates, terms);
    const bm25: Bm25Context = {
      terms: new Set(terms.map((t) => t.term)),
      totalChunks: this.#totalChunks,
      averageLength: this.#averageLength,
    };
    return { passages: rerank(query, ranked, k, this.#newestYear, bm25, this.ranking), query };
  }

  /**
   * FTS5 candidates in bm25 order, scores positive (higher is better). The table keeps no row
   * lengths (looking one up for every matching row was most of a question's time), so this bm25
   * has no length normalisation; {@link rerank} scores the candidates with the full formula.
   */
  candidates(
    query: AnalysedQuery,
    limit: number,
    terms: QueryTerm[] = matchTerms(query, this.#totalChunks, this.ranking),
  ): RankedPassage[] {
    if (terms.length === 0) return [];
    const columns = query.accented ? '{uni bi_plain}' : '{uni_plain bi_plain}';
    const match = `${columns} : (${terms.map((t) => quote(t.term)).join(' OR ')})`;
    const hits = this.#search(query, match, limit);
    // Passages about the place the question names compete among themselves too: otherwise a
    // province's own briefing can drown under other provinces' passages that use the words more often.
    const places =
      query.regions.length === 0
        ? ''
        : query.regions.map((r) => `(bi_plain : ${pairs(tokenizePlain(r)).map(quote).join(' AND ') || quote(plainToken(r))})`).join(' OR ');
    if (places) {
      const seen = new Set(hits.map((h) => h.rowid));
      for (const h of this.#search(query, `(${places}) AND (${match})`, this.ranking.regionCandidates))
        if (!seen.has(h.rowid)) hits.push(h);
    }
    // Passages that say what the question says in other words ("kinh phí" for "tốn kém") and share
    // at least one of its own terms: otherwise they rank below those repeating its common words.
    if (query.expansions.length > 0 && this.ranking.expansionCandidates > 0) {
      const phrases = query.expansions.map((e) => `(${columns} : (${e.terms.map((t) => quote(t.term)).join(' AND ')}))`).join(' OR ');
      const seen = new Set(hits.map((h) => h.rowid));
      // The place's own briefings may share none of the question's rarer words ("rót", "ngoại")
      // and say all of it in the news words ("thu hút đầu tư nước ngoài FDI").
      const searches = [`(${phrases}) AND (${match})`, ...(places ? [`(${places}) AND (${phrases})`] : [])];
      for (const search of searches)
        for (const h of this.#search(query, search, this.ranking.expansionCandidates))
          if (!seen.has(h.rowid)) {
            seen.add(h.rowid);
            hits.push(h);
          }
    }
    const year = query.time.year;
    if (year !== undefined && this.ranking.yearCandidates > 0) {
      const seen = new Set(hits.map((h) => h.rowid));
      for (const rowid of this.#chunksDated(year) ?? []) if (!seen.has(rowid)) hits.push({ rowid, s: 0 });
    }
    const scores = new Map(hits.map((h) => [h.rowid, -h.s]));
    return this.store.passagesByRowid(hits.map((h) => h.rowid)).map((p) => ({ ...p, score: scores.get(p.rowid) ?? 0 }));
  }

  /** {@link PassageStore.chunksDated}, kept per year: one retriever serves one generation. */
  #chunksDated(year: number): number[] | null {
    if (!this.#dated.has(year)) this.#dated.set(year, this.store.chunksDated(year, this.ranking.yearCandidates));
    return this.#dated.get(year) ?? null;
  }

  #search(query: AnalysedQuery, match: string, limit: number): Array<{ rowid: number; s: number }> {
    const { bm25SyllableWeight: uni, bm25PairWeight: pair } = this.ranking;
    const w = query.accented ? ([uni, 0, pair] as const) : ([0, uni, pair] as const);
    return this.store.lexicalCandidates(match, w, limit).map((h) => ({ rowid: h.rowid, s: h.bm25 }));
  }
}

/** An FTS5 string literal. */
function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * Re-ranks candidates: bm25 × (share of the question's information the passage covers) × place and
 * time preferences; then caps passages per document and breaks ties by newer date. With `bm25`,
 * the candidates are FTS5's and their bm25 is computed here; without, their scores are kept.
 */
export function rerank(
  query: AnalysedQuery,
  candidates: RankedPassage[],
  k: number,
  newestYear: number | null = null,
  bm25?: Bm25Context,
  ranking: Readonly<RankingOptions> = DEFAULT_RANKING,
): RankedPassage[] {
  if (candidates.length === 0) return [];
  const time = query.time;
  const period = query.frame.period;
  const placeFactor = {
    'none-asked': 1,
    about: ranking.placeAbout,
    mentions: ranking.placeMentions,
    elsewhere: ranking.placeElsewhere,
  } as const;
  const scored = candidates.map((p) => {
    const place = placeMatch(query, p);
    // A briefing about the province the question names answers for it in every sentence, even
    // those that never repeat the province's name.
    const profile = termProfile(query, p.terms, place === 'about' ? p.region! : '', bm25, ranking);
    let factor = (0.5 + profile.coverage) * (0.5 + profile.focus) * placeFactor[place];
    if (time.year !== undefined) {
      // The year asked about: a briefing of that year answers it; one that only mentions the year
      // may; a briefing dated another year rarely does.
      const year = String(time.year);
      if (p.date?.startsWith(year)) factor *= ranking.yearDated;
      else if (p.text.includes(year)) factor *= ranking.yearMentioned;
      else if (p.date && !p.dateFromText) factor *= ranking.yearOther;
    } else {
      factor *= recencyFactor(p.dateFromText ? null : p.date, newestYear, ranking.recencyBoost);
    }
    if (period && ranking.periodMentioned !== 1 && mentionsPartOfYear(p, period)) factor *= ranking.periodMentioned;
    // "Khi nào…?", "bao nhiêu…?": the sentence where the question's words meet should also hold a
    // date or a figure the question does not write, or the passage only talks about the subject.
    const kind = query.frame.kind;
    const inFocus = kind === 'date' ? ranking.dateInFocus : kind === 'quantity' ? ranking.figureInFocus : 1;
    if (inFocus !== 1 && profile.best > 0 && holdsAskedKind(query, streamSegments(p.terms.accented)[profile.best] ?? [])) factor *= inFocus;
    // "Ai là Bí thư…?" is not answered by a sentence about the "Phó Bí thư".
    if (
      kind === 'person' &&
      ranking.deputyInFocus !== 1 &&
      profile.best > 0 &&
      namesDeputy(query, streamSegments(p.terms.accented)[profile.best] ?? [])
    )
      factor *= ranking.deputyInFocus;
    return { ...p, score: (bm25 ? profile.bm25 : p.score) * factor };
  });
  scored.sort((a, b) => b.score - a.score || (b.date ?? '').localeCompare(a.date ?? ''));
  return capPerDocument(scored, k, ranking.maxPerDocument, ranking.perDocumentOverflowRatio);
}

/** A bare year ("2017"): a figure only when a date is asked. */
const YEAR = /^(?:19|20)\d\d$/;

/**
 * True when a sentence's tokens (accented, see `tokenize`) hold a number the question does not
 * write: for a date question any ("19/5", "8.2", "2030"), for a quantity one that is not a bare year.
 */
function holdsAskedKind(query: AnalysedQuery, sentence: string[]): boolean {
  const written = new Set(query.tokens.map(plainToken));
  const date = query.frame.kind === 'date';
  return sentence.some((t) => /^\d/.test(t) && !written.has(plainToken(t)) && (date || !YEAR.test(t)));
}

/** "Phó" (deputy) before a role makes it another role: "phó giám đốc" is not the "giám đốc". */
const DEPUTY = 'phó';

/**
 * True when a sentence's tokens (accented) write the role a question asks about (its first two
 * subject words: "bí thư", "giám đốc") only after "phó", and the question does not say "phó".
 */
function namesDeputy(query: AnalysedQuery, sentence: string[]): boolean {
  const role = query.frame.subject.slice(0, 2).map(plainToken);
  if (role.length < 2 || query.tokens.some((t) => t === DEPUTY || (!query.accented && t === plainToken(DEPUTY)))) return false;
  let deputy = false;
  for (let i = 0; i + 1 < sentence.length; i++) {
    if (plainToken(sentence[i]!) !== role[0] || plainToken(sentence[i + 1]!) !== role[1]) continue;
    if (sentence[i - 1] !== DEPUTY) return false;
    deputy = true;
  }
  return deputy;
}

/** True when a passage (title or text) writes the part of the year a question asks about ("6 tháng", "tháng 5", "quý I", Tết). */
function mentionsPartOfYear(p: RankedPassage, asked: NonNullable<AnalysedQuery['frame']['period']>): boolean {
  if (asked.months === undefined && asked.month === undefined && asked.quarter === undefined && !asked.tet) return false;
  return findPeriodMentions(`${p.title}. ${p.text}`).some(
    (m) =>
      (asked.months !== undefined && m.months === asked.months) ||
      (asked.month !== undefined && m.month === asked.month) ||
      (asked.quarter !== undefined && m.quarter === asked.quarter) ||
      (asked.tet === true && m.tet === true),
  );
}

/**
 * The first `k` passages of a ranked list (best first), keeping at most `maxPerDocument` per document
 * so sources stay varied. With `overflowRatio`, a passage beyond its document's cap still enters
 * when its score is at least that many times the score of the last passage the cap let in: a
 * list-like article (one province per paragraph) can hold the answer in its third chunk, far ahead
 * of the other documents' passages that would take its place.
 */
export function capPerDocument<P extends { docId: string; score: number }>(
  ranked: P[],
  k: number,
  maxPerDocument = DEFAULT_RANKING.maxPerDocument,
  overflowRatio = Number.POSITIVE_INFINITY,
): P[] {
  const perDoc = new Map<string, number>();
  const capped: P[] = [];
  const over = new Set<P>();
  for (const p of ranked) {
    if (capped.length >= k) break;
    const n = perDoc.get(p.docId) ?? 0;
    if (n >= maxPerDocument) {
      over.add(p);
      continue;
    }
    perDoc.set(p.docId, n + 1);
    capped.push(p);
  }
  const last = capped[capped.length - 1];
  if (over.size === 0 || last === undefined || !Number.isFinite(overflowRatio)) return capped;
  const bar = overflowRatio * last.score;
  const kept = new Set(capped);
  return ranked.filter((p) => kept.has(p) || (over.has(p) && p.score >= bar)).slice(0, k);
}

/**
 * Newer briefings win near-ties when the question names no year: it is usually about the latest news.
 * Up to +50% for the newest year given with a briefing, fading with age. Documents without a given
 * date (none, or one found in the text, which may be any date the article mentions) are not
 * penalised: their age is unknown, not old.
 */
function recencyFactor(date: string | null, newestYear: number | null, boost: number): number {
  if (!date || newestYear === null) return 1 + boost;
  const age = Math.max(0, newestYear - Number(date.slice(0, 4)));
  return 1 + boost / (1 + age);
}

/**
 * How a passage matches a question, from its stored streams: `coverage`, the share of the
 * question's information (idf mass of its syllables and pairs, in the forms the question was typed
 * in: see {@link termsOf}) in its heading and text together; `focus`, the share within its best
 * single sentence, since answers sit where the question's words meet; and with `context`, FTS5's
 * bm25 over the matched terms; `best`, that sentence's segment (0 when none holds a question
 * word). `region` (the document's province) counts as part of every sentence.
 */
export function termProfile(
  query: AnalysedQuery,
  terms: SentenceTerms,
  region = '',
  context?: Bm25Context,
  ranking: Readonly<RankingOptions> = DEFAULT_RANKING,
): { coverage: number; focus: number; bm25: number; best: number } {
  let total = 0;
  for (const t of query.terms) total += t.idf;
  if (total === 0) return { coverage: 0, focus: 0, bm25: 0, best: 0 };
  const regionTerms = region ? termsOf(region, query.accented) : new Set<string>();
  const plainBreaks = segmentBreaks(terms.plain);
  const accentedBreaks = query.accented ? segmentBreaks(terms.accented) : plainBreaks;
  // Segment 0 is the heading: it counts towards coverage, not towards any sentence's focus.
  const sentences = plainBreaks.length;
  const inSentence = new Float64Array(sentences + 1);
  // bm25's length normalisation, as FTS5 computes it: this passage's length against the average.
  const b = ranking.bm25B;
  const lengthNorm = context?.averageLength ? 1 - b + (b * streamLength(terms.plain)) / context.averageLength : 1;
  let covered = 0;
  let everywhere = 0;
  let bm25 = 0;
  // Where each of the question's terms was found: a news phrasing covers only what is missing.
  const foundIn = new Map<string, Set<number>>();
  for (const t of query.terms) {
    // A term the index has never seen is in no passage (its idf still counts in `total`).
    if (t.df === 0) continue;
    const scored = context?.terms.has(t.term) ?? false;
    if (regionTerms.has(t.term)) {
      if (sentences > 0) {
        covered += t.idf;
        everywhere += t.idf;
      }
      if (!scored) continue;
    }
    // Pairs are always matched without diacritics; syllables in the form the question was typed.
    const plain = t.isPair || !query.accented;
    const found = occurrences(
      plain ? terms.plain : terms.accented,
      plain ? plainBreaks : accentedBreaks,
      t.isPair ? t.term.replace('_', ' ') : t.term,
    );
    if (scored && context && found.count > 0) bm25 += bm25Term(t, found.count, lengthNorm, context.totalChunks, ranking);
    if (regionTerms.has(t.term)) continue;
    if (found.count > 0) covered += t.idf;
    for (const segment of found.segments) inSentence[segment]! += t.idf;
    foundIn.set(t.term, new Set(found.segments));
  }
  if (query.expansions.length > 0 && (ranking.expansionWeight > 0 || ranking.expansionCoverage > 0)) {
    const credit = expansionCredit(query, terms, plainBreaks, accentedBreaks, foundIn, sentences);
    covered += ranking.expansionCoverage * credit.passage;
    for (let s = 1; s <= sentences; s++) inSentence[s]! += ranking.expansionCoverage * credit.sentence[s]!;
    if (context)
      for (const [t, count] of credit.counts)
        bm25 += ranking.expansionWeight * bm25Term(t, count, lengthNorm, context.totalChunks, ranking);
  }
  let best = 0;
  let bestSegment = 0;
  for (let s = 1; s <= sentences; s++)
    if (inSentence[s]! > best) {
      best = inSentence[s]!;
      bestSegment = s;
    }
  return { coverage: covered / total, focus: sentences > 0 ? (best + everywhere) / total : 0, bm25, best: bestSegment };
}

/**
 * What a passage's news phrasings of the question's everyday words are worth (see
 * {@link AnalysedQuery.expansions}): the information of the question's terms they stand for that
 * the passage (`passage`) or each sentence (`sentence`) lacks but says in the news phrasing (all
 * the phrase's terms in it), each term counted once; and each found phrase term's count, for bm25.
 */
function expansionCredit(
  query: AnalysedQuery,
  terms: SentenceTerms,
  plainBreaks: number[],
  accentedBreaks: number[],
  foundIn: Map<string, Set<number>>,
  sentences: number,
): { passage: number; sentence: Float64Array; counts: Map<QueryTerm, number> } {
  const idf = new Map(query.terms.map((t) => [t.term, t.idf]));
  const counts = new Map<QueryTerm, number>();
  const passageCovered = new Set<string>();
  const sentenceCovered: Array<Set<string>> = Array.from({ length: sentences + 1 }, () => new Set());
  for (const e of query.expansions) {
    let inPassage = true;
    let segments: number[] | undefined;
    for (const t of e.terms) {
      const plain = t.isPair || !query.accented;
      const found = occurrences(
        plain ? terms.plain : terms.accented,
        plain ? plainBreaks : accentedBreaks,
        t.isPair ? t.term.replace('_', ' ') : t.term,
      );
      if (found.count === 0) inPassage = false;
      else counts.set(t, found.count);
      segments = segments === undefined ? found.segments : segments.filter((s) => found.segments.includes(s));
    }
    if (!inPassage) continue;
    for (const c of e.covers) {
      const where = foundIn.get(c);
      if (where === undefined) continue; // not one of the question's scored terms
      if (where.size === 0) passageCovered.add(c);
      for (const s of segments ?? []) if (s > 0 && !where.has(s)) sentenceCovered[s]!.add(c);
    }
  }
  const sum = (set: Set<string>) => [...set].reduce((acc, c) => acc + (idf.get(c) ?? 0), 0);
  const sentence = new Float64Array(sentences + 1);
  for (let s = 1; s <= sentences; s++) sentence[s] = sum(sentenceCovered[s]!);
  return { passage: sum(passageCovered), sentence, counts };
}

/** One term's part of FTS5's bm25 (https://sqlite.org/fts5.html#the_bm25_function), with our column weights. */
function bm25Term(t: QueryTerm, count: number, lengthNorm: number, totalChunks: number, ranking: Readonly<RankingOptions>): number {
  const idf = Math.max(1e-6, Math.log((totalChunks - t.df + 0.5) / (t.df + 0.5)));
  const f = count * (t.isPair ? ranking.bm25PairWeight : ranking.bm25SyllableWeight);
  const k1 = ranking.bm25K1;
  return (idf * f * (k1 + 1)) / (f + k1 * lengthNorm);
}
