/**
 * Whether a sentence can answer what a question asks (its frame, see src/text/question-frame.ts):
 * the kind of answer ("bao nhiêu" needs a figure, "ai" a name), the place (a figure for another
 * province or the whole country is no answer for a province) and the period (a different period is
 * never given as the answer). The extractive answerer picks only sentences that fit, and grounding
 * rejects an LLM answer whose figures come from a sentence that does not.
 */
import type { Passage } from '../store/types.js';
import { findPeriodMentions, fold, yearsWritten, type QuestionPeriod, type RelativePeriod } from '../text/dates.js';
import { allMatches } from '../text/all-matches.js';
import { plainToken, tokenize } from '../text/normalize.js';
import { describePeriod, NATIONWIDE, type QuestionFrame } from '../text/question-frame.js';
import { SCALE_ZEROS, SCALES } from '../text/question-words.js';
import { findRegions } from '../text/regions.js';

/**
 * `fits`: the sentence (or its passage, title, document) says it is the place or period asked;
 * `unstated`: nothing says, and that is acceptable; `unknown`: nothing says, and it must be said
 * (a figure "6 tháng" or "tháng 5" is asked); `other`: it says another place or period (a near miss).
 */
export type Fit = 'fits' | 'unstated' | 'unknown' | 'other';

export interface FrameFit {
  /** The sentence holds the kind of answer asked (a figure, a name) or the kind asks for nothing in particular. */
  kind: boolean;
  place: Fit;
  period: Fit;
  /** What the sentence is about instead, for a near-miss message: "6 tháng đầu năm 2017", "của Đà Nẵng". */
  instead: string[];
  /**
   * Whether the sentence itself writes the period asked: `exact` in the question's own terms
   * ("6 tháng" for "6 tháng"), `equivalent` in terms taken as the same ("tháng 6" for "6 tháng",
   * "3 tháng" for "quý I"), null when only its context or date says it (or no period is asked).
   */
  stated: 'exact' | 'equivalent' | null;
  /** The period is `other` because another year is said (in the text or by the document's date), not another part of the year. */
  otherYear?: boolean;
  /**
   * With {@link otherYear}, for a question asking a part of the year: the passage says (nearest
   * first) another part of the year too ("CPI tháng 5 năm 2008" for "tháng Tết 2017"); not set
   * when it says none (a whole year's figure).
   */
  otherPart?: boolean;
  /**
   * For "bao nhiêu": the sentence holds an amount, whatever it measures. {@link kind} also wants
   * the measure asked ("bao nhiêu người" is not answered by "cao gần 2 m"), but such a sentence still
   * shows how the corpus reports its subject (year by year, see the extractive answerer).
   */
  amount?: boolean;
}

/**
 * What a sentence's fit is judged against besides itself: its passage's title, region and date,
 * and the sentences before it in the passage (a briefing states its period once: "9 tháng, …",
 * then gives figure after figure).
 */
export type FitContext = Pick<Passage, 'title' | 'region' | 'date' | 'text'> & { before?: readonly string[] };

/** The question's words, diacritic-free (a figure or name the question already says is no answer). */
export function askedPlainWords(frame: QuestionFrame): Set<string> {
  return new Set(tokenize(frame.text).map(plainToken));
}

/** Whether `sentence`, from a passage with `context`, fits the frame; `now` resolves "hôm nay", "năm nay". */
export function frameFit(
  frame: QuestionFrame,
  sentence: string,
  context: FitContext,
  asked: Set<string> = askedPlainWords(frame),
  now: Date = new Date(),
): FrameFit {
  const instead: string[] = [];
  const place = placeFit(frame, sentence, context, instead);
  const years: { other?: boolean; otherPart?: boolean } = {};
  const period = periodFit(frame.period, sentence, context, now, instead, years);
  // An undated sentence that says the part of the year asked ("trong tháng Tết") states it as well as a dated one.
  const stated = (period === 'fits' || period === 'unstated') && frame.period ? periodStated(frame.period, sentence) : null;
  const fit: FrameFit = { kind: kindFits(frame, sentence, asked), place, period, instead, stated };
  if (frame.kind === 'quantity') fit.amount = fit.kind || kindFits(frame, sentence, asked, false);
  if (years.other) fit.otherYear = true;
  if (years.otherPart) fit.otherPart = true;
  return fit;
}

/**
 * True when a sentence may answer: the kind is there, the place is not another one, and the period
 * asked is said (in the sentence, the one before, the title, or by the document's date): a figure
 * whose period nothing states may be any period's.
 */
export function fits(fit: FrameFit): boolean {
  return fit.kind && (fit.place === 'fits' || fit.place === 'unstated') && (fit.period === 'fits' || fit.period === 'unstated');
}

// --- Kind ------------------------------------------------------------------------------------------

const YEAR = /^(1[5-9]|20)\d\d$/;
/** Figures written as words. Accented on purpose: "năm" (five) is mostly "year", "ba" vs "bà" differ only by marks. */
/** "một" (also "a") and "nhiều", "vài" (many, a few) are left out: they hold no figure. */
const NUMBER_WORDS = new Set([
  'hai',
  'ba',
  'bốn',
  'sáu',
  'bảy',
  'tám',
  'chín',
  'mười',
  'mươi',
  'chục',
  'trăm',
  'nghìn',
  'ngàn',
  'triệu',
  'tỷ',
  'tỉ',
  'nửa',
  'đôi',
]);

/** True when a token (accented, see `tokenize`) is a figure: a number that is not a bare year, or a number word. */
export function isFigureToken(token: string): boolean {
  return (/^\d/.test(token) && !YEAR.test(token)) || NUMBER_WORDS.has(token);
}

/** Words before a day ("sáng 29/5", "ngày 8/2") or a clock time ("lúc 2"): what follows says when, not how much. */
const WHEN_WORDS = new Set(['ngày', 'sáng', 'chiều', 'tối', 'trưa', 'đêm', 'khuya', 'hôm', 'rạng', 'lúc']);

/**
 * Words after which a number names, labels or ranks something rather than counting it (accented, as
 * `tokenize` gives them): "quận 11", "xăng RON 95", "tuần thứ 32", "ngã ba", "tháng 5", "ngày 20",
 * "lần 2", "Điều 5". The amount is written before its word ("20 ngày", "2 lần"). "số" is
 * {@link NUMBERED_BEFORE_SO}'s.
 */
const LABEL_WORDS = new Set([
  'quận',
  'phường',
  'thứ',
  'khóa',
  'ngã',
  'tuyến',
  'lộ',
  'lô',
  'ron',
  'bks',
  'tầng',
  'mùng',
  'mồng',
  'tháng',
  'quý',
  'tuần',
  'ngày',
  'lần',
  'kỳ',
  'đợt',
  'điều',
  'khoản',
  'hạng',
  'top',
]);
/**
 * "số" numbers a thing only after one of these ("Đội CSGT số 6", "biển số 30E", "nhà số 12",
 * "Nghị định số 81"); elsewhere it is part of a measure ("dân số 17,5 triệu", "con số 20 tỷ",
 * "chỉ số 105", "tỷ số 24-10").
 */
