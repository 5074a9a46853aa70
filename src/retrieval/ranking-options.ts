/**
 * Every number that decides which passages are retrieved and which sentence answers, in one
 * documented object with defaults (as MiniSearch's `searchOptions`), so `npm run eval -- --param
 * name=value` can sweep them. The defaults are the tuned values; docs/answer-quality.md says how
 * they were chosen.
 */
export interface RankingOptions {
  // --- Which terms are matched (src/retrieval/query-analysis.ts) ---
  /** A syllable in more than this share of chunks says little and costs much: left out of the FTS5 match. */
  maxSyllableDfShare: number;
  /** Matching a syllable found in fewer chunks than this is cheap whatever the share. */
  minSyllableDfLimit: number;
  /** At most this many terms go to FTS5, the most informative first (re-ranking still weighs all). */
  maxMatchTerms: number;

  // --- The paraphrase lexicon (src/text/paraphrases.ts; `expansions` in query-analysis.ts) ---
  /**
   * Extra FTS5 candidates among passages that write a news phrasing of the question's everyday
   * words ("kinh phí" for "tốn kém") and one of its own terms, and as many among the passages about
   * the place it names that write such a phrasing. 0 turns these searches off.
   * Default 30 (as `candidates`); on tune, 60 changed nothing.
   */
  expansionCandidates: number;
  /**
   * A news phrasing's bm25 counts this share of one of the question's own terms' in re-ranking.
   * Default 0.5: on tune, 0.3 brought fewer paraphrase passages into the top five (0.533 against
   * 0.600), 1 one more (0.667) for the same answers; half a question word keeps it an extra.
   */
  expansionWeight: number;
  /**
   * In re-ranking, a passage (or sentence) writing a news phrasing covers the everyday words it
   * stands for, for this share of their information (coverage and focus). 0: never. Default 0.5
   * (0.5 and 1 gave the same tune figures).
   */
  expansionCoverage: number;
  /**
   * The same for the extractive answerer's coverage of an answer sentence (its title at
   * `titleWeight`): the share of the everyday words' information a sentence writing their news
   * phrasing covers. 0: never (only the question's own words cover it). Default 0.5: a sentence
   * saying everything in other words covers half of what they carry (0.7 gave the same tune figures).
   */
  expansionAnswerCoverage: number;

  // --- Candidates and bm25 (src/retrieval/lexical-retriever.ts) ---
  /** FTS5 hits re-ranked in JavaScript. */
  candidates: number;
  /** Extra candidates taken among passages about the place the question names. */
  regionCandidates: number;
  /**
   * When a year is asked and the briefings dated that year hold at most this many passages, all of
   * them are candidates: a province's 2023 briefing among thousands of 2017 articles shares few of
   * the question's words in the paragraph that answers it ("Nền kinh tế … lớn thêm"), and no place
   * name there either, so bm25 alone never reaches it. 0 turns this off.
   */
  yearCandidates: number;
  /** At most this many passages of one document in a result list, so sources stay varied. */
  maxPerDocument: number;
  /**
   * A passage beyond {@link maxPerDocument} still enters (lexical retrieval) when its score is at
   * least this many times that of the last passage the cap let in: a list-like article's third
   * paragraph far ahead of the other documents' best is the answer, not a lack of variety.
   * A huge value (1e9) keeps the strict cap.
   */
  perDocumentOverflowRatio: number;
  /** bm25 column weight of single syllables. */
  bm25SyllableWeight: number;
  /** bm25 column weight of syllable pairs (two-syllable words). */
  bm25PairWeight: number;
  bm25K1: number;
  bm25B: number;

  // --- Re-ranking preferences (src/retrieval/lexical-retriever.ts) ---
  /** Factor for a passage whose document is about the place asked. */
  placeAbout: number;
  /** Factor for a passage that mentions the place asked. */
  placeMentions: number;
  /** Factor for a passage that never mentions the place asked. */
  placeElsewhere: number;
  /** Factor for a briefing dated the year asked. */
  yearDated: number;
  /** Factor for a passage that writes the year asked. */
  yearMentioned: number;
  /** Factor for a briefing given another year's date. */
  yearOther: number;
  /** Factor for a passage that writes the part of the year asked ("6 tháng", "quý I", "tháng 5"). */
  periodMentioned: number;
  /**
   * For "khi nào": factor for a passage whose sentence richest in the question's words also holds
   * a number the question does not write (a date, a time, a year).
   */
  dateInFocus: number;
  /** The same for "bao nhiêu": that sentence holds a figure (not a bare year) the question does not write. */
  figureInFocus: number;
  /** For "ai": factor for a passage whose best sentence writes the role asked only as a deputy's ("phó giám đốc"). */
  deputyInFocus: number;
  /** Up to this share more for the newest briefings when the question names no year, fading with age. */
  recencyBoost: number;

