import { termsOf, termsOfTokens, type AnalysedQuery } from '../retrieval/query-analysis.js';
import { DEFAULT_RANKING, type RankingOptions } from '../retrieval/ranking-options.js';
import { streamSegments, type SentenceTerms } from '../store/sentence-terms.js';
import type { Passage } from '../store/types.js';
import { plainToken, removeDiacritics, tokenize } from '../text/normalize.js';
import { NATIONWIDE } from '../text/question-frame.js';
import { findRegions } from '../text/regions.js';
import { yearsDated } from '../text/dates.js';
import { formatDate } from '../text/format-vi.js';
import { splitSentences } from '../text/sentences.js';
import { toCitation } from './citation.js';
import {
  askedDateUnit,
  asksForRank,
  describeAsked,
  frameFit,
  fits,
  hasNewName,
  headlineAmounts,
  isAmountAt,
  saysADay,
  type FrameFit,
} from './frame-fit.js';
import type { Citation } from './types.js';

/**
 * The honorifics news puts before a person's name or uses for them alone ("ông Phan Huy Khang",
 * "chị đã có 13 người con"): one list for the patterns that read names and pronouns.
 */
const HONORIFIC_WORDS = ['ông', 'bà', 'anh', 'chị', 'cô'];
/** What the extractive answerer found: the answer text with [n] markers and its citations. */
export interface ExtractedAnswer {
  status: 'answered' | 'not_found';
  answer: string;
  citations: Citation[];
}

/*
 * The thresholds and weights used here are in ranking-options.ts (`minCoverage`: below that share of
 * the question's information in the best sentence and its passage's title, the corpus is taken not
 * to answer: better to say so than quote something loosely related; `minCoverageWithoutPair`: a
 * sentence sharing none of the question's known two-syllable words must cover more, as its
 * matching syllables may belong to other words: "đá" of "bãi Đá Nhảy" for "bóng đá").
 */

export const NOT_FOUND_MESSAGE = 'Xin lỗi, tôi không tìm thấy thông tin trả lời câu hỏi này trong các bản tin hiện có.';

interface Candidate {
  passageIndex: number;
  sentence: string;
  score: number;
  coverage: number;
  /** The unit (or its title) has one of the question's two-syllable words, or the question has none the corpus knows. */
  sharesPair: boolean;
  /** The unit itself (not only its title) has one of the question's known two-syllable words, or the question has none. */
  pairInUnit: boolean;
  /** The sentence before, for an answer that opens with a pronoun ("Anh ấy…", "Họ…"). */
  previous?: string;
  /**
   * For "X là ai?": an earlier sentence of the passage giving the full name of the person the unit
   * names by the last word of it only ("Ông Nguyễn Văn A được bổ nhiệm … . Ông A sẽ giữ chức
   * Giám đốc Sở …"); the answer quotes it before the unit.
   */
  fullNameSentence?: string;
  /** How the unit fits the question's frame; judged only for units that cover enough. */
  fit?: FrameFit;
  /** The passage's sentences before the unit's, where its period may be stated. */
  before: string[];
  /** For a whole sentence: the passage's next one, which may give the answer this one leads to (see {@link continuations}). */
  next?: { sentence: string; tokens: UnitTokens };
  /** For an answer split over two sentences: the first, which says what the unit (the second) is about; quoted before it. */
  leadIn?: string;
}

/**
 * Answers from the passages alone: picks the sentence (or, in a long sentence, the clause) that
 * covers most of the question's information, preferring one with a figure for "bao nhiêu"
 * questions and a date for "khi nào" questions, and cites its passage.
 */