const NUMBERED_BEFORE_SO = new Set([
  'đội',
  'phòng',
  'tuyến',
  'nhà',
  'đường',
  'xe',
  'định',
  'tư',
  'văn',
  'lô',
  'khu',
  'tổ',
  'biển',
  'bến',
  'cổng',
  'ga',
  'kho',
  'sân',
  'trạm',
  'ấp',
  'thôn',
  'xóm',
]);
/** Syllables that make "tỷ" part of a word for a ratio rather than the number word "billion". */
const RATIO_AFTER_TY = new Set(['trọng', 'lệ', 'giá', 'suất', 'số']);
/** Labels that rank: a question asking a rank ("đứng thứ mấy", "xếp hạng mấy") is answered by them. */
const RANK_WORDS = new Set(['thứ', 'hạng', 'top']);
/** Words a day-and-month ("9/6") follows: "ngày mai 9/6", "hôm nay 9/6". Elsewhere "1/3" may be a fraction. */
const DAY_BEFORE_SLASH = new Set([...WHEN_WORDS, 'mai', 'nay', 'qua', 'kia']);

/**
 * True when the token at `i` (of `tokenize`d text) is a figure that can answer "how much": a figure
 * (see {@link isFigureToken}) that is not a day or a clock time ("sáng 29/5", "lúc 2h15", "2h15'":
 * a sentence that only says when something happened holds no amount), nor a name, a label or a rank
 * ({@link LABEL_WORDS}; "30E-178.50", a number after a single letter, is a code). With `rankAsked`
 * ("đứng thứ mấy?") a rank ("thứ 2", "hạng 4") is the answer, so it counts.
 */
export function isAmountAt(tokens: readonly string[], i: number, rankAsked = false): boolean {
  const t = tokens[i]!;
  if (!isFigureToken(t)) return false;
  const [before, previous, next] = [tokens[i - 2], tokens[i - 1], tokens[i + 1]];
  if (previous !== undefined) {
    const label = previous === 'số' ? before !== undefined && NUMBERED_BEFORE_SO.has(before) : LABEL_WORDS.has(previous);
    if (label && !(rankAsked && RANK_WORDS.has(previous))) return false;
  }
  if (/^\d/.test(t) && previous !== undefined && /^[a-z]$/.test(previous)) return false;
  const dayOrMonth = (x: string | undefined) => x !== undefined && /^\d{1,2}$/.test(x);
  if (/^\d/.test(t) && previous !== undefined && DAY_BEFORE_SLASH.has(previous)) {
    // "sáng 29/5", "lúc 2"; "ngày 29-5" is tokenized as two numbers.
    if (previous === 'lúc' || t.includes('/') || (dayOrMonth(t) && dayOrMonth(next))) return false;
  }
  if (dayOrMonth(t) && dayOrMonth(previous) && before !== undefined && WHEN_WORDS.has(before)) return false;
  if (inWrittenDate(tokens, i)) return false;
  return !(dayOrMonth(t) && /^h\d{0,2}$/.test(next ?? ''));
}

/** Words between the two days of a span ("từ 1-1 đến hết 31-1-2017"). */
const SPAN_WORDS = new Set(['đến', 'tới', 'hết', 'ngày']);

const MONTH = '(?:0?[1-9]|1[0-2])';
/** Dates written with slashes are one token: a day and month ("1/1"), with the year ("31/1/2017"). */
const SLASHED_DAY = new RegExp(`^\\d{1,2}/${MONTH}$`);
const SLASHED_DATE = new RegExp(`^\\d{1,2}/${MONTH}/(?:19|20)\\d\\d$`);
const MONTH_NUMBER = new RegExp(`^${MONTH}$`);

/**
 * True when the token at `i` is the day or the month of a date written in full ("31-1-2017",
 * tokenized "31 1 2017"), or of the day opening a span that ends with one ("từ 1-1 đến hết
 * 31-1-2017"): such a sentence says when, and "1" is no count.
 */
function inWrittenDate(tokens: readonly string[], i: number): boolean {
  // With dashes the date is three tokens ("31 1 2017").
  const dayMonth = (j: number) => /^\d{1,2}$/.test(tokens[j] ?? '') && MONTH_NUMBER.test(tokens[j + 1] ?? '');
  const dated = (j: number) => (dayMonth(j) && YEAR.test(tokens[j + 2] ?? '')) || SLASHED_DATE.test(tokens[j] ?? '');
  const opensSpan = (j: number) => {
    let k = SLASHED_DAY.test(tokens[j] ?? '') ? j + 1 : dayMonth(j) ? j + 2 : -1;
    if (k < 0) return false;
    // "từ 1/1 - 31/1/2017": the dash is no token.
    while (SPAN_WORDS.has(tokens[k] ?? '')) k++;
    return dated(k);
  };
  return [i, i - 1].some((j) => j >= 0 && (dated(j) || opensSpan(j)));
}

/**
 * "bao nhiêu tiền / vốn / kinh phí", "tốn bao nhiêu", "giá bao nhiêu" (diacritic-free): the amount
 * asked is money, so a length, an area or a count ("dài 5,44 km", "480 m3/ngày") is no answer.
 */
const MONEY_NOUNS = 'tien|von|kinh phi|chi phi|ngan sach';
const COST_WORDS = 'ton|ton kem|ngon|tri gia|dang gia|gia|chi phi|kinh phi';
const MONEY_QUESTION = new RegExp(
  `(?<![\\p{L}])(?:bao nhieu (?:${MONEY_NOUNS})|(?:${COST_WORDS}) (?:bao nhieu|khoang bao nhieu|co nao))(?![\\p{L}])`,
  'u',
);
/**
 * Verbs and nouns whose "bao nhiêu" asks a sum of money though the question writes no "tiền"
 * (diacritic-free): being fined ("bị phạt bao nhiêu", "mức phạt là bao nhiêu"), paying, being paid
 * or compensated ("trả", "bồi thường", "đền bù"), charged ("thu phí",
 * "học phí", "thuế"), earning ("lương", "thu nhập", "thưởng"), owing or borrowing ("nợ", "vay"),
 * investing or donating ("đầu tư", "ủng hộ", "tài trợ"). "mua", "bán", "thu" (bought, sold,
 * harvested) and "chi" (also "chị") are left out: as often they ask how many.
 */
const MONEY_VERBS = [
  'phat|xu phat|nop phat|chi tra|tra gop|boi thuong|den bu|thu phi|tinh phi|hoc phi|vien phi|thue|thu nhap',
  'tien thuong|duoc thuong|muc thuong|no|vay|dau tu|rot von|ung ho|quyen gop|tai tro',
  // "kiểm tra", "thanh tra", "điều tra" (inspect) are no paying.
  '(?<!(?:kiem|thanh|dieu|tuan) )tra',
  // Folded, "lương" (salary) is also the "lượng" of "sản lượng", "số lượng", "khối lượng" (amount).
  '(?<!(?:san|so|khoi|trong|luu|dung|chat|nang|ham|dien|luc|tu|du|dinh|nhien) )luong',
].join('|');
/** Words that may stand between such a verb and "bao nhiêu": "bị phạt tổng cộng bao nhiêu", "phải trả khoảng bao nhiêu". */
const MONEY_VERB_FILLERS = 'duoc|het|mat|ra|la|tong cong|tat ca|khoang|len den|toi|den';
const MONEY_VERB_QUESTION = new RegExp(
  `(?<![\\p{L}])(?:${MONEY_VERBS})(?: (?:${MONEY_VERB_FILLERS}))* bao nhieu((?: [\\p{L}\\d]+){0,2})`,
  'u',
);
const CURRENCIES = 'dong|usd|do la|euro|eur|yen|bang anh|nhan dan te|ndt|vnd|won|baht|ty|ti|trieu';
/** A figure followed by a currency, or a scale word that news uses for money ("12.000 tỷ đồng", "3,6 tỷ USD", "$5", "20 tỷ"). */
const MONEY_AMOUNT = new RegExp(
  `\\d[\\d.,]*\\s*(?:(?:nghin|ngan|trieu|ty|ti)\\s+)?(?:${CURRENCIES})(?![\\p{L}])|\\$\\s*\\d|\\d\\s*\\$`,
  'u',
);

