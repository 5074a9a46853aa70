import type { AnalysedQuery } from '../index/query-analysis.js';
import type { Passage } from '../index/types.js';
import { plainToken, removeDiacritics, tokenize } from '../text/normalize.js';
import { expectedAnswerKind, type AnswerKind } from '../text/question-words.js';
import { splitSentences } from '../text/sentences.js';
import { pairs } from '../index/fts-terms.js';
import { toCitation } from './citation.js';
import type { Citation } from './types.js';

/** What the extractive answerer found: the answer text with [n] markers and its citations. */
export interface ExtractedAnswer {
  status: 'answered' | 'not_found';
  answer: string;
  citations: Citation[];
}

/**
 * Below this share of the question's information in the best sentence and its passage's title,
 * the corpus is taken not to answer the question: better to say so than quote something loosely related.
 */
const MIN_COVERAGE = 0.45;

export const NOT_FOUND_MESSAGE = 'Xin lỗi, tôi không tìm thấy thông tin trả lời câu hỏi này trong các bản tin hiện có.';

interface Candidate {
  passageIndex: number;
  sentence: string;
  score: number;
  coverage: number;
}

/**
 * Answers from the passages alone: picks the sentence (or, in a long sentence, the clause) that
 * covers most of the question's information, preferring one with a figure for "bao nhiêu"
 * questions and a date for "khi nào" questions, and cites its passage.
 */
export function extractAnswer(question: string, query: AnalysedQuery, passages: Passage[]): ExtractedAnswer {
  const kind = expectedAnswerKind(question);
  let best: Candidate | null = null;
  passages.forEach((passage, passageIndex) => {
    const titleTokens = new Set(plainTerms(passage.title));
    for (const sentence of splitSentences(passage.text)) {
      for (const unit of answerUnits(sentence)) {
        const candidate = scoreUnit(unit, query, kind, titleTokens, passageIndex);
        if (!best || candidate.score > best.score) best = candidate;
      }
    }
  });
  const chosen = best as Candidate | null;
  if (!chosen || chosen.coverage < MIN_COVERAGE) return { status: 'not_found', answer: NOT_FOUND_MESSAGE, citations: [] };
  const passage = passages[chosen.passageIndex]!;
  return {
    status: 'answered',
    answer: withCitationMarker(chosen.sentence, 1),
    citations: [toCitation(1, passage, chosen.sentence)],
  };
}

/** A sentence, or its clauses when it is long enough to bury the answer. */
function answerUnits(sentence: string): string[] {
  const words = sentence.split(/\s+/).length;
  if (words <= 45) return [sentence];
  const clauses = sentence.split(/(?<=;)\s+/).filter((c) => c.trim().length > 0);
  return clauses.length > 1 ? [sentence, ...clauses] : [sentence];
}

function plainTerms(text: string): string[] {
  const tokens = tokenize(text).map(removeDiacritics);
  return [...tokens, ...pairs(tokens)];
}

function scoreUnit(unit: string, query: AnalysedQuery, kind: AnswerKind, titleTerms: Set<string>, passageIndex: number): Candidate {
  const present = new Set(plainTerms(unit));
  // Coverage counts syllables only: the question's subject must be there. Pairs (same wording as
  // the question) then add to the score, to choose between sentences that all cover it.
  let total = 0;
  let inUnit = 0;
  let inUnitOrTitle = 0;
  let pairTotal = 0;
  let pairsFound = 0;
  for (const t of query.terms) {
    if (t.isPair) {
      pairTotal += t.idf;
      if (present.has(t.plain)) pairsFound += t.idf;
      continue;
    }
    total += t.idf;
    if (present.has(t.plain)) {
      inUnit += t.idf;
      inUnitOrTitle += t.idf;
    } else if (titleTerms.has(t.plain)) inUnitOrTitle += t.idf * 0.8;
  }
  const coverage = total === 0 ? 0 : inUnitOrTitle / total;
  let score = (total === 0 ? 0 : inUnit / total) + (pairTotal === 0 ? 0 : (0.5 * pairsFound) / pairTotal);
  if (kind === 'quantity') score += quantityEvidence(unit, query);
  if (kind === 'time' && /\b(\d{1,2}\/\d{1,2}|năm \d{4}|\d{4})\b/.test(unit)) score += 0.25;
  // Prefer earlier (better-ranked) passages and shorter units at equal coverage.
  score -= passageIndex * 0.03;
  score -= Math.min(unit.length, 600) / 6000;
  return { passageIndex, sentence: unit.trim(), score, coverage };
}

const YEAR = /^(1[89]|20)\d\d$/;

/**
 * How well a unit answers "how much": a figure right after a word of the question ("tăng 140,3%",
 * "FDI đạt 3,055 tỷ USD") is the answer's usual shape; any other figure (not a bare year) helps less.
 */
function quantityEvidence(unit: string, query: AnalysedQuery): number {
  const tokens = tokenize(unit).map(plainToken);
  const asked = new Set(query.terms.filter((t) => !t.isPair && t.idf > 0).map((t) => t.plain));
  let any = false;
  for (let i = 0; i < tokens.length; i++) {
    if (!/^\d/.test(tokens[i]!) || YEAR.test(tokens[i]!)) continue;
    any = true;
    for (let j = Math.max(0, i - 3); j < i; j++) if (asked.has(tokens[j]!)) return 0.4;
  }
  return any ? 0.2 : 0;
}

/** "… tăng 140,3%." → "… tăng 140,3% [1]." */
function withCitationMarker(sentence: string, n: number): string {
  const m = sentence.match(/^(.*?)([.!?…;:]*)$/s)!;
  return `${m[1]} [${n}]${m[2] || '.'}`.replace(/;$/, '.');
}