export function extractAnswer(
  _question: string,
  query: AnalysedQuery,
  passages: AnswerPassage[],
  ranking: Readonly<RankingOptions> = DEFAULT_RANKING,
): ExtractedAnswer {
  if (query.latestNews) return latestNewsAnswer(query, passages);
  const { frame } = query;
  const kind = frame.kind;
  const asked = askedWords(query);
  const candidates: Candidate[] = [];
  const topScore = Math.max(...passages.map((p) => p.score), 0);
  passages.forEach((passage, passageIndex) => {
    const titleTokens = termsOf(`${passage.title} ${passage.region ?? ''}`, query.accented);
    const headline = ranking.headlineCoverageShare > 0 ? headlineAmounts(frame, passage.title, asked.all) : new Set<string>();
    const passageCoverage = headline.size > 0 ? ranking.headlineCoverageShare * syllableCoverage(query, passage) : 0;
    // Retrieval already weighed the whole passage; its verdict counts, relative to the best one.
    const prior = topScore > 0 ? (ranking.retrievalPrior * passage.score) / topScore : 0;
    const sentences = splitSentences(passage.text);
    const stored = storedSentenceTokens(passage, sentences);
    sentences.forEach((sentence, i) => {
      for (const unit of answerUnits(sentence)) {
        const tokens = unit === sentence && stored ? stored[i]! : unitTokens(unit);
        const candidate = scoreUnit({ unit, tokens, query, asked, titleTerms: titleTokens, passageIndex, prior, ranking });
        // A sentence giving the figure its title headlines ("500 tỷ đồng giúp Quảng Trị phát triển
        // cây mắc ca") is what the whole briefing is about: it answers for the passage, whose
        // other sentences say the rest of what the question asks in other words.
        if (passageCoverage > candidate.coverage && holdsFigure(tokens.accented, headline)) {
          candidate.score += passageCoverage - candidate.coverage;
          candidate.coverage = passageCoverage;
        }
        if (i > 0 && unit === sentence) candidate.previous = sentences[i - 1];
        const following = sentences[i + 1];
        if (unit === sentence && following !== undefined)
          candidate.next = { sentence: following.trim(), tokens: stored ? stored[i + 1]! : unitTokens(following) };
        if (kind === 'person' && i > 0) referBack(candidate, unit, sentences.slice(0, i), query, asked, ranking);
        candidate.before = sentences.slice(0, i);
        candidates.push(candidate);
      }
    });
  });
  // Only sentences that cover enough of the question can answer it, and only those that fit what
  // it asks: the kind of answer, the place, the period (see frame-fit.ts). Among those, the best scored.
  const covering = candidates
    .filter((c) => c.coverage >= (c.sharesPair ? ranking.minCoverage : ranking.minCoverageWithoutPair))
    .sort((a, b) => b.score - a.score);
  const holdsSubject = passagesHoldingSubject(query, passages, ranking);
  for (const c of covering) {
    c.fit = frameFit(frame, c.sentence, { ...passages[c.passageIndex]!, before: c.before }, asked.all);
    // A sentence that says it is about the period asked beats one whose passage or date says it,
    // and one that says it in the question's terms ("6 tháng") beats one that says an equivalent
    // ("tháng Sáu" for "6 tháng": briefings give the month and the half-year side by side).
    if (c.fit.stated) c.score += ranking.periodStatedBonus;
    if (c.fit.stated === 'exact') c.score += ranking.periodExactBonus;
  }
  const split = continuations(covering, holdsSubject, query, asked, passages, ranking);
  const answering = withoutUndatedGuesses(
    query,
    [...covering.filter((c) => fits(c.fit!) && holdsSubject[c.passageIndex]! && !split.replaced.has(c)), ...split.pairs],
    covering,
    passages,
  ).sort((a, b) => b.score - a.score);
  const best = answering[0];
  if (!best) return nearMissOrNotFound(query, covering, passages, passagesHoldingSubject(query, passages, ranking, true));
  // A second sentence of the same briefing that answers about as well adds the figure or fact the
  // first may lack. Sentences from other briefings are left out: mixing sources in two sentences
  // reads as one story when it is not, and more would stop being a short answer.
  const bestDoc = passages[best.passageIndex]!.docId;
  const second = answering.find(
    (c) =>
      c !== best &&
      passages[c.passageIndex]!.docId === bestDoc &&
      c.score >= best.score - ranking.secondSentenceMargin &&
      !overlaps(c.sentence, best.sentence),
  );
  const chosen = second ? [best, second] : [best];
  const citations: Citation[] = [];
  const parts = chosen.map((c) => {
    const passage = passages[c.passageIndex]!;
    let citation = citations.find((x) => x.docId === passage.docId);
    if (!citation) {
      citation = toCitation(citations.length + 1, passage, c.sentence);
      citations.push(citation);
    } else if (!citation.text.includes(c.sentence)) citation.text = `${citation.text} … ${c.sentence}`;
    // "Anh ấy cũng là…" means nothing alone: the sentence before says who.
    const before = c.leadIn ?? c.fullNameSentence ?? (c.previous && opensWithPronoun(c.sentence) ? c.previous : undefined);
    const text = before && !chosen.some((o) => o.sentence === before) ? `${before} ${c.sentence}` : c.sentence;
    if (text !== c.sentence) citation.text = text;
    return withCitationMarker(text, citation.n);
  });
  return { status: 'answered', answer: parts.join(' '), citations };
}

/**
 * Answers split over two sentences: news often names the subject in one sentence and gives the
 * answer in the next ("Chị Lê Thị Hoa (Nghệ An) vừa sinh đôi tại … . Trước đó chị đã có 13 người
 * con."; "… cho ông Phan Huy Khang thôi nhiệm chức Tổng giám đốc. Người thay ông là bà …"). A
 * covering sentence whose passage holds the subject, whose place and period are not other ones, but
 * which lacks the kind asked (for "ai", names no new person: "Ngân hàng TMCP Sài Gòn Thương Tín"
 * is a name but nobody's; for "bao nhiêu", "tuần thứ 32" is a rank, no amount) leads to the
 * passage's next sentence when that one is linked to it (see {@link linked}) and fits the frame
 * itself (kind, place and period, read after the first). The pair is a candidate answering with the
 * second sentence, quoting the first before it: it scores as the first, with the second's evidence
 * of the kind asked in place of the first's, less `continuationPenalty`. A first sentence that
 * fitted only by another name (for "ai") gives way to its pair (`replaced`), which still quotes it;
 * so does the second sentence as a candidate alone.
 */
function continuations(
  covering: Candidate[],
  holdsSubject: boolean[],
  query: AnalysedQuery,
  asked: AskedWords,
  passages: Passage[],
  ranking: Readonly<RankingOptions>,
): { pairs: Candidate[]; replaced: Set<Candidate> } {
  const pairs: Candidate[] = [];
  const replaced = new Set<Candidate>();
  const { frame } = query;
  const person = frame.kind === 'person';
  const placeAndPeriod = (fit: FrameFit) => fits({ ...fit, kind: true });
  for (const c of covering) {
    const fit = c.fit!;
    const next = c.next;
    if (!next || !holdsSubject[c.passageIndex]! || !placeAndPeriod(fit)) continue;
    const lacksKind = !fit.kind || (person && !namesNewPerson(c.sentence, asked.all));
    if (!lacksKind) continue;
    if (!linked(c.sentence, next.sentence, asked)) continue;
    const before = [...c.before, c.sentence];
    const nextFit = frameFit(frame, next.sentence, { ...passages[c.passageIndex]!, before }, asked.all);
    if (!fits(nextFit) || (person && !namesNewPerson(next.sentence, asked.all))) continue;
    const evidence =
      kindEvidence(next.sentence, next.tokens, query, asked, ranking) -
      kindEvidence(c.sentence, unitTokens(c.sentence), query, asked, ranking);
    pairs.push({
      ...c,
      sentence: next.sentence,
      score: c.score + evidence - ranking.continuationPenalty,
      fit: nextFit,
      before,
      previous: c.sentence,
      leadIn: c.sentence,
      fullNameSentence: undefined,
      next: undefined,
    });
    if (fit.kind) replaced.add(c);
  }
  // A second sentence that answers alone as well ("Trước đó chị đã có 13 người con") still says
  // whom it is about only with the first: it is the pair, at the better of the two scores.
  for (const pair of pairs) {
    const alone = covering.find((c) => c.passageIndex === pair.passageIndex && c.sentence === pair.sentence && fits(c.fit!));
    if (!alone) continue;
    pair.score = Math.max(pair.score, alone.score);
    replaced.add(alone);
  }
  return { pairs, replaced };
}