/** Words after a number that make it a length of time or a date: "9 tháng", "2 năm", "3 tuần". */
const PERIOD_UNITS = new Set(['thang', 'nam', 'quy', 'tuan', 'ngay']);

/**
 * The figures a title states as amounts of what a "bao nhiêu" question asks ("Xử phạt Nhà máy
 * đường 3 tỷ đồng", "Chi 180 tỷ"): digits only (not number words), not written by the question, and
 * for money asked only amounts of money ("14 kg" in a title is no headline for "bao nhiêu vốn").
 */
export function headlineAmounts(frame: QuestionFrame, title: string, asked: Set<string>): Set<string> {
  const out = new Set<string>();
  if (frame.kind !== 'quantity') return out;
  const money = asksForMoney(frame);
  const tokens = tokenize(title);
  tokens.forEach((t, i) => {
    if (!/^\d/.test(t) || !isAmountAt(tokens, i) || asked.has(plainToken(t))) return;
    // "Hải Phòng: kinh tế 9 tháng năm 2023": the title's period says when, not how much.
    if (PERIOD_UNITS.has(plainToken(tokens[i + 1] ?? ''))) return;
    if (money && !MONEY_AMOUNT.test(fold(tokens.slice(i, i + 4).join(' ')))) return;
    out.add(t);
  });
  return out;
}

/**
 * What an amount measures, by the word written after it (diacritic-free): "45 tuổi" an age, "120
 * phút" a length of time, "35.555 ha" an area. Amounts of money are {@link MONEY_AMOUNT}'s.
 */
const MEASURE_UNITS: Record<Measure, readonly string[]> = {
  money: ['dong', 'usd', 'do', 'euro', 'eur', 'yen', 'vnd', 'won', 'baht', 'ndt'],
  age: ['tuoi'],
  duration: ['giay', 'phut', 'gio', 'ngay', 'tuan', 'thang', 'nam'],
  area: ['ha', 'hec', 'hecta', 'm2', 'km2', 'mau'],
  length: ['km', 'm', 'met', 'cm', 'mm'],
  weight: ['tan', 'kg', 'ta', 'gram', 'gam'],
  volume: ['lit', 'm3'],
};
type Measure = 'money' | 'age' | 'duration' | 'area' | 'length' | 'weight' | 'volume';
const MEASURE_OF_UNIT = new Map(Object.entries(MEASURE_UNITS).flatMap(([m, units]) => units.map((u) => [u, m as Measure])));
/** Words between an amount and its unit ("3,6 tỷ USD", "20-25 triệu đồng"), skipped to find the unit. */
const SCALE_WORDS = new Set([...SCALES, 'chuc', 'van']);
/**
 * Words after "bao nhiêu" that name a thing counted (diacritic-free, first syllable): people, cases,
 * vehicles, projects, visits… "bao nhiêu vì", "bao nhiêu trong 6 tháng" name nothing, so only
 * these make a question ask for a count.
 */
const COUNT_NOUNS = new Set(
  (
    'nguoi thi hoc sinh em ca vu xe chiec o oto con can du doanh luot khach truong lop benh nha ho tau chuyen cay dua cai bo cuon ' +
    'tinh nuoc quoc cong ngan lao viec don diem huy ban phong giuong suat tre chau hs sv gv nhan thanh dai dang dan ' +
    'may chuong to hang tac gia thuyen'
  ).split(' '),
);

/**
 * The measure a "bao nhiêu <word>" question asks: one of {@link Measure} ("bao nhiêu tuổi", "bao
 * nhiêu ha"; not "bao lâu", which a span of years answers as well as a length), `count` for a thing counted ("bao nhiêu thí sinh", "bao nhiêu ô tô"), or
 * null when the question names none ("FDI tăng bao nhiêu?"). Money is {@link MONEY_QUESTION}'s.
 */
export function askedMeasure(frame: QuestionFrame): Measure | 'count' | null {
  if (frame.kind !== 'quantity') return null;
  const q = fold(frame.text);
  const m = /(?<![\p{L}])bao nhieu((?:\s+[\p{L}\d]+){1,3})/u.exec(q);
  if (!m) {
    // "có mấy con cháu": "mấy" before a counted noun asks a count as "bao nhiêu" does.
    const at = countWordAt(frame);
    return at !== null && COUNT_UNITS.has(at.plain[at.from] ?? '') && !asksForMoney(frame) ? 'count' : null;
  }
  const words = m[1]!
    .trim()
    .split(/\s+/)
    .filter((w) => !SCALE_WORDS.has(w));
  const word = words[0];
  if (word === undefined || /^\d/.test(word)) return null;
  // "bao nhiêu ở Hải Phòng" names a place, not a thing counted: "ở" folds to the "o" of "ô tô".
  if (word === 'o' && /bao nhiêu\s+ở(?![\p{L}])/u.test(frame.text.normalize('NFC').toLowerCase())) return null;
  const measure = MEASURE_OF_UNIT.get(word);
  // "bao nhiêu năm 2017" asks an amount of 2017; "bao nhiêu năm" asks a length of time.
  if (measure === 'duration' && words[1] !== undefined && /^\d/.test(words[1])) return null;
  if (measure) return measure;
  return COUNT_NOUNS.has(word) && !asksForMoney(frame) ? 'count' : null;
}

/** What the amount at `i` (of `tokenize`d text) measures, by the word after it and its scale words; null for a plain count. */
function measureAt(tokens: readonly string[], i: number): Measure | null {
  // "ở tuổi 38" is an age as "38 tuổi" is.
  if (tokens[i - 1] === 'tuổi') return 'age';
  const unit = wordAfterAmount(tokens, i);
  return unit === undefined ? null : (MEASURE_OF_UNIT.get(unit) ?? null);
}

/**
 * True when the amount at `i` can be the measure asked: an age for "bao nhiêu tuổi", an area for
 * "bao nhiêu ha"; for a thing counted, anything but a share (`percents`: the sentence's figures
 * written with "%", which `tokenize` drops), a sum of money, an age, a time, an area, a length, a
 * weight or a volume ("120 phút", "5 tỷ USD" or "tăng 123,4%" is no number of candidates or cars).
 */