  // --- Choosing the answering sentence (src/answer/extractive-answerer.ts) ---
  /** Below this share of the question's information in a sentence (and its title), it does not answer. */
  minCoverage: number;
  /** The same for a sentence that shares none of the question's two-syllable words. */
  minCoverageWithoutPair: number;
  /**
   * For "bao nhiêu": a sentence holding a figure its passage's title also states (the headline's
   * figure) covers the question as much as this share of its whole passage (title and text) does,
   * when that is more than its own, and its score rises by the difference: a paraphrase's other
   * words are said elsewhere in the briefing. Default 1 (the whole passage's coverage); 0 turns it
   * off.
   */
  headlineCoverageShare: number;
  /** Weight of retrieval's score (relative to the best passage) in a sentence's score. */
  retrievalPrior: number;
  /** A question word found in the title counts this much of one found in the sentence. */
  titleWeight: number;
  /** Weight of the question's two-syllable words found in the sentence. */
  pairWeight: number;
  /** For "bao nhiêu": a figure right after a word of the question. */
  figureNearWordBonus: number;
  /** For "bao nhiêu": any other figure. */
  figureBonus: number;
  /** For "khi nào": a date or year the question does not write. */
  dateBonus: number;
  /**
   * For "khi nào" (a date asked without naming the unit): a sentence that says a day ("ngày 19/5",
   * "sáng 27/2", "hôm qua") beats one that says only a month or a year. Default 0.15 (half the
   * `dateBonus`); 0 turns it off. "ngày nào", "năm nào", "mấy giờ" require their unit instead (frame-fit.ts).
   */
  dayBonus: number;
  /**
   * For a question that says its tense ("sẽ", "dự kiến", "kế hoạch" / "đã", "vừa", and for a date
   * "được khánh thành hôm nào"): taken off a sentence that says only the other tense (a plan
   * "dự kiến khánh thành ngày 19/5" for what was done, "đã qua 7 nước" for what will be). Default
   * 0.2; 0 turns it off. A preference, not a refusal: news often gives only the plan.
   */
  tenseMismatchPenalty: number;
  /** For "ai": a name the question does not write. */
  nameBonus: number;
  /** For "ai": up to this much more for a name standing right beside the role and place asked ("Giám đốc Sở … Hà Nội Nguyễn Hữu Độ"). */
  nameAppositionBonus: number;
  /** For a question naming a period: a sentence that states it itself (not only its passage, title or date). */
  periodStatedBonus: number;
  /** And more when it states it in the question's terms ("6 tháng" for "6 tháng", not "tháng 6"). */
  periodExactBonus: number;
  /** Taken off per rank of the sentence's passage. */
  passageRankPenalty: number;
  /** Taken off per character of the sentence (up to {@link lengthPenaltyCap}), so shorter wins ties. */
  lengthPenaltyPerChar: number;
  lengthPenaltyCap: number;
  /** A second sentence of the same briefing is added when it scores within this of the best. */
  secondSentenceMargin: number;
  /**
   * An answer split over two sentences ("Chị Hoa vừa sinh đôi tại … . Trước đó chị đã có 13 người
   * con."): the pair scores as its first sentence, with the second's evidence of the kind asked in
   * place of the first's, less this, so a single sentence saying it all wins at equal coverage.
   * Default 0.1. A huge value (1e9) turns such answers off.
   */
  continuationPenalty: number;
  /**
   * For "ai": when the rarest known syllable of the question's subject carries at least this share
   * of the question's information (idf, as coverage counts it: "Mộc" of "sao Mộc"), a passage whose
   * text and title lack it does not answer. News sentences nearly all hold a name, so the name
   * alone says little: "Neil Armstrong … Mặt Trăng" is no answer about Jupiter. Above 1 turns it off.
   */
  rareSubjectShare: number;
}

export const DEFAULT_RANKING: Readonly<RankingOptions> = Object.freeze({
  maxSyllableDfShare: 0.02,
  minSyllableDfLimit: 1000,
  maxMatchTerms: 12,
  expansionCandidates: 30,
  expansionWeight: 0.5,
  expansionCoverage: 0.5,
  expansionAnswerCoverage: 0.5,
  candidates: 30,
  regionCandidates: 40,
  yearCandidates: 200,
  maxPerDocument: 2,
  perDocumentOverflowRatio: 2,
  bm25SyllableWeight: 1,
  bm25PairWeight: 2.5,
  bm25K1: 1.2,
  bm25B: 0.75,
  placeAbout: 1.6,
  placeMentions: 1.2,
  placeElsewhere: 0.35,
  yearDated: 1.6,
  yearMentioned: 1.2,
  yearOther: 0.6,
  periodMentioned: 2,
  dateInFocus: 2,
  figureInFocus: 1,
  deputyInFocus: 0.5,
  recencyBoost: 0.5,
  minCoverage: 0.45,
  minCoverageWithoutPair: 0.6,
  headlineCoverageShare: 1,
  retrievalPrior: 0.15,
  titleWeight: 0.8,
  pairWeight: 0.5,
  figureNearWordBonus: 0.4,
  figureBonus: 0.2,
  dateBonus: 0.3,
  dayBonus: 0.15,
  tenseMismatchPenalty: 0.2,
  nameBonus: 0.25,
  nameAppositionBonus: 0.3,
  periodStatedBonus: 0.2,
  periodExactBonus: 0.1,
  passageRankPenalty: 0.03,
  lengthPenaltyPerChar: 1 / 6000,
  lengthPenaltyCap: 600,
  secondSentenceMargin: 0.15,
  continuationPenalty: 0.1,
  rareSubjectShare: 0.3,
});

/** A bad ranking parameter: its name is unknown or its value is not a finite number. */
export class RankingOptionError extends Error {
  override name = 'RankingOptionError';
}

/** The defaults with `overrides` applied; throws {@link RankingOptionError} naming an unknown or non-numeric parameter. */
export function rankingOptions(overrides: Record<string, unknown> = {}): RankingOptions {
  const out: RankingOptions = { ...DEFAULT_RANKING };
  for (const [name, value] of Object.entries(overrides)) {
    if (!(name in DEFAULT_RANKING))
      throw new RankingOptionError(`Unknown ranking parameter "${name}". Known: ${Object.keys(DEFAULT_RANKING).join(', ')}.`);
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new RankingOptionError(`Ranking parameter "${name}" must be a number, not ${JSON.stringify(value)}.`);
    out[name as keyof RankingOptions] = value;
  }
  return out;
}