/**
 * Words in the opening of a sentence that point back to the one before: "Trước đó chị …", "Người
 * thay ông là …", "Đồng thời, …", "số tiền nói trên", "ông ấy", "việc này", "họ".
 */
const ANAPHOR = /(?<![\p{L}])(?:trước đó|sau đó|khi đó|lúc đó|đồng thời|người thay|người kế nhiệm|nói trên|ấy|này|đó|họ)(?![\p{L}])/iu;
/** "chị đã có", "ông là": an honorific before a word in lower case stands for the person named before (case-sensitive). */
const HONORIFIC_PRONOUN = new RegExp(`(?<![\\p{L}])(?:${HONORIFIC_WORDS.join('|')})\\s+\\p{Ll}`, 'u');
/** How many words of a sentence's opening are read for {@link ANAPHOR} and {@link HONORIFIC_PRONOUN}. */
const OPENING_WORDS = 6;

/**
 * Whether `next` continues `first` towards the answer: it writes a word of the question that
 * `first` lacks, and its opening points back (see {@link ANAPHOR}) or it writes again, as a name, a
 * capitalised word of the question that `first` writes as one too ("Sacombank", "Sáng"). A
 * sentence sharing only common words with the question, or only its subject, is about something else.
 */
function linked(first: string, next: string, asked: AskedWords): boolean {
  const nfc = next.normalize('NFC');
  // Pointing back or naming the subject again, it must go on with the question too: "Hằng ngày,
  // bến xe này mở cửa từ 4h30" says nothing of when the bến xe "bắt đầu xây dựng" the sentence before says.
  const words = (text: string) => new Set(tokenize(text).map(plainToken));
  const before = words(first);
  if (![...words(nfc)].some((w) => asked.informative.has(w) && !before.has(w))) return false;
  const opening = nfc.split(/\s+/).slice(0, OPENING_WORDS).join(' ');
  if (ANAPHOR.test(opening) || HONORIFIC_PRONOUN.test(opening.charAt(0).toLowerCase() + opening.slice(1))) return true;
  const named = (text: string) =>
    new Set(
      text
        .normalize('NFC')
        .split(/\s+/)
        .filter((w) => /^[^\p{L}]*\p{Lu}/u.test(w))
        .map((w) => plainToken(w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')))
        .filter((w) => w !== '' && asked.all.has(w) && !HONORIFIC_PLAIN.has(w)),
    );
  const inFirst = named(first);
  return [...named(nfc)].some((w) => inFirst.has(w));
}

const HONORIFIC_PLAIN = new Set(HONORIFIC_WORDS.map(plainToken));
/**
 * Vietnamese family names: a capitalised word after one is read as a person's name ("Nguyễn Đức Thạch
 * Diễm"). Those that also open places' names ("Hà Nội", "Cao Bằng", "Lâm Đồng", "Hồ Chí Minh") are left out.
 */
const FAMILY_NAMES = [
  ...['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý', 'Đào'],
  ...['Đoàn', 'Đinh', 'Trịnh', 'Trương', 'Lương', 'Lưu', 'Tô', 'Châu', 'Tạ', 'Phùng', 'Kiều', 'Triệu', 'Lăng', 'Đàm', 'Chu'],
  ...['Quách', 'Tăng', 'Lại', 'Vương', 'Mạc', 'Khúc', 'Hứa', 'Tống'],
].join('|');
const HONORIFIC_BEFORE_NAME = `(?:${HONORIFIC_WORDS.flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1)]).join('|')})\\s+`;
/** A person as news names one: an honorific ("bà Diễm", "ông Phan Huy Khang") or a family name, then capitalised words. */
const PERSON_NAME = new RegExp(
  `(?<![\\p{L}])(?:${HONORIFIC_BEFORE_NAME}|(?=(?:${FAMILY_NAMES})\\s+\\p{Lu}))((?:\\p{Lu}\\p{Ll}*\\s*)+)`,
  'gu',
);

/** For "ai": whether a sentence names a person the question does not (not only an organisation or a place). */
function namesNewPerson(sentence: string, asked: Set<string>): boolean {
  for (const m of sentence.normalize('NFC').matchAll(PERSON_NAME)) {
    const words = m[1]!.trim().split(/\s+/);
    if (words.some((w) => !asked.has(plainToken(w.toLowerCase())))) return true;
  }
  return false;
}

/**
 * For "ai" (or, with `anyKind`, any question): whether each passage (text or title) holds the
 * rarest known syllable of the question's subject, when that syllable carries `rareSubjectShare`
 * of the question's information (see ranking-options.ts); true for all otherwise. The place and
 * period are the frame fit's to check.
 */
function passagesHoldingSubject(query: AnalysedQuery, passages: Passage[], ranking: Readonly<RankingOptions>, anyKind = false): boolean[] {
  const all = passages.map(() => true);
  if (query.frame.kind !== 'person' && !anyKind) return all;
  const rare = rarestSubjectTerm(query);
  const information = query.terms.reduce((sum, t) => sum + (t.isPair ? 0 : t.idf), 0);
  if (!rare || information === 0 || rare.idf / information < ranking.rareSubjectShare) return all;
  return passages.map((p) => holdsTerm(p, rare.term, query.accented));
}

/** The rarest syllable of the question's subject that the corpus knows: what the question is about. */
function rarestSubjectTerm(query: AnalysedQuery): AnalysedQuery['terms'][number] | undefined {
  const subject = new Set(query.frame.subject.flatMap((w) => tokenize(w).map(plainToken)));
  return query.terms.find((t) => !t.isPair && t.df > 0 && subject.has(t.plain));
}

function holdsTerm(passage: Passage, term: string, accented: boolean): boolean {
  return termsOf(`${passage.title} ${passage.text}`, accented).has(term);
}

/**
 * A year asked that nothing says (an undated passage writing no year) is accepted as "unstated",
 * which suits a text that is not a dated briefing (an encyclopaedia paragraph about one season).
 * But when another covering passage holds the kind asked (for "bao nhiêu", any amount) and says it is another year's, the corpus
 * reports this subject year by year, and the undated one is as likely to be one of those years as
 * the one asked: it is withdrawn, and the answer is the near miss that names the year the corpus has
 * (an undated "GRDP 6 tháng ước đạt 13,26%" is not Hải Phòng's 2022 figure beside dated 2017 ones).
 */
function withoutUndatedGuesses(query: AnalysedQuery, answering: Candidate[], covering: Candidate[], passages: Passage[]): Candidate[] {
  if (query.frame.period?.year === undefined) return answering;
  const year = query.frame.period.year;
  const undated = answering.filter((c) => c.fit!.period === 'unstated' && passages[c.passageIndex]!.date === null);
  if (undated.length === 0) return answering;
  // An undated passage that writes some year, but never the one asked, is another time's news:
  // "Năm 2016 … bổ nhiệm ai" is not answered by an undated "Ngày 10/7 … bổ nhiệm" beside "nhiệm kỳ
  // 2012-2017" or "sinh ngày 3/6/1961". Years inside dates count here: a text that writes only full
  // dates of other years is as surely of another time as one writing "năm 1961".
  const otherTimes = undated.filter((c) => {
    const p = passages[c.passageIndex]!;
    const years = yearsDated(`${p.title} ${p.text}`);
    return years.length > 0 && !years.includes(year);
  });
  const kept = answering.filter((c) => !otherTimes.includes(c));
  const guesses = undated.filter((c) => !otherTimes.includes(c));
  if (guesses.length === 0) return kept;
  // "Năm 2016 … bổ nhiệm ai?": an appointment or an election is news of one day, and a text that
  // neither is dated nor writes any year cannot say it was that year's: the answer is the near miss.
  if (query.frame.kind === 'person') return kept.filter((c) => !guesses.includes(c));
  // Another year's figure that covers the question at least as well as the undated one: the same
  // subject, not a passage that only shares some of the question's words.
  const coverage = Math.max(...guesses.map((c) => c.coverage));
  // It must be the part of the year asked, for another year: "CPI tháng 5 năm 2008" says nothing
  // of how the corpus reports "tháng Tết".
  const otherYear = covering.some(
    (c) =>
      (c.fit!.kind || c.fit!.amount === true) &&
      c.fit!.period === 'other' &&
      c.fit!.place !== 'other' &&
      c.fit!.otherYear === true &&
      c.fit!.otherPart !== true &&
      c.coverage >= coverage,
  );
  return otherYear ? kept.filter((c) => !guesses.includes(c)) : kept;
}

/**
 * No sentence fits. When one covers the question and holds the kind of answer asked but for
 * another place or period, say what is missing and what is there, citing it ("Chưa có số liệu 5
 * tháng đầu năm 2017 của Hải Phòng; bản tin có số liệu 6 tháng đầu năm 2017: … [1]"): status
 * `not_found`, with that one citation. Otherwise the plain not-found message.
 */
function nearMissOrNotFound(query: AnalysedQuery, covering: Candidate[], passages: Passage[], holdsSubject: boolean[]): ExtractedAnswer {
  // What is cited as "there" must be the subject asked: its passage holds the subject's rarest
  // word (when that word carries much of the question), and the sentence itself one of the
  // question's two-syllable words. Else the common syllables of an unaccented question ("ket qua
  // bong da tren sao hoa tuan truoc": "bóng đèn", "đã", "ký kết") cite an unrelated sentence
  // whose title alone says "kết quả" as another week's news.
  const near = covering.find(
    (c) => c.fit!.kind && (c.fit!.place === 'other' || c.fit!.period === 'other') && holdsSubject[c.passageIndex]! && c.pairInUnit,
  );
  const wanted = describeAsked(query.frame);
  if (!near || !wanted) return { status: 'not_found', answer: NOT_FOUND_MESSAGE, citations: [] };
  const what = query.frame.kind === 'quantity' ? 'số liệu' : 'thông tin';
  const citation = toCitation(1, passages[near.passageIndex]!, near.sentence);
  const instead = [...new Set(near.fit!.instead)].join(', ');
  return {
    status: 'not_found',
    answer: `Chưa có ${what} ${wanted} trong các bản tin hiện có; bản tin có ${what} ${instead}: ${withCitationMarker(near.sentence, 1)}`,
    citations: [citation],
  };
}

/** A passage to answer from; with its stored matching forms (see `documentTerms`), it is not tokenized again. */
export type AnswerPassage = Passage & { terms?: SentenceTerms };

/** True when a unit's tokens hold one of `figures` as an amount (not a day or a clock time). */
function holdsFigure(tokens: string[], figures: Set<string>): boolean {
  return tokens.some((t, i) => figures.has(t) && isAmountAt(tokens, i));
}

/** The share of the question's information (syllables, as a unit's coverage counts it) in a passage's title and text. */
function syllableCoverage(query: AnalysedQuery, passage: Passage): number {
  const present = termsOf(`${passage.title} ${passage.region ?? ''} ${passage.text}`, query.accented);
  let total = 0;
  let found = 0;
  for (const t of query.terms) {
    if (t.isPair) continue;
    total += t.idf;
    if (present.has(t.term)) found += t.idf;
  }
  return total === 0 ? 0 : found / total;
}

/** A unit's tokens (see `tokenize`), and the same without diacritics. */
interface UnitTokens {
  accented: string[];
  plain: string[];
}

function unitTokens(unit: string): UnitTokens {
  const accented = tokenize(unit);
  return { accented, plain: accented.map(plainToken) };
}

/**
 * The tokens of each of a passage's sentences as stored at ingestion, or null when the passage
 * carries none or they do not line up with `sentences` (then each unit is tokenized).
 */
function storedSentenceTokens(passage: AnswerPassage, sentences: string[]): UnitTokens[] | null {
  if (!passage.terms) return null;
  const [, ...accented] = streamSegments(passage.terms.accented);
  const [, ...plain] = streamSegments(passage.terms.plain);
  if (accented.length !== sentences.length) return null;
  return accented.map((tokens, i) => ({ accented: tokens, plain: plain[i] ?? [] }));
}

/** How many briefings a "what is new there" answer lists: enough to see the news, short on a phone. */
const LATEST_NEWS_ITEMS = 3;

/**
 * "Tin mới nhất về Nghệ An?", "Có tin gì mới?": the newest briefings (about the place, if one is
 * named), as retrieval ordered them, one line each with its date, title and a short opening, cited.
 * Short on purpose (about 600 characters): each citation quotes exactly the opening shown, so
 * nothing is printed twice under it.
 */
function latestNewsAnswer(query: AnalysedQuery, passages: Passage[]): ExtractedAnswer {
  const about = query.regions.length > 0 ? ` về ${query.regions.join(', ')}` : '';
  const when = query.time.year === undefined ? '' : ` năm ${query.time.year}`;
  if (passages.length === 0)
    return { status: 'not_found', answer: `Xin lỗi, chưa có bản tin nào${about}${when} trong các bản tin hiện có.`, citations: [] };
  const citations = passages
    .slice(0, LATEST_NEWS_ITEMS)
    .map((p, i) => toCitation(i + 1, p, shorten(splitSentences(p.text)[0] ?? p.text, NEWS_LINE_CHARS)));
  const lines = citations.map(
    (c) => `• ${c.date ? `${formatDate(c.date)} — ` : ''}${shorten(c.title, NEWS_TITLE_CHARS)}: ${withCitationMarker(c.text, c.n)}`,
  );
  return { status: 'answered', answer: [`Tin mới nhất${about}${when}:`, ...lines].join('\n'), citations };
}

/** A news line's title and opening are cut here (at a word), so three of them fit in about 600 characters. */
const NEWS_TITLE_CHARS = 80;
const NEWS_LINE_CHARS = 100;

function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  return `${t
    .slice(0, max)
    .replace(/\s+\S*$/, '')
    .replace(/[,;:]$/, '')}…`;
}

const PERSON_PRONOUNS = 'anh ấy|chị ấy|ông ấy|bà ấy|cô ấy|anh ta|ông ta|bà ta|cô ta|họ|nó|chúng';
const THING_PRONOUNS = 'điều này|điều đó|việc này|đây|đó';
const PRONOUNS = `${PERSON_PRONOUNS}|${THING_PRONOUNS}`;
const PRONOUN_OPENING = new RegExp(`^(?:${PRONOUNS})(?=[\\s,])`, 'iu');
/**
 * "Ông cũng cho biết…" refers back; "Ông Nguyễn Hữu Độ cho biết…" names its subject. Case-sensitive
 * on the word after (with the `i` flag, \p{Ll} matches capitals too), so only the first letter
 * of the sentence is lowered.
 */
const HONORIFIC_OPENING = /^(?:ông|bà|anh|chị)\s+\p{Ll}/u;

function opensWithPronoun(sentence: string): boolean {
  const nfc = sentence.normalize('NFC');
  return PRONOUN_OPENING.test(nfc) || HONORIFIC_OPENING.test(nfc.charAt(0).toLowerCase() + nfc.slice(1));
}

/** Overlapping chunks repeat sentences; a clause repeats part of its sentence. */
function overlaps(a: string, b: string): boolean {
  return a.includes(b) || b.includes(a);
}

/** A sentence, or its clauses when it is long enough to bury the answer. */
function answerUnits(sentence: string): string[] {
  const words = sentence.split(/\s+/).length;
  if (words <= 45) return [sentence];
  // A clause must stand on its own: a bare list item ("giải ngân vốn đầu tư công") answers nothing.
  const clauses = sentence.split(/(?<=;)\s+/).filter((c) => c.split(/\s+/).length >= 8);
  return clauses.length > 1 ? [sentence, ...clauses] : [sentence];
}

/** The question's words, diacritic-free: all of them, and the informative syllables among them. */
interface AskedWords {
  all: Set<string>;
  informative: Set<string>;
}

function askedWords(query: AnalysedQuery): AskedWords {
  return {
    all: new Set(query.tokens.map(plainToken)),
    informative: new Set(query.terms.filter((t) => !t.isPair && t.idf > 0).map((t) => t.plain)),
  };
}

/** What {@link scoreUnit} weighs: one answer unit, its passage, and the question. */
interface UnitToScore {
  unit: string;
  tokens: UnitTokens;
  query: AnalysedQuery;
  asked: AskedWords;
  /** The terms of the passage's title and region, which count as part of each of its sentences. */
  titleTerms: Set<string>;
  /** The passage's rank in retrieval (0 = best). */
  passageIndex: number;
  /** Retrieval's verdict on the passage, relative to the best one. */
  prior: number;
  ranking: Readonly<RankingOptions>;
}

/** How much a unit shows the kind of answer asked: a figure for "bao nhiêu", a date for "khi nào", a new name for "ai". */
function kindEvidence(
  unit: string,
  tokens: UnitTokens,
  query: AnalysedQuery,
  asked: AskedWords,
  ranking: Readonly<RankingOptions>,
): number {
  const kind = query.frame.kind;
  let score = 0;
  if (kind === 'quantity') score += quantityEvidence(tokens, asked, ranking, asksForRank(query.frame));
  if (kind === 'date' && newTokens(tokens, asked).some((t) => /^\d/.test(t) && (YEAR.test(t) || t.includes('/'))))
    score += ranking.dateBonus;
  // "Khi nào …?" names no unit: a sentence that says the day beats one that says only the month or year.
  if (kind === 'date' && askedDateUnit(query.frame) === undefined && saysADay(unit)) score += ranking.dayBonus;
  if (kind === 'person' && hasNewName(unit, asked.all)) {
    score += ranking.nameBonus;
    score += ranking.nameAppositionBonus * appositionShare(unit, asked.all, query.frame);
  }
  return score;
}

function scoreUnit({ unit, tokens, query, asked, titleTerms, passageIndex, prior, ranking }: UnitToScore): Candidate {
  const present = termsOfTokens(tokens.accented, query.accented, tokens.plain);
  // Coverage counts syllables only: the question's subject must be there. Pairs (same wording as
  // the question) then add to the score, to choose between sentences that all cover it. The
  // briefing's title counts as part of each of its sentences (a little less): a sentence that
  // answers does not repeat what its title already says, while another briefing's sentence that
  // only restates the question's subject is no answer.
  const reworded = rewordedShares(query, present, titleTerms, ranking);
  let total = 0;
  let found = 0;
  let pairTotal = 0;
  let pairsFound = 0;
  let knownPairs = 0;
  let sharedPairs = 0;
  let pairsInUnit = 0;
  for (const t of query.terms) {
    if (t.isPair) {
      pairTotal += t.idf;
      if (present.has(t.term)) pairsFound += t.idf;
      if (t.df > 0) {
        knownPairs++;
        if (present.has(t.term) || titleTerms.has(t.term)) sharedPairs++;
        if (present.has(t.term)) pairsInUnit++;
      }
      continue;
    }
    total += t.idf;
    if (present.has(t.term)) found += t.idf;
    else found += t.idf * Math.max(titleTerms.has(t.term) ? ranking.titleWeight : 0, reworded.get(t.term) ?? 0);
  }
  const coverage = total === 0 ? 0 : found / total;
  let score = coverage + (pairTotal === 0 ? 0 : (ranking.pairWeight * pairsFound) / pairTotal);
  score += kindEvidence(unit, tokens, query, asked, ranking);
  const tense = tenseAsked(query.frame);
  if (tense && tenseOf(unit) === (tense === 'planned' ? 'done' : 'planned')) score -= ranking.tenseMismatchPenalty;
  score += prior;
  // Prefer earlier (better-ranked) passages and shorter units at equal coverage.
  score -= passageIndex * ranking.passageRankPenalty;
  score -= Math.min(unit.length, ranking.lengthPenaltyCap) * ranking.lengthPenaltyPerChar;
  return {
    passageIndex,
    sentence: unit.trim(),
    score,
    coverage,
    sharesPair: knownPairs === 0 || sharedPairs > 0,
    pairInUnit: knownPairs === 0 || pairsInUnit > 0,
    before: [],
  };
}

const YEAR = /^(1[5-9]|20)\d\d$/;

/** "ông Độ", "bà Tú": an honorific and one capitalised word, a person named by the last word of the name. */
const SHORT_NAME = /(?<![\p{L}])(ông|bà|Ông|Bà)\s+(\p{Lu}\p{Ll}*)(?![\p{L}])(?!\s+\p{Lu})/gu;

/**
 * For "X là ai?": a unit naming someone by the last word of the name only ("Ông Độ cho biết …",
 * "Ông A sẽ giữ chức Giám đốc Sở …") is read with the full name that an earlier sentence of its
 * passage gives ("ông Nguyễn Hữu Độ"), nearest first. When the role asked then stands beside it,
 * the unit scores as if it wrote the full name, and the answer quotes that earlier sentence first.
 */
function referBack(
  candidate: Candidate,
  unit: string,
  before: string[],
  query: AnalysedQuery,
  asked: AskedWords,
  ranking: Readonly<RankingOptions>,
): void {
  const nfc = unit.normalize('NFC');
  let resolved = nfc;
  let source: string | undefined;
  for (const m of nfc.matchAll(SHORT_NAME)) {
    const last = m[2]!;
    if (asked.all.has(plainToken(last.toLowerCase()))) continue;
    // The nearest earlier sentence writing a name of two words or more that ends with it.
    const full = new RegExp(`(?<![\\p{L}])((?:\\p{Lu}\\p{Ll}*\\s+){1,3}${last})(?![\\p{L}])`, 'u');
    for (let i = before.length - 1; i >= 0; i--) {
      const found = before[i]!.normalize('NFC').match(full);
      if (!found) continue;
      resolved = resolved.replace(m[0], `${m[1]} ${found[1]}`);
      source ??= before[i];
      break;
    }
  }
  if (!source) return;
  const gained = appositionShare(resolved, asked.all, query.frame) - appositionShare(nfc, asked.all, query.frame);
  if (gained <= 0) return;
  candidate.score += ranking.nameAppositionBonus * gained + (hasNewName(unit, asked.all) ? 0 : ranking.nameBonus);
  candidate.fullNameSentence = source;
}

/** A plan, as written in a sentence: "sẽ", "dự kiến", "kế hoạch", "dự định" (accented: "sẻ", "kế" alone are other words). */
const PLANNED_TEXT = /(?<![\p{L}])(?:sẽ|dự kiến|kế hoạch|dự định)(?![\p{L}])/iu;
/** Something done, as written in a sentence: "đã", "vừa". */
const DONE_TEXT = /(?<![\p{L}])(?:đã|vừa)(?![\p{L}])/iu;
/** The same in a question typed without marks: only words that are unambiguous then ("se", "du kien"; not "da", "vua"). */
const PLANNED_PLAIN = /(?<![\p{L}])(?:se|du kien|ke hoach|du dinh)(?![\p{L}])/u;
/** "Được khánh thành hôm nào?": for a date, a passive verb without a plan asks when it happened. */
const PASSIVE_DONE = /(?<![\p{L}])được(?![\p{L}])/iu;

/**
 * The tense a question asks in, when it says one: `planned` ("khi nào … sẽ", "dự kiến"), `done`
 * ("đã", "vừa", and for a date "được khánh thành hôm nào"); undefined when it says neither.
 */
function tenseAsked(frame: AnalysedQuery['frame']): 'planned' | 'done' | undefined {
  const text = frame.text.normalize('NFC');
  if (PLANNED_TEXT.test(text) || PLANNED_PLAIN.test(removeDiacritics(text.toLowerCase()))) return 'planned';
  if (DONE_TEXT.test(text) || (frame.kind === 'date' && PASSIVE_DONE.test(text))) return 'done';
  return undefined;
}

/** A sentence's tense: `planned` when it says only a plan, `done` when it says only what was done, else undefined. */
function tenseOf(unit: string): 'planned' | 'done' | undefined {
  const planned = PLANNED_TEXT.test(unit);
  const done = DONE_TEXT.test(unit);
  if (planned === done) return undefined;
  return planned ? 'planned' : 'done';
}

/**
 * The question's words a unit says in the news register instead ("kinh phí" for "tốn kém": see
 * `expansions` in query-analysis.ts), each with the share of its information that counts as
 * covered: `expansionAnswerCoverage` when the unit writes the phrasing, times `titleWeight` when
 * only its title does. Empty when that option is 0.
 */
function rewordedShares(
  query: AnalysedQuery,
  present: Set<string>,
  titleTerms: Set<string>,
  ranking: Readonly<RankingOptions>,
): Map<string, number> {
  const out = new Map<string, number>();
  const share = ranking.expansionAnswerCoverage;
  if (share <= 0) return out;
  for (const e of query.expansions) {
    const here = e.terms.every((t) => present.has(t.term))
      ? share
      : e.terms.every((t) => titleTerms.has(t.term))
        ? share * ranking.titleWeight
        : 0;
    if (here > 0) for (const c of e.covers) out.set(c, Math.max(out.get(c) ?? 0, here));
  }
  return out;
}

/**
 * Words that stand between a name and its role without being either: "ông Nguyễn Xuân Anh, Bí thư …",
 * "bà X - Chủ tịch …". Accented: "phố" (of "thành phố") links, "Phó" (deputy) names another role.
 */
const APPOSITION_LINKS = new Set([
  'ông',
  'bà',
  'anh',
  'chị',
  'đồng',
  'chí',
  'là',
  'tp',
  'tỉnh',
  'thành',
  'phố',
  '-',
  '–',
  ',',
  // "Giám đốc Sở Y tế (ông Nguyễn Văn A)", "ông A (Giám đốc Sở …)"; not a closing bracket, which
  // ends what the bracket says ("Nguyễn B (trú tại Văn Giang, Hưng Yên) - Giám đốc Công ty …").
  // "tân Giám đốc", "quyền Giám đốc", "Chủ tịch mới là ông A", "hiện là": the role, newly or for now held.
  '(',
  'tân',
  'quyền',
  'mới',
  'hiện',
  'nay',
]);
/**
 * Words between a name and the role after it that say the person takes it: "ông A được bổ nhiệm
 * làm Giám đốc Sở …", "được bầu giữ chức Chủ tịch …", "sẽ giữ chức …", "trở thành tân Chủ tịch …". Read only right
 * after the name; "ông A thôi giữ chức …" (leaving it) still stops at "thôi".
 */
const APPOINTMENT_WORDS = new Set([
  'sẽ',
  'được',
  'bổ',
  'nhiệm',
  'bầu',
  'giữ',
  'chức',
  'vụ',
  'làm',
  'vào',
  'vị',
  'trí',
  'trở',
  'đảm',
  'nhận',
  'chính',
  'thức',
]);
/**
 * A question asking for "người đứng đầu" or "lãnh đạo" of something asks for whoever heads it: any
 * head's title beside the name stands for those words (diacritic-free syllables).
 */
const HEAD_ROLE_SYLLABLES = new Set(['chu', 'tich', 'giam', 'doc', 'tong', 'bi', 'thu', 'truong', 'hieu']);
/** Words before a role saying its bearer is not the holder asked: the deputy ("Phó"), a former one ("nguyên", "cựu"). */
const NOT_THE_HOLDER = new Set(['phó', 'nguyên', 'cựu']);
const HEAD_QUESTION_SYLLABLES = ['nguoi', 'dung', 'dau', 'lanh', 'dao'];
/** Honorifics are capitalised at a sentence's start but are not part of the name after them. */
const HONORIFICS = new Set([...HONORIFIC_WORDS, 'đồng']);

/**
 * For "X là ai?": how much of the role the question names stands right beside a new name in the
 * unit ("Giám đốc Sở GD-ĐT Hà Nội Nguyễn Hữu Độ", "bà Phan Lan Tú, Giám đốc Sở …"), as a share of
 * the question's subject words and its place. A name beside another role ("ông X, Phó Giám đốc
 * Sở …") or far from the role ("ông X thôi giữ chức …") is not that person.
 */
function appositionShare(unit: string, asked: Set<string>, frame: AnalysedQuery['frame']): number {
  const subject = new Set(frame.subject.map(plainToken).filter((t) => asked.has(t)));
  // "Người đứng đầu Tập đoàn X", "lãnh đạo Sở Y": the head's title counts as those words, once.
  const head = (subject.has('dung') && subject.has('dau')) || (subject.has('lanh') && subject.has('dao'));
  if (head) HEAD_QUESTION_SYLLABLES.forEach((t) => subject.delete(t));
  const places = frame.places.filter((p) => p !== NATIONWIDE);
  const wanted = subject.size + (places.length > 0 ? 1 : 0) + (head ? 1 : 0);
  if (wanted === 0) return 0;
  // Words as written, with the dashes and commas between them as words of their own.
  const words = unit
    .replace(/([,;:()“”"])/g, ' $1 ')
    .split(/\s+/)
    .filter((w) => w !== '');
  const lower = words.map((w) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '') || w);
  const plain = lower.map(plainToken);
  const isName = (i: number) =>
    i > 0 && /^\p{Lu}/u.test(words[i]!) && !asked.has(plain[i]!) && !HONORIFICS.has(lower[i]!) && findRegions(words[i]!).length === 0;
  const covered = (from: number, step: 1 | -1): number => {
    const seen = new Set<string>();
    let place = false;
    let role = false;
    let i = from;
    const skipped = (w: string) => APPOSITION_LINKS.has(w) || (step === 1 && APPOINTMENT_WORDS.has(w));
    while (i >= 0 && i < words.length && skipped(lower[i]!)) i += step;
    for (; i >= 0 && i < words.length; i += step) {
      const ws = tokenize(words[i]!).map(plainToken);
      const placeWords = places.length > 0 ? regionAt(words, i, step, places) : 0;
      if (ws.length > 0 && ws.every((t) => subject.has(t))) ws.forEach((t) => seen.add(t));
      else if (head && ws.length > 0 && ws.every((t) => HEAD_ROLE_SYLLABLES.has(t))) role = true;
      else if (placeWords > 0) {
        place = true;
        // The role reads on past the place's name ("Giám đốc Công an TP Hà Nội Đoàn Duy Khương").
        i += step * (placeWords - 1);
      } else if (!APPOSITION_LINKS.has(lower[i]!) || lower[i] === ',') {
        // "Phó Giám đốc Sở Y tế Nguyễn Văn A", "nguyên Chủ tịch …": read back from the name, the
        // role asked is there whole, but the word before it says he is the deputy or held it once.
        if (step === -1 && NOT_THE_HOLDER.has(lower[i]!)) return 0;
        break;
      }
    }
    return seen.size + (place ? 1 : 0) + (role ? 1 : 0);
  };
  let best = 0;
  for (let i = 0; i < words.length; i++) {
    if (!isName(i) || isName(i - 1)) continue;
    let end = i;
    while (end + 1 < words.length && isName(end + 1)) end++;
    // A person's name has two words or more; a capitalised word alone is more often a role ("Phó").
    if (end > i) best = Math.max(best, covered(end + 1, 1), covered(i - 1, -1));
    i = end;
  }
  return Math.min(1, best / wanted);
}

/**
 * How many words from `i` (in reading order, `step`) name one of the places asked ("Hà Nội",
 * "TPHCM", "TP. Đà Nẵng"), the fewest that do; 0 when none does.
 */
function regionAt(words: string[], i: number, step: 1 | -1, places: string[]): number {
  for (let n = 1; n <= 4; n++) {
    const from = step === 1 ? i : i - n + 1;
    if (from < 0 || from + n > words.length) break;
    if (findRegions(words.slice(from, from + n).join(' ')).some((r) => places.includes(r))) return n;
  }
  return 0;
}

/** The unit's tokens (diacritic-free) that the question does not contain: where an answer can be. */
function newTokens(tokens: UnitTokens, asked: AskedWords): string[] {
  return tokens.plain.filter((t) => !asked.all.has(t));
}

/**
 * How well a unit (its tokens) answers "how much": a figure right after a word of the question ("tăng 140,3%",
 * "FDI đạt 3,055 tỷ USD") is the answer's usual shape; any other figure (not a bare year) helps less.
 */
function quantityEvidence(
  { accented: accentedTokens, plain: tokens }: UnitTokens,
  asked: AskedWords,
  ranking: Readonly<RankingOptions>,
  rankAsked: boolean,
): number {
  let any = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const isFigure = isAmountAt(accentedTokens, i, rankAsked);
    if (!isFigure || asked.all.has(t)) continue;
    any = true;
    for (let j = Math.max(0, i - 3); j < i; j++) if (asked.informative.has(tokens[j]!)) return ranking.figureNearWordBonus;
  }
  return any ? ranking.figureBonus : 0;
}

/** "… tăng 140,3%." → "… tăng 140,3% [1]." */
function withCitationMarker(sentence: string, n: number): string {
  const m = sentence.match(/^(.*?)([.!?…;:]*)$/s)!;
  return `${m[1]} [${n}]${m[2] || '.'}`.replace(/;$/, '.');
}