function measureFits(
  asked: Measure | 'count' | null,
  tokens: readonly string[],
  i: number,
  percents: ReadonlySet<string>,
  aboutMoney = false,
): boolean {
  if (asked === null) return true;
  // "tỷ trọng", "tỷ lệ", "tỷ giá", "tỷ suất", "tỷ số" are words (share, rate, exchange rate), not a
  // billion of the measure asked. Only when a measure is asked: a question misread as "how much"
  // ("Khu vực nào … tỷ lệ tội phạm cao?") still finds its sentence by that word.
  if ((tokens[i] === 'tỷ' || tokens[i] === 'tỉ') && RATIO_AFTER_TY.has(tokens[i + 1] ?? '')) return false;
  const measure = measureAt(tokens, i);
  if (asked !== 'count') return measure === asked;
  if (measure !== null || percents.has(tokens[i]!)) return false;
  // In a sentence about money a bare figure is money too, its currency written once for all:
  // "nhập khẩu từ Mỹ là 19 tỷ và xuất siêu 32 tỷ USD" gives no number of cars. There a figure
  // counts things only when a counted noun follows it ("9.935 chiếc", "1.200 người").
  return !aboutMoney || COUNT_UNITS.has(wordAfterAmount(tokens, i) ?? '');
}

/** "bao nhiêu triệu", "mấy tỷ" (diacritic-free; chat "bn tr" is expanded before): the scale of the figure asked. */
const SCALE_QUESTION = new RegExp(`(?<![\\p{L}])(?:bao nhieu|may) (${Object.keys(SCALE_ZEROS).join('|')})(?![\\p{L}])`, 'u');

/** The zeros of the scale a question asks its figure in ("bao nhiêu triệu" 6), or undefined when it names none. */
function askedScale(frame: QuestionFrame): number | undefined {
  const m = SCALE_QUESTION.exec(fold(frame.text));
  return m ? SCALE_ZEROS[m[1]!] : undefined;
}

/**
 * True when the amount at `i` is written in at least the scale asked: "100 triệu đồng" or "1,2 tỷ"
 * for "bao nhiêu triệu", or a number that large written out ("100.000.000 đồng"). "hai người" and
 * "số 6" are no answer to "mang bao nhiêu triệu tiền giả"; a scale word alone ("Triệu Đình Hùng",
 * "hàng triệu") states no figure.
 */
function scaleFits(zeros: number, tokens: readonly string[], i: number): boolean {
  const t = tokens[i]!;
  if (SCALE_ZEROS[plainToken(t)] !== undefined) return false;
  let j = i + 1;
  while (j < tokens.length && /^\d/.test(tokens[j]!)) j++;
  const after = SCALE_ZEROS[plainToken(tokens[j] ?? '')];
  if (after !== undefined) return after >= zeros;
  const digits = /^\d[\d.]*$/.test(t) ? t.replace(/\./g, '') : '';
  return digits.length > zeros;
}

/** Counted nouns and the classifiers news writes after a count ("9.935 chiếc", "574 ca", "3 lượt"), diacritic-free. */
const COUNT_UNITS = new Set([...COUNT_NOUNS, 'chiec', 'luot', 'ngoi', 'vien', 'tam', 'qua', 'bo', 'hop', 'nguoi']);

/**
 * What a count counts, for telling one counted noun from another: "bao nhiêu lượt khách" counts
 * people, and "9.394 lượt xe" vehicles, so is no answer.
 */
type Counted =
  | 'people'
  | 'vehicles'
  | 'incidents'
  | 'households'
  | 'homes'
  | 'firms'
  | 'schools'
  | 'projects'
  | 'animals'
  | 'trees'
  | 'countries'
  | 'provinces';
/**
 * Counted nouns (diacritic-free, one or two syllables) and the thing each counts. Only words that,
 * written right after a figure, cannot count anything else: "nhà" is left out ("5 nhà khoa học" are
 * people), "bò", "gà", "cá" too (folded they are "bộ", "ga", "ca"). A noun not listed says nothing,
 * and the figure before it may answer.
 */
const COUNTED_NOUNS: Record<string, Counted> = {
  ...Object.fromEntries(
    (
      'nguoi khach hanh-khach du-khach hoc-sinh hs sinh-vien sv thi-sinh em tre tre-em benh-nhan lao-dong cong-nhan chau ' +
      'nguoi-dan cu-dan cong-dan giao-vien gv can-bo dai-bieu doi-tuong nan-nhan thanh-vien nhan-vien bac-si chien-si ' +
      'van-dong-vien vdv hoc-vien phu-nu ung-vien nong-dan ngu-dan nghi-pham bi-can pham-nhan nha-dau-tu tinh-nguyen-vien'
    )
      .split(' ')
      .map((w) => [w.replace(/-/g, ' '), 'people' as const]),
  ),
  ...Object.fromEntries(
    'xe o-to oto xe-may xe-buyt tau thuyen may-bay phuong-tien'.split(' ').map((w) => [w.replace(/-/g, ' '), 'vehicles' as const]),
  ),
  vu: 'incidents',
  'vu viec': 'incidents',
  'vu an': 'incidents',
  ho: 'households',
  'ho dan': 'households',
  'gia dinh': 'households',
  'ho gia dinh': 'households',
  'can ho': 'homes',
  'can nha': 'homes',
  'ngoi nha': 'homes',
  'doanh nghiep': 'firms',
  dn: 'firms',
  'cong ty': 'firms',
  'hop tac xa': 'firms',
  htx: 'firms',
  'nha may': 'firms',
  truong: 'schools',
  'du an': 'projects',
  'cong trinh': 'projects',
  lon: 'animals',
  heo: 'animals',
  trau: 'animals',
  'gia suc': 'animals',
  'gia cam': 'animals',
  cay: 'trees',
  nuoc: 'countries',
  'quoc gia': 'countries',
  tinh: 'provinces',
  'tinh thanh': 'provinces',
};
/**
 * Classifiers: written between a figure and its noun ("9.935 chiếc ô tô", "6 người con"), or
 * alone for it ("9.935 chiếc", "376 nghìn lượt", "574 ca"), when they fit any of the things listed.
 * A noun after one decides ("lượt xe" counts vehicles). "ca" (cases) and "trường hợp" are people
 * as well as incidents ("574 ca" answers "bao nhiêu người mắc"); "con" a child as well as an animal.
 */
const CLASSIFIERS: Record<string, readonly Counted[]> = {
  chiec: ['vehicles'],
  luot: ['people', 'vehicles'],
  chuyen: ['vehicles', 'people'],
  nguoi: ['people'],
  dua: ['people'],
  em: ['people'],
  ca: ['people', 'incidents'],
  'truong hop': ['people', 'incidents'],
  con: ['people', 'animals'],
  can: ['homes'],
  ngoi: ['homes'],
};

/** The counted noun phrase written from `j` in plain tokens: the longest listed, up to three syllables. */
function countedNounAt(plain: readonly string[], j: number, table: Readonly<Record<string, unknown>>): string | undefined {
  for (let n = 3; n >= 1; n--) {
    const phrase = plain.slice(j, j + n).join(' ');
    if (plain.length >= j + n && phrase in table) return phrase;
  }
  return undefined;
}

/**
 * The things a count written from `j` (plain tokens: a classifier, a counted noun, or both) may
 * count; null when nothing there is listed. "lượt khách" people, "chiếc" vehicles, "con cháu" people.
 */
