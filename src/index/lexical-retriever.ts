import { removeDiacritics, tokenize } from '../text/normalize.js';
import { findRegionsInQuestion } from '../text/regions.js';
import { findTimeHints } from '../text/dates.js';
import { pairs } from './fts-terms.js';
import { analyseQuery, matchTerms, type AnalysedQuery } from './query-analysis.js';
import type { IndexStore } from './store.js';
import type { Passage } from './types.js';

/** A retrieved passage with its store row id (the vector index's label). */
export type RankedPassage = Passage & { rowid: number };

export interface Retrieval {
  passages: RankedPassage[];
  query: AnalysedQuery;
}

/** Column weights for bm25(): syllable pairs count more than single syllables. */
const BM25_WEIGHTS = { uni: 1, pair: 2.5 };
/** How many FTS5 hits are re-ranked in JavaScript with place, time and coverage. */
const CANDIDATES = 80;
/** At most this many passages of one document in a result list, so sources stay varied. */
const MAX_PER_DOCUMENT = 2;

/**
 * BM25 retrieval over FTS5, then a re-ranking that rewards passages covering more of the question,
 * and documents about the place and time the question names; newer briefings win ties.
 */
export class LexicalRetriever {
  readonly #newestYear: number | null;

  constructor(private readonly store: IndexStore) {
    const newest = store.stats().newestDate;
    this.#newestYear = newest ? Number(newest.slice(0, 4)) : null;
  }

  analyse(question: string): AnalysedQuery {
    const total = this.store.chunkCount();
    return analyseQuery(question, total, (t) => this.store.documentFrequency(t));
  }

  /** The top `k` passages for a question (empty when nothing matches). */
  retrieve(question: string, k: number, query: AnalysedQuery = this.analyse(question)): Retrieval {
    const ranked = this.candidates(query, CANDIDATES);
    return { passages: rerank(question, query, ranked, k, this.#newestYear), query };
  }

  /** FTS5 candidates in bm25 order, scores positive (higher is better). */
  candidates(query: AnalysedQuery, limit: number): RankedPassage[] {
    const terms = matchTerms(query, this.store.chunkCount());
    if (terms.length === 0) return [];
    const columns = query.accented ? '{uni bi_plain}' : '{uni_plain bi_plain}';
    const match = `${columns} : (${terms.map((t) => `"${t.term.replace(/"/g, '""')}"`).join(' OR ')})`;
    const w = query.accented ? [BM25_WEIGHTS.uni, 0, BM25_WEIGHTS.pair] : [0, BM25_WEIGHTS.uni, BM25_WEIGHTS.pair];
    const hits = this.store
      .statement(`SELECT rowid, bm25(chunks_fts, ?, ?, ?) AS s FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY s LIMIT ?`)
      .all(...w, match, limit) as Array<{ rowid: number; s: number }>;
    const scores = new Map(hits.map((h) => [h.rowid, -h.s]));
    return this.store.passagesByRowid(hits.map((h) => h.rowid)).map((p) => ({ ...p, score: scores.get(p.rowid) ?? 0 }));
  }
}

/**
 * Re-ranks candidates: bm25 × (share of the question's information the passage covers) × place and
 * time preferences; then caps passages per document and breaks ties by newer date.
 */
export function rerank(question: string, query: AnalysedQuery, candidates: RankedPassage[], k: number, newestYear: number | null = null): RankedPassage[] {
  if (candidates.length === 0) return [];
  const regions = findRegionsInQuestion(question).map((r) => removeDiacritics(r).toLowerCase());
  const time = findTimeHints(question);
  const scored = candidates.map((p) => {
    const coverage = informationCoverage(query, `${p.title}\n${p.text}`);
    let factor = 0.5 + coverage;
    if (regions.length > 0) {
      const about = removeDiacritics(`${p.region ?? ''} ${p.title} ${p.text.slice(0, 400)}`).toLowerCase();
      if (regions.some((r) => about.includes(r))) factor *= 1.3;
    }
    if (time.year !== undefined) {
      if (p.date?.startsWith(String(time.year)) || p.text.includes(String(time.year))) factor *= 1.2;
    }
    factor *= recencyFactor(p.date, newestYear);
    return { ...p, score: p.score * factor };
  });
  scored.sort((a, b) => b.score - a.score || (b.date ?? '').localeCompare(a.date ?? ''));
  const perDoc = new Map<string, number>();
  const out: RankedPassage[] = [];
  for (const p of scored) {
    const n = perDoc.get(p.docId) ?? 0;
    if (n >= MAX_PER_DOCUMENT) continue;
    perDoc.set(p.docId, n + 1);
    out.push(p);
    if (out.length >= k) break;
  }
  return out;
}

/**
 * Newer briefings win near-ties: a question that names no time is usually about the latest news.
 * Up to +50% for the newest year in the index, fading with age; undated documents are not
 * penalised (their age is unknown, not old).
 */
function recencyFactor(date: string | null, newestYear: number | null): number {
  if (!date || newestYear === null) return 1.5;
  const age = Math.max(0, newestYear - Number(date.slice(0, 4)));
  return 1 + 0.5 / (1 + age);
}

/**
 * Share of the question's idf mass (syllables and pairs) found in a text, compared without
 * diacritics so that it means the same for accented and unaccented questions.
 */
export function informationCoverage(query: AnalysedQuery, text: string): number {
  const tokens = tokenize(text).map(removeDiacritics);
  const present = new Set([...tokens, ...pairs(tokens)]);
  let total = 0;
  let found = 0;
  for (const t of query.terms) {
    total += t.idf;
    if (present.has(t.plain)) found += t.idf;
  }
  return total === 0 ? 0 : found / total;
}