function countedFrom(plain: readonly string[], j: number): readonly Counted[] | null {
  const classifier = countedNounAt(plain, j, CLASSIFIERS);
  const from = classifier === undefined ? j : j + classifier.split(' ').length;
  const noun = countedNounAt(plain, from, COUNTED_NOUNS);
  // "người con", "con cháu": a classifier that is a noun too reads as the classifier when one follows.
  if (noun !== undefined) return [COUNTED_NOUNS[noun]!];
  if (classifier !== undefined) return CLASSIFIERS[classifier]!;
  const alone = countedNounAt(plain, j, COUNTED_NOUNS);
  return alone === undefined ? null : [COUNTED_NOUNS[alone]!];
}

/**
 * What a count question counts, by the words it writes right after "bao nhiêu" or "mấy" ("bao
 * nhiêu lượt khách" people, "bao nhiêu ô tô" vehicles, "mấy con cháu" people); null when it names
 * nothing listed.
 */
function askedCounted(frame: QuestionFrame): readonly Counted[] | null {
  const at = countWordAt(frame);
  return at === null ? null : countedFrom(at.plain, at.from);
}

/**
 * Where the words a count question counts begin: past "bao nhiêu" or "mấy" and the scale words
 * after it ("bao nhiêu nghìn lượt khách"), in the question's plain tokens; null when it has neither.
 * Typed without marks, "may" is also "máy" ("xe máy", "nhà máy"): it is read as "mấy" only
 * before a counted noun.
 */
function countWordAt(frame: QuestionFrame): { plain: string[]; from: number } | null {
  const plain = tokenize(frame.text).map(plainToken);
  const accented = tokenize(frame.text);
  let from = -1;
  for (let i = 0; i < plain.length && from < 0; i++) {
    if (plain[i] === 'bao' && plain[i + 1] === 'nhieu') from = i + 2;
  }
  if (from < 0) {
    const typedPlain = fold(frame.text) === frame.text.normalize('NFC').toLowerCase();
    for (let i = 0; i < plain.length && from < 0; i++) {
      if (plain[i] !== 'may' || (!typedPlain && accented[i] !== 'mấy')) continue;
      if (typedPlain && ['xe', 'nha', 'dien', 'tho'].includes(plain[i - 1] ?? '')) continue;
      if (COUNT_UNITS.has(plain[i + 1] ?? '')) from = i + 1;
    }
  }
  if (from < 0) return null;
  while (from < plain.length && SCALE_WORDS.has(plain[from]!)) from++;
  return { plain, from };
}

/**
 * True when the amount at `i` may count what the question counts (`asked`, see
 * {@link askedCounted}): the classifier or noun written after it (past its scale words) counts one
 * of those things, or is none listed ("50.960 chỉ tiêu" may be the places for "bao nhiêu học sinh").
 */
function countedFits(asked: readonly Counted[] | null, tokens: readonly string[], i: number): boolean {
  if (asked === null) return true;
  const j = pastAmount(tokens, i);
  const counted = countedFrom(tokens.slice(j, j + 5).map(plainToken), 0);
  return counted === null || counted.some((c) => asked.includes(c));
}

/** The index of the first token after the amount at `i` and its scale words and digits ("3,6 tỷ USD" → that of "USD"). */
function pastAmount(tokens: readonly string[], i: number): number {
  let j = i + 1;
  while (j < tokens.length && (SCALE_WORDS.has(plainToken(tokens[j]!)) || /^\d/.test(tokens[j]!))) j++;
  return j;
}

/** The word (diacritic-free) written after the amount at `i`, past its scale words ("3,6 tỷ USD" → "usd"). */
function wordAfterAmount(tokens: readonly string[], i: number): string | undefined {
  const word = tokens[pastAmount(tokens, i)];
  return word === undefined ? undefined : plainToken(word);
}

/** The figures a sentence writes as a share ("123,4%", "15 %", "20 phần trăm"). */
function percentFigures(sentence: string): Set<string> {
  return new Set(allMatches(/(\d[\d.,]*)\s*(?:%|phần trăm)/gu, sentence.toLowerCase()).map((m) => m[1]!));
}

/** "đứng thứ mấy", "xếp hạng mấy", "thứ bao nhiêu" (diacritic-free): a rank is asked. */
const RANK_QUESTION = /(?<![\p{L}])(?:(?:thu|hang)\s+(?:may|bao\s+nhieu)|xep\s+(?:thu|hang)|dung\s+thu)(?![\p{L}])/u;

/** True when a question asks for a rank ("Sân bay … đứng thứ mấy?"): then "thứ 5" answers it (see {@link isAmountAt}). */
export function asksForRank(frame: QuestionFrame): boolean {
  return frame.kind === 'quantity' && RANK_QUESTION.test(fold(frame.text));
}

/**
 * True when a question asks for an amount of money: it says so ({@link MONEY_QUESTION}), or a verb
 * asks it ({@link MONEY_VERB_QUESTION}) and "bao nhiêu" names no other thing or measure after it
 * ("phạt bao nhiêu trường hợp" asks a count, "vay bao nhiêu năm" a length of time).
 */
function asksForMoney(frame: QuestionFrame): boolean {
  if (frame.kind !== 'quantity') return false;
  const q = fold(frame.text);
  if (MONEY_QUESTION.test(q)) return true;
  const m = MONEY_VERB_QUESTION.exec(q);
  if (!m) return false;
  const word = m[1]!
    .trim()
    .split(/\s+/)
    .find((w) => w !== '' && !SCALE_WORDS.has(w));
  return word === undefined || !(COUNT_UNITS.has(word) || MEASURE_OF_UNIT.has(word));
}

/**
 * What `read` finds in the nearest of the sentences `before` (in reading order) where it finds
 * anything; undefined when none has any. Walks back and stops there: a candidate sentence deep in a
 * long passage would otherwise have every sentence before it read again.
 */
function nearestBefore<T>(before: readonly string[], read: (sentence: string) => T[]): T[] | undefined {
  for (let i = before.length - 1; i >= 0; i--) {
    const found = read(before[i]!);
    if (found.length > 0) return found;
  }
  return undefined;
}

/** What a "bao nhiêu" question asks of a figure, read once per question (see {@link quantityAsked}). */
interface QuantityAsked {
  written: (tokens: readonly string[], i: number) => boolean;
  money: boolean;
  measure: Measure | 'count' | null;
  rank: boolean;
  scale: number | undefined;
  counted: readonly Counted[] | null;
}
const QUANTITY_ASKED = new WeakMap<QuestionFrame, QuantityAsked>();

/**
 * The readings of a quantity question that {@link kindFits} checks every candidate sentence
 * against: computed on the first sentence and kept with the frame, since they depend on the
 * question alone and each re-reads its text.
 */
function quantityAsked(frame: QuestionFrame): QuantityAsked {
  let asks = QUANTITY_ASKED.get(frame);
  if (!asks) {
    const measure = askedMeasure(frame);
    asks = {
      written: writtenWithNeighbour(frame),
      money: asksForMoney(frame),
      measure,
      rank: asksForRank(frame),
      scale: askedScale(frame),
      counted: measure === 'count' ? askedCounted(frame) : null,
    };
    QUANTITY_ASKED.set(frame, asks);
  }
  return asks;
}

function kindFits(frame: QuestionFrame, sentence: string, asked: Set<string>, withMeasure = true): boolean {
  // A number the question itself says is no answer. A number word, only with the word beside it:
  // alone its diacritic-free form is often another word of the question ("ba" is also "bà" of "bà
  // mẹ"), but the "đôi" of "vừa sinh đôi" ("sinh doi") is what the question is about, not the figure asked.
  if (frame.kind === 'quantity') {
    const asks = quantityAsked(frame);
    const written = asks.written;
    if (withMeasure && asks.money && !MONEY_AMOUNT.test(fold(sentence))) return false;
    const measure = withMeasure ? asks.measure : null;
    const percents = measure === 'count' ? percentFigures(sentence) : new Set<string>();
    const aboutMoney = measure === 'count' && MONEY_AMOUNT.test(fold(sentence));
    const rank = asks.rank;
    const scale = withMeasure ? asks.scale : undefined;
    const counted = measure === 'count' ? asks.counted : null;
    return tokenize(sentence).some(
      (t, i, all) =>
        isAmountAt(all, i, rank) &&
        (NUMBER_WORDS.has(t) ? !written(all, i) : !asked.has(plainToken(t))) &&
        measureFits(measure, all, i, percents, aboutMoney) &&
        countedFits(counted, all, i) &&
        (scale === undefined || scaleFits(scale, all, i)),
    );
  }
  if (frame.kind === 'person') {
    if (hasNewName(sentence, asked)) return true;
    // "X là ai?" asks for a name; "Ai đã làm X?" may be answered by who they are ("các sinh viên").
    if (IDENTITY_QUESTION.test(fold(frame.text))) return false;
    return tokenize(sentence).some(
      (t, i, all) => PERSON_NOUNS.has(plainToken(t)) && !asked.has(plainToken(t)) && (i === 0 || !asked.has(plainToken(all[i - 1]!))),
    );
  }
  // "Khi nào…?" needs a date or a time: a number the question does not write ("19/5", "sáng 8.2", "năm 1889", "thế kỷ 19").
  if (frame.kind === 'date') {
    if (!tokenize(sentence).some((t) => /^\d/.test(t) && !asked.has(plainToken(t)))) return false;
    // The unit asked must be there: "ngày nào?", "hôm nào?" a day ("6 triệu khách vào năm 2030"
    // says a year, not which day), "năm nào?" a year, "tháng nào?" a month, "mấy giờ?" a clock time.
    const unit = askedDateUnit(frame);
    const folded = fold(sentence);
    if (unit === 'day') return SAYS_A_DAY.test(folded);
    if (unit === 'year') return tokenize(sentence).some((t) => YEAR.test(t) && !asked.has(t));
    if (unit === 'month') return SAYS_A_MONTH.test(folded) || SAYS_A_DAY.test(folded);
    if (unit === 'time') return SAYS_A_TIME.test(folded);
  }
  return true;
}

/**
 * Whether the token at `i` of a sentence's tokens is written by the question together with the
 * token before or after it (diacritic-free: "sinh đôi" for "sinh doi").
 */
function writtenWithNeighbour(frame: QuestionFrame): (tokens: readonly string[], i: number) => boolean {
  const words = tokenize(frame.text).map(plainToken);
  const pairs = new Set(words.slice(1).map((w, i) => `${words[i]} ${w}`));
  return (tokens, i) => {
    const here = plainToken(tokens[i]!);
    const before = i > 0 ? `${plainToken(tokens[i - 1]!)} ${here}` : '';
    const after = i + 1 < tokens.length ? `${here} ${plainToken(tokens[i + 1]!)}` : '';
    return pairs.has(before) || pairs.has(after);
  };
}

/** A question asking which day: "ngày nào", "hôm nào", "bữa nào", "ngày mấy", "ngày bao nhiêu" (folded). */
const DAY_QUESTION = /(?<![\p{L}])(?:ngay|hom|bua)\s+(?:nao|may|bao\s+nhieu)(?![\p{L}])/u;
/** A question asking which year ("năm nào", "năm mấy", "năm bao nhiêu"), month ("tháng nào", "tháng mấy"), or hour ("mấy giờ", "giờ nào", "mấy h"). */
const YEAR_QUESTION = /(?<![\p{L}])nam\s+(?:nao|may|bao\s+nhieu)(?![\p{L}])/u;
const MONTH_QUESTION = /(?<![\p{L}])thang\s+(?:nao|may)(?![\p{L}])/u;
const TIME_QUESTION = /(?<![\p{L}])(?:may\s+(?:gio|h)|gio\s+nao)(?![\p{L}])/u;

/** The unit of time a "when" question asks for, when it names one; undefined for "khi nào", "bao giờ", "lúc nào". */
export type DateUnit = 'day' | 'month' | 'year' | 'time';

/** Which unit of time a date question asks ("ngày nào" a day, "năm nào" a year, "mấy giờ" an hour); undefined when it names none. */
export function askedDateUnit(frame: Pick<QuestionFrame, 'kind' | 'text'>): DateUnit | undefined {
  if (frame.kind !== 'date') return undefined;
  const q = fold(frame.text);
  if (TIME_QUESTION.test(q)) return 'time';
  if (DAY_QUESTION.test(q)) return 'day';
  if (MONTH_QUESTION.test(q)) return 'month';
  if (YEAR_QUESTION.test(q)) return 'year';
  return undefined;
}

/** A sentence saying a month (folded): "tháng 5", "tháng 5/2017", "tháng Năm". */
const SAYS_A_MONTH = /(?<![\p{L}])thang\s+(?:\d{1,2}(?!\d)|gieng|chap|mot|hai|ba|tu|nam|sau|bay|tam|chin|muoi)(?![\p{L}])/u;
/** A sentence saying a clock time (folded): "9h", "9h30", "9 giờ", "lúc 9", "21:30". */
const SAYS_A_TIME =
  /(?<![\d.,])\d{1,2}\s*(?:h|gio)(?:\s*\d{2})?(?![\p{L}])|(?<![\p{L}])luc\s+\d{1,2}(?!\d)|(?<![\d.,])\d{1,2}:\d{2}(?!\d)/u;

/** Whether a sentence (as written) says a day ("19/5", "ngày 19", "hôm qua", a weekday): see {@link SAYS_A_DAY}. */
export function saysADay(sentence: string): boolean {
  return SAYS_A_DAY.test(fold(sentence));
}
/**
 * A sentence saying a day (folded): "19/5", "30.6", "29-5", "ngày 19", "19 tháng 5", "mùng 1", a
 * weekday, or a day named from the briefing's ("hôm qua", "sáng nay", "ngày mai").
 */
const SAYS_A_DAY = new RegExp(
  [
    String.raw`(?<![\d.,])\d{1,2}\s*[/.-]\s*\d{1,2}(?!\d|,\d|\.\d{3})`,
    String.raw`(?<![\p{L}])(?:ngay|mung|mong)\s+\d{1,2}(?!\d)`,
    String.raw`(?<![\d.,])\d{1,2}\s+thang\s+\d{1,2}(?!\d)`,
    String.raw`(?<![\p{L}])(?:thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s+nhat)(?![\p{L}])`,
    String.raw`(?<![\p{L}])(?:hom|sang|trua|chieu|toi|dem)\s+(?:nay|qua|kia)(?![\p{L}])|(?<![\p{L}])ngay\s+mai(?![\p{L}])`,
  ].join('|'),
  'u',
);

const IDENTITY_QUESTION = /(?<![\p{L}])(?:la\s+ai|ai\s+la|ten\s+(?:la\s+)?gi)(?![\p{L}])/u;
/** Words that say who someone is, diacritic-free. */
const PERSON_NOUNS = new Set([
  'nguoi',
  'nha',
  'ong',
  'ba',
  'anh',
  'chi',
  'vien',
  'sinh',
  'dan',
  'bieu',
  'tich',
  'truong',
  'giam',
  'doc',
  'su',
  'si',
  'tac',
  'gia',
  'thu',
  'lanh',
  'dao',
  'cong',
  'nhan',
  'hoc',
  'giao',
  'vua',
  'hoang',
  'de',
  'tuong',
  'linh',
  'quan',
  'doi',
  'nhom',
  'ho',
]);

/** A capitalised name (not just the sentence's first word) that the question does not mention. */
export function hasNewName(sentence: string, asked: Set<string>): boolean {
  const words = sentence.split(/\s+/).slice(1);
  return words.some((w) => /^\p{Lu}/u.test(w) && !asked.has(plainToken(w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''))));
}

// --- Place -----------------------------------------------------------------------------------------

const NATIONWIDE_TEXT = /(?<![\p{L}])(?:ca\s+nuoc|toan\s+quoc)(?![\p{L}])/u;

/**
 * The whole country as the yardstick of a ranking or a share ("đứng thứ 3 cả nước", "dẫn đầu cả
 * nước", "chiếm 10% kim ngạch cả nước", "cao hơn bình quân cả nước"): the figure is the
 * province's own, so the sentence is not about the whole country. Matched on the accented text,
 * where "thứ" (rank) and "thu" (revenue) differ, and within a clause ("so với cùng kỳ, cả nước
 * có …" is about the country).
 */
const YARDSTICK_WORDS = [
  String.raw`thứ\s+(?:\d+|nhất|nhì|hai|ba|tư|năm)`,
  String.raw`đứng\s+đầu|dẫn\s+đầu|(?<!thống\s)nhất|top|tốp|so\s+với|chiếm`,
  String.raw`(?:cao|thấp|nhiều|ít|lớn|nhỏ|nhanh|chậm)\s+hơn`,
].join('|');
const NATIONWIDE_YARDSTICK = new RegExp(
  String.raw`(?<![\p{L}])(?:${YARDSTICK_WORDS})(?:\s+[^\s,.;:!?()]+){0,5}?\s+(?:của\s+|trên\s+|trong\s+)?(?:cả\s+nước|toàn\s+quốc)(?![\p{L}])`,
  'giu',
);

/** Whether the sentence is about the whole country: it says so other than as a ranking's yardstick. */
function aboutWholeCountry(sentence: string): boolean {
  return NATIONWIDE_TEXT.test(fold(sentence.normalize('NFC').replace(NATIONWIDE_YARDSTICK, ' ')));
}

function placeFit(frame: QuestionFrame, sentence: string, context: FitContext, instead: string[]): Fit {
  if (frame.places.length === 0) return 'fits';
  const asked = frame.places.filter((p) => p !== NATIONWIDE);
  const named = findRegions(sentence);
  const nationwide = NATIONWIDE_TEXT.test(fold(sentence));
  if (named.some((r) => asked.includes(r))) return 'fits';
  if (frame.places.includes(NATIONWIDE) && nationwide) return 'fits';
  const elsewhere = (what: string) => {
    instead.push(what);
    return 'other' as const;
  };
  // The sentence names another place (or the whole country) and not the one asked.
  if (named.length > 0) return elsewhere(`của ${named.join(', ')}`);
  if (asked.length > 0 && aboutWholeCountry(sentence)) return elsewhere('của cả nước');
  const titled = findRegions(context.title);
  if (asked.length > 0) {
    if (titled.some((r) => asked.includes(r))) return 'fits';
    // A list-like article gives province after province ("Nam Định có tỷ lệ … Trong đó 45/73
    // trường của tỉnh …"): a sentence naming none is about the province the nearest sentence
    // before it names, before the document's own province (which may be only the first listed).
    const previous = nearestBefore(context.before ?? [], findRegions);
    if (previous?.some((r) => asked.includes(r))) return 'fits';
    if (previous) return elsewhere(`của ${previous.join(', ')}`);
    if (context.region !== null && asked.includes(context.region)) return 'fits';
    const about = context.region ?? titled[0];
    return elsewhere(about ? `của ${about}` : 'ở nơi khác');
  }
  // The whole country asked: a sentence naming no province may be about it (national figures are
  // often reported in an article led by a province).
  if (NATIONWIDE_TEXT.test(fold(context.title))) return 'fits';
  return 'unstated';
}

// --- Period ----------------------------------------------------------------------------------------

function periodFit(
  askedPeriod: QuestionPeriod | null,
  sentence: string,
  context: FitContext,
  now: Date,
  instead: string[],
  years: { other?: boolean; otherPart?: boolean } = {},
): Fit {
  if (!askedPeriod) return 'fits';
  let asked = askedPeriod;
  const other = (what: QuestionPeriod | string) => {
    instead.push(typeof what === 'string' ? what : describePeriod(what));
    return 'other' as const;
  };
  if (asked.relative === 'this-year' || asked.relative === 'last-year') {
    // "6 tháng đầu năm nay": the year the asker lives in is the corpus's latest, which the question
    // cannot say; only the part of the year is checked.
    asked = { ...asked, relative: undefined };
  }
  if (asked.relative) {
    // "hôm nay", "hôm qua", "tuần trước": only the document's date can say it is that day's or
    // week's news, and only a date as precise as the period (a month does not say which day).
    const { from, to } = relativeSpan(asked.relative, now);
    const date = context.date;
    if (!date || date.length < from.length || date.slice(0, from.length) < from || date.slice(0, to.length) > to)
      return other(date ? `của ${describeIsoDate(date)}` : 'không ghi ngày');
    return 'fits';
  }
  // Where the period is said, nearest first: the sentence, the sentences before it, the title.
  const before = context.before ?? [];
  const sources = [sentence, ...[...before].reverse(), context.title].map(findPeriodMentions);
  const said = (has: (p: QuestionPeriod) => boolean) => sources.find((mentions) => mentions.some(has))?.filter(has) ?? [];
  let year: Fit = 'fits';
  const otherYear = () => {
    years.other = true;
    const parts = isWithinYear(asked) ? said(isWithinYear) : [];
    if (parts.length > 0 && !parts.some((p) => samePeriod(asked, p))) years.otherPart = true;
  };
  if (asked.year !== undefined) {
    const written = String(asked.year);
    const mentioned = said((p) => p.year !== undefined);
    // "từ năm 1991 đến 2000" writes 1991 though not as the period it reports.
    if (mentioned.some((p) => p.year === asked.year) || yearsWritten(sentence).includes(asked.year)) year = 'fits';
    // "… 1.160.000 dặm vuông, so với 734.000 vào năm 2005" after a sentence about 2010 is about 2010.
    else if (mentioned.length > 0 && before.length > 0 && sources[1]!.some((p) => p.year === asked.year)) year = 'fits';
    else if (mentioned.length > 0) {
      otherYear();
      return other(mentioned[0]!);
    } else if (!context.date) year = 'unstated';
    else if (context.date.startsWith(written)) year = 'fits';
    // Dated another year, though the passage writes the year asked: may still be about it.
    else if (tokenize(context.text).includes(written)) year = 'unstated';
    else {
      otherYear();
      return other(`năm ${context.date.slice(0, 4)}`);
    }
  }
  if (!isWithinYear(asked)) return year;
  const subs = said(isWithinYear);
  // A briefing published when the period asked ends reports that period ("9 tháng" on 19/10).
  if (subs.length === 0) {
    if (publishedAtEndOf(asked, context.date)) return year;
    // "Từ đầu năm đến nay" is the months to the briefing's date: when that date gives no month,
    // nothing says which months, as for a year nothing states ("unstated").
    const toDate = asked.months !== undefined || asked.quarter !== undefined;
    if (toDate && (context.date ?? '').length < 7 && [sentence, ...before].some((s) => YEAR_TO_DATE.test(fold(s)))) return 'unstated';
    return 'unknown';
  }
  // The sentence's own period is read strictly: "Tính chung 5 tháng, … đạt 38.000 chiếc" gives the
  // months to date, not May's figure, and "tháng 5 đạt …" not the five months'. Said only before
  // it or in the title, "tháng 5" and "5 tháng" stay one (a briefing heads both at once).
  const own = sources[0]!.some(isWithinYear);
  if (subs.some((p) => samePeriod(asked, p) && (!own || !monthForMonths(asked, p)))) return year;
  return other({ ...subs[0]!, year: subs[0]!.year ?? asked.year });
}

/** Whether `sentence` writes the period asked, in the same terms or in terms taken as the same (see {@link FrameFit.stated}). */
function periodStated(asked: QuestionPeriod, sentence: string): FrameFit['stated'] {
  const mentions = findPeriodMentions(sentence);
  if (!isWithinYear(asked)) {
    if (asked.year === undefined) return null;
    return mentions.some((p) => p.year === asked.year) || yearsWritten(sentence).includes(asked.year) ? 'exact' : null;
  }
  const same = mentions.filter((p) => samePeriod(asked, p));
  if (same.length === 0) return null;
  const unit = (p: QuestionPeriod) =>
    p.day !== undefined
      ? 'day'
      : p.month !== undefined
        ? 'month'
        : p.quarter !== undefined
          ? 'quarter'
          : p.months !== undefined
            ? 'months'
            : 'tet';
  return same.some((p) => unit(p) === unit(asked)) ? 'exact' : 'equivalent';
}

/** "từ đầu năm đến nay", "từ đầu năm tới nay", "từ đầu năm đến thời điểm này" (folded): the year to date. */
const YEAR_TO_DATE = /(?<![\p{L}])tu\s+dau\s+nam\s+(?:den|toi)\s+(?:nay|thoi\s+diem\s+nay|hien\s+nay)(?![\p{L}])/u;

/** True when a date (ISO, with a month) falls in the last month of the period asked or the month after. */
function publishedAtEndOf(asked: QuestionPeriod, date: string | null): boolean {
  if (!date || date.length < 7) return false;
  const end = asked.months ?? asked.month ?? (asked.quarter !== undefined ? 3 * asked.quarter : undefined);
  if (end === undefined || asked.day !== undefined) return false;
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  // A year's last month is reported in January of the next.
  if (end === 12 && m === 1) return asked.year === undefined || y === asked.year + 1;
  if (asked.year !== undefined && y !== asked.year) return false;
  return m === end || m === end + 1;
}

/** A part of a year: a day, a month, a quarter, months from January, Tết. */
function isWithinYear(p: QuestionPeriod): boolean {
  return p.day !== undefined || p.month !== undefined || p.quarter !== undefined || p.months !== undefined || p.tet === true;
}

/**
 * The same part of a year. "tháng 5" and "5 tháng" are taken as one (briefings report a month and
 * the year to date together: "tháng 5 và 5 tháng đầu năm"); "quý I" is "3 tháng đầu năm".
 */
function samePeriod(asked: QuestionPeriod, p: QuestionPeriod): boolean {
  if (asked.day !== undefined)
    return p.day === asked.day && p.month === asked.month && p.fromDay === asked.fromDay && p.fromMonth === asked.fromMonth;
  if (asked.month !== undefined) return (p.month === asked.month && p.day === undefined) || p.months === asked.month;
  if (asked.quarter !== undefined) return p.quarter === asked.quarter || (asked.quarter === 1 && p.months === 3);
  if (asked.months !== undefined)
    return p.months === asked.months || (p.month === asked.months && p.day === undefined) || (asked.months === 3 && p.quarter === 1);
  if (asked.tet) return p.tet === true;
  return true;
}

/** True when `p` is taken for the period asked only by reading a month as the months to it ("tháng 5" for "5 tháng", or back). */
function monthForMonths(asked: QuestionPeriod, p: QuestionPeriod): boolean {
  if (asked.month !== undefined && asked.day === undefined) return p.months === asked.month && p.month === undefined;
  if (asked.months !== undefined) return p.month === asked.months && p.months === undefined;
  return false;
}

/**
 * The first and last ISO dates (inclusive) a relative period means, as of `now`, as precise as the
 * period: days for "hôm qua" and the weeks (Monday to Sunday; "tuần qua" the seven days up to
 * today), `YYYY-MM` for the months, `YYYY` for the years.
 */
function relativeSpan(relative: RelativePeriod, now: Date): { from: string; to: string } {
  const DAY = 86_400_000;
  const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
  const monday = -((now.getUTCDay() + 6) % 7);
  const month = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
  const span = (from: string, to = from) => ({ from, to });
  switch (relative) {
    case 'today':
      return span(day(0));
    case 'tomorrow':
      return span(day(1));
    case 'yesterday':
      return span(day(-1));
    case 'day-before-yesterday':
      return span(day(-2));
    case 'this-week':
      return span(day(monday), day(monday + 6));
    case 'last-week':
      return span(day(monday - 7), day(monday - 1));
    case 'past-week':
      return span(day(-7), day(0));
    case 'this-month':
      return span(month(0));
    case 'last-month':
      return span(month(-1));
    case 'last-year':
      return span(String(now.getUTCFullYear() - 1));
    case 'this-year':
      return span(String(now.getUTCFullYear()));
  }
}

/** An ISO date as a briefing writes it: "ngày 1/6/2017", "tháng 6/2017", "năm 2017". */
function describeIsoDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (d !== undefined && m !== undefined) return `ngày ${d}/${m}/${y}`;
  if (m !== undefined) return `tháng ${m}/${y}`;
  return `năm ${y}`;
}

/** "5 tháng đầu năm 2017 của Hải Phòng": what the question asks for, as a near-miss message says it. */
export function describeAsked(frame: QuestionFrame): string {
  const parts: string[] = [];
  if (frame.period) parts.push(describePeriod(frame.period));
  const regions = frame.places.filter((p) => p !== NATIONWIDE);
  if (regions.length > 0) parts.push(`của ${regions.join(', ')}`);
  else if (frame.places.includes(NATIONWIDE)) parts.push('của cả nước');
  return parts.join(' ');
}
