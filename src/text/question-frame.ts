/**
 * What a question asks, read once from its wording: the places it names, the period, the subject
 * words and the kind of answer it expects. Works on questions typed with or without diacritics,
 * with the usual chat abbreviations ("bn", "ko", "dc", "tp") and, given the corpus's vocabulary,
 * one-letter typos of unaccented syllables.
 *
 * Retrieval weighs passages by the frame (src/retrieval/query-analysis.ts); the extractive answerer and
 * the grounding of LLM answers accept only an answer that fits it (its kind, place and period).
 *
 * Stable interface (other modules build on it): {@link QuestionFrame}, {@link parseQuestionFrame},
 * {@link renderQuestion}, {@link describePeriod}, {@link NATIONWIDE}.
 */
import { findQuestionPeriod, fold, type QuestionPeriod } from './dates.js';
import { hasDiacritics, removeDiacritics, tokenize, tokenizePlain } from './normalize.js';
import { interrogativePositions, isQuestionWord } from './question-words.js';
import { findRegionMentionsInQuestion } from './regions.js';

export type { QuestionPeriod, RelativePeriod } from './dates.js';

/**
 * The kind of answer a question expects: a figure ("bao nhiêu", "tỷ lệ", "mấy người"), a person
 * ("ai"), an organisation ("công ty nào"), a place ("ở đâu", "tỉnh nào"), a date ("khi nào",
 * "năm nào"), or anything else ("là gì", "như thế nào").
 */
export type AnswerKind = 'quantity' | 'person' | 'organisation' | 'place' | 'date' | 'other';

/** The place name for the whole country ("cả nước", "toàn quốc") in {@link QuestionFrame.places}. */
export const NATIONWIDE = 'cả nước';

export interface QuestionFrame {
  /** The question as asked. */
  question: string;
  /** The question as understood: NFC, chat abbreviations expanded, typos corrected. */
  text: string;
  /** True when typed with diacritics (chat abbreviations aside): match the accented forms. */
  accented: boolean;
  /**
   * Places named, in order: canonical names from src/text/regions.ts ("Hải Phòng", "TP Hồ Chí
   * Minh"), and {@link NATIONWIDE} for the whole country. Empty when none is named.
   */
  places: string[];
  /** The period asked about, or null when the question names none. */
  period: QuestionPeriod | null;
  /**
   * Subject words, in order, as typed (accented or not), lower case: what the question is about,
   * without its place, period and question words ("fdi", "tăng").
   */
  subject: string[];
  kind: AnswerKind;
  /**
   * The wording without the place and the period ("FDI tăng bao nhiêu"): with other places or
   * another period, {@link renderQuestion} makes a new standalone question of it.
   */
  core: string;
  /** `tokenize(text)`, accented if the question was, else diacritic-free (what retrieval matches). */
  tokens: string[];
  /** Positions in `tokens` that spell the places and the period, with the word leading into them ("của", "trong"). */
  contextPositions: number[];
}

/** What the corpus knows, to correct typos against: chunks holding a diacritic-free syllable (0 = unknown). */
export interface Vocabulary {
  frequency(plainSyllable: string): number;
  /** Chunks holding two diacritic-free syllables side by side ("kien giang"), to read a typo in its context. */
  pairFrequency?(first: string, second: string): number;
}

export interface FrameOptions {
  /** Without it, typos are left as typed (abbreviations are still expanded). */
  vocabulary?: Vocabulary;
}

/**
 * Reads a question's frame. Example: "FDI của Hải Phòng 9 tháng đầu năm 2023 tăng bao nhiêu?" →
 * places ["Hải Phòng"], period { months: 9, year: 2023 }, subject ["fdi", "tăng"], kind "quantity",
 * core "FDI tăng bao nhiêu".
 */
export function parseQuestionFrame(question: string, options: FrameOptions = {}): QuestionFrame {
  const nfc = question.normalize('NFC').trim();
  const accented = typedWithDiacritics(nfc);
  let text = expandAbbreviations(nfc, accented);
  if (!accented && options.vocabulary) text = correctTypos(text, options.vocabulary);
  const folded = fold(text);

  const mentions = findRegionMentionsInQuestion(text);
  const places = [...new Set(mentions.map((m) => m.region))];
  // "thành phố", "tỉnh" before a name are part of it: "tp hcm" is one place, not a city and a place.
  const spans: Array<[number, number]> = mentions.map((m) => [
    m.start - (PLACE_PREFIX.exec(folded.slice(Math.max(0, m.start - 12), m.start))?.[0].length ?? 0),
    m.end,
  ]);
  for (const m of folded.matchAll(NATIONWIDE_WORDS)) {
    if (!places.includes(NATIONWIDE)) places.push(NATIONWIDE);
    spans.push([m.index, m.index + m[0].length]);
  }
  const found = findQuestionPeriod(text);
  if (found) spans.push(...found.spans);

  const raw = tokenize(text);
  const plain = tokenizePlain(text);
  const tokens = accented ? raw : plain;
  const context = new Set<number>();
  let cursor = 0;
  plain.forEach((t, i) => {
    const at = folded.indexOf(t, cursor);
    if (at < 0) return;
    cursor = at + t.length;
    if (spans.some(([a, b]) => at >= a && at + t.length <= b)) context.add(i);
  });
  // A preposition that leads into the place or time ("của Hải Phòng", "trong 9 tháng") belongs to it.
  for (const i of [...context].sort((a, b) => b - a)) {
    if (i > 0 && !context.has(i - 1) && LINKING_WORDS.has(plain[i - 1]!)) context.add(i - 1);
  }
  const interrogative = interrogativePositions(tokens, accented);
  const subject = [...new Set(tokens.filter((t, i) => !context.has(i) && !interrogative.has(i) && !isQuestionWord(t, accented)))];
  return {
    question,
    text,
    accented,
    places,
    period: found?.period ?? null,
    subject,
    kind: answerKindOf(text),
    core: coreOf(text, folded, spans),
    tokens,
    contextPositions: [...context].sort((a, b) => a - b),
  };
}

/**
 * A standalone question from a frame, e.g. after a follow-up replaced its place or period:
 * `renderQuestion({ ...frame, places: ["Đà Nẵng"] })` → "FDI tăng bao nhiêu ở Đà Nẵng trong 9
 * tháng đầu năm 2023?". Only `core`, `places` and `period` are read.
 */
export function renderQuestion(frame: Pick<QuestionFrame, 'core' | 'places' | 'period'>): string {
  const parts = [frame.core];
  const regions = frame.places.filter((p) => p !== NATIONWIDE);
  if (regions.length > 0) parts.push(`ở ${regions.join(', ')}`);
  if (frame.places.includes(NATIONWIDE)) parts.push('trên cả nước');
  const when = frame.period ? describePeriod(frame.period) : '';
  if (when) parts.push(/^\d/.test(when) ? `trong ${when}` : when);
  const sentence = parts.filter((p) => p !== '').join(' ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}?`;
}

const ROMAN = ['', 'I', 'II', 'III', 'IV'];

/**
 * A period in Vietnamese as a briefing would write it: "9 tháng đầu năm 2023", "tháng 5/2017",
 * "quý I/2017", "năm 2017", "ngày 19/10/2023", "dịp Tết 2017", "hôm nay".
 */
export function describePeriod(period: QuestionPeriod): string {
  const parts: string[] = [];
  const y = period.year;
  if (period.fromDay !== undefined && period.day !== undefined && period.month !== undefined) {
    const from = period.fromMonth === period.month ? `${period.fromDay}` : `${period.fromDay}/${period.fromMonth}`;
    parts.push(`từ ${from} đến ${period.day}/${period.month}${y ? `/${y}` : ''}`);
  } else if (period.day !== undefined && period.month !== undefined) parts.push(`ngày ${period.day}/${period.month}${y ? `/${y}` : ''}`);
  else if (period.month !== undefined) parts.push(`tháng ${period.month}${y ? `/${y}` : ''}`);
  else if (period.quarter !== undefined) parts.push(`quý ${ROMAN[period.quarter]}${y ? `/${y}` : ''}`);
  else if (period.months !== undefined)
    parts.push(`${period.months} tháng đầu năm${y ? ` ${y}` : period.relative === 'this-year' ? ' nay' : ''}`);
  else if (period.tet) parts.push(`dịp Tết${y ? ` ${y}` : ''}`);
  else if (y !== undefined) parts.push(`năm ${y}`);
  if (period.tet && parts.length > 0 && !parts[0]!.includes('Tết')) parts.push('dịp Tết');
  if (period.relative && !(period.months !== undefined && period.relative === 'this-year')) parts.push(RELATIVE_WORDS[period.relative]);
  if (period.sameTimeLastYear) parts.push('so với cùng kỳ');
  return parts.join(' ');
}

const RELATIVE_WORDS = {
  today: 'hôm nay',
  tomorrow: 'ngày mai',
  yesterday: 'hôm qua',
  'day-before-yesterday': 'hôm kia',
  'this-week': 'tuần này',
  'last-week': 'tuần trước',
  'past-week': 'tuần qua',
  'this-month': 'tháng này',
  'last-month': 'tháng trước',
  'this-year': 'năm nay',
  'last-year': 'năm ngoái',
} as const;

const PLACE_PREFIX = /(?<![\p{L}])(?:thanh\s+pho|tp\.?|tinh|thu\s+do)\s*$/u;

/** "cả nước", "toàn quốc": the whole country, on the folded text. */
const NATIONWIDE_WORDS = /(?<![\p{L}])(?:tren\s+)?(?:ca\s+nuoc|toan\s+quoc|pham\s+vi\s+ca\s+nuoc|nationwide)(?![\p{L}])/gu;

const LINKING_WORDS = new Set(['cua', 'tai', 'o', 'trong', 'vao', 'tu', 'den', 'cho', 'voi', 'nam', 'thang', 've', 'tren', 'dip', 'in']);

/** The question without its place and period spans (and the word leading into each), tidied. */
function coreOf(text: string, folded: string, spans: Array<[number, number]>): string {
  let out = '';
  let last = 0;
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    if (a < last) {
      last = Math.max(last, b);
      continue;
    }
    let start = a;
    const lead = /(?:^|\s)(\p{L}+)\s+$/u.exec(folded.slice(Math.max(last, a - 12), a));
    if (lead && LINKING_WORDS.has(lead[1]!)) start = a - lead[0].trimStart().length;
    out += `${text.slice(last, start)} `;
    last = b;
  }
  out += text.slice(last);
  return out
    .replace(/\s+([,?.!])/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/[\s,;:?!.]+$/u, '')
    .replace(/^[\s,;:]+/u, '')
    .trim();
}

// --- The kind of answer -------------------------------------------------------------------------

/** Words that follow "mấy" when it asks how many: "mấy người", "mấy lần", "mấy tỷ". */
const COUNTED =
  'nguoi|lan|nam|thang|ngay|tuan|gio|phut|tuoi|con|cai|chiec|ty|trieu|nghin|ngan|tram|phan|doi|huyen|xa|du an|km|tan|ha|' +
  'diem|ban|tran|giai|muc|bac|lop|khu|nha|cong ty|doanh nghiep';
const HOW_MANY = /(?<![\p{L}\p{N}])mấy(?![\p{L}\p{N}])/u;
const HOW_MANY_PLAIN = new RegExp(`(?<![\\p{L}\\p{N}])may (?:${COUNTED})(?![\\p{L}\\p{N}])`, 'u');

/**
 * "mấy" asks how many; typed without marks, "may" is just as often "máy" (a machine: "máy tính",
 * "máy bay"), so then only a counted word after it ("may nguoi") makes it a question of quantity.
 */
function asksHowMany(question: string): boolean {
  const lower = question.normalize('NFC').toLowerCase();
  return hasDiacritics(question) ? HOW_MANY.test(lower) : HOW_MANY_PLAIN.test(removeDiacritics(lower));
}

const ORGANISATION_WORDS =
  'cong ty|doanh nghiep|don vi|co quan|to chuc|ngan hang|tap doan|hang|doi bong|doi|cau lac bo|clb|truong|benh vien|' +
  'bo|so|nganh|nha mang|nha dau tu|chu dau tu|nha thau';
const PLACE_WORDS = 'tinh|thanh pho|dia phuong|noi|vung|quoc gia|nuoc|huyen|xa|quan|khu vuc|dia diem|dia ban';
/** A measure named without "bao nhiêu" still asks for its figure: "Vốn đầu tư toàn xã hội của Hải Phòng?". */
const MEASURES =
  'von|kim ngach|doanh thu|tong|ty le|so luong|gia tri|grdp|gdp|fdi|thu ngan sach|san luong|giai ngan|muc|chi so|' +
  'tang truong|gia|cpi|lai suat|dien tich|dan so|ty gia';
const MEASURE_WORDS = new RegExp(`\\b(${MEASURES})\\b`);

/** "khi nào", "hôm nào", "ngày mấy", "từ bao giờ": a date is asked ("bao lâu" is a length of time, a quantity). */
const DATE_QUESTION =
  /\b(khi nao|bao gio|nam nao|ngay nao|hom nao|bua nao|thang nao|thoi diem nao|luc nao|dip nao|ngay may|may gio|when|what year|what date)\b/;

/** The kind of answer a question's wording expects (see {@link AnswerKind}); works without diacritics. */
export function answerKindOf(question: string): AnswerKind {
  const q = ` ${removeDiacritics(question.normalize('NFC').toLowerCase()).replace(/[?!.,;:]/g, ' ')} `;
  if (DATE_QUESTION.test(q)) return 'date';
  if (asksHowMany(question) || /\b(bao nhieu|bao lau|how many|how much|percent)\b/.test(q) || /\b(tang|giam) (bao|may|them|hon)\b/.test(q))
    return 'quantity';
  // "Khu vực nào … tỷ lệ tội phạm cao?", "Tỉnh nào có tỷ lệ hộ nghèo thấp nhất?": the measure named
  // is the yardstick, the answer is the place or the organisation.
  if (new RegExp(`\\b(?:${ORGANISATION_WORDS}) nao\\b|\\bwhich (?:company|organi[sz]ation|bank|team)\\b`).test(q)) return 'organisation';
  if (new RegExp(`\\b(?:o|tai) dau\\b|\\b(?:${PLACE_WORDS}) nao\\b|\\bwhere\\b`).test(q)) return 'place';
  if (/\b(ty le|muc tang|co nao)\b/.test(q)) return 'quantity';
  if (/(^|\s)(ai|nguoi nao|ong nao|ba nao|who|whom)(\s|$)/.test(q)) return 'person';
  if (/\btang truong\b/.test(q) && !/\b(gi|nao|sao|the nao|tai sao|vi sao)\b/.test(q)) return 'quantity';
  if (!/\b(gi|nao|sao|the nao|tai sao|vi sao)\b/.test(q) && MEASURE_WORDS.test(q)) return 'quantity';
  return 'other';
}

// --- Chat spelling --------------------------------------------------------------------------------

/**
 * Abbreviations expanded only when typed in lower case: in capitals they are more often an
 * acronym or a unit as the corpus writes it ("CP" of "Công ty CP", "HP" horsepower, "V" volts),
 * which the plain streams match as typed.
 */
const LOWER_CASE_ONLY: Record<string, [string, string]> = {
  // Round 7: the rest of what people type in news questions. Abbreviations the corpus itself
  // writes more often than the words (UBND 5,672 chunks against 2,765 for "ủy ban"; HĐND, THPT,
  // THCS, CSGT) are not listed: typed as is, they match as written. Those listed are written out
  // more often than abbreviated (KCN 157 / "khu công" 528, BĐS 197 / "bất động" 1,529, TNGT 287 /
  // "tai nạn" 3,240, ĐBQH 488 / "đại biểu" 2,876, TTg 213 / "thủ tướng" 7,029, chunks of the news
  // corpus).
  hp: ['Hải Phòng', 'Hai Phong'],
  đn: ['Đà Nẵng', 'Da Nang'],
  // "dn" is a firm ("doanh nghiệp" 7,417 chunks against 3,181 for "Đà Nẵng"), except as a place
  // after "ở", "tại", "tp" (see PLACE_BEFORE); "đn", with its đ, is the city.
  dn: ['doanh nghiệp', 'doanh nghiep'],
  nđt: ['nhà đầu tư', 'nha dau tu'],
  ndt: ['nhà đầu tư', 'nha dau tu'],
  kcn: ['khu công nghiệp', 'khu cong nghiep'],
  bđs: ['bất động sản', 'bat dong san'],
  bds: ['bất động sản', 'bat dong san'],
  atgt: ['an toàn giao thông', 'an toan giao thong'],
  tngt: ['tai nạn giao thông', 'tai nan giao thong'],
  đbqh: ['đại biểu Quốc hội', 'dai bieu Quoc hoi'],
  dbqh: ['đại biểu Quốc hội', 'dai bieu Quoc hoi'],
  qh: ['Quốc hội', 'Quoc hoi'],
  ttg: ['Thủ tướng', 'Thu tuong'],
  // "cp": "chính phủ" 8,640 chunks, "cổ phần" 3,022; an upper-case "CP" ("Công ty CP") stays.
  cp: ['Chính phủ', 'Chinh phu'],
  tw: ['trung ương', 'trung uong'],
  qđ: ['quyết định', 'quyet dinh'],
  qd: ['quyết định', 'quyet dinh'],
  đh: ['đại học', 'dai hoc'],
  dh: ['đại học', 'dai hoc'],
  gđ: ['giám đốc', 'giam doc'],
  ct: ['chủ tịch', 'chu tich'],
  dl: ['du lịch', 'du lich'],
  sl: ['số lượng', 'so luong'],
  ns: ['ngân sách', 'ngan sach'],
  tr: ['triệu', 'trieu'],
  // "TQ" as the corpus writes it (482 chunks) stays; typed in lower case it is chat for the country.
  tq: ['Trung Quốc', 'Trung Quoc'],
  z: ['vậy', 'vay'],
  v: ['vậy', 'vay'],
  bít: ['biết', 'biet'],
  bik: ['biết', 'biet'],
  khum: ['không', 'khong'],
  // Not "hong" ("sông Hồng", "Hong Kong") nor "hem" ("hẻm 12", an alley), though chat writes both for "không".
  wa: ['qua', 'qua'],
  mn: ['mọi người', 'moi nguoi'],
  ms: ['mới', 'moi'],
  lm: ['làm', 'lam'],
};

/** Chat abbreviations (lower case, as typed) → [accented, diacritic-free] expansions. */
const ABBREVIATIONS: Record<string, [string, string]> = {
  bn: ['bao nhiêu', 'bao nhieu'],
  bnh: ['bao nhiêu', 'bao nhieu'],
  bnhieu: ['bao nhiêu', 'bao nhieu'],
  bnhiu: ['bao nhiêu', 'bao nhieu'],
  nhiu: ['nhiêu', 'nhieu'],
  ko: ['không', 'khong'],
  k: ['không', 'khong'],
  hok: ['không', 'khong'],
  khg: ['không', 'khong'],
  dc: ['được', 'duoc'],
  đc: ['được', 'duoc'],
  tp: ['thành phố', 'thanh pho'],
  hn: ['Hà Nội', 'Ha Noi'],
  sg: ['Sài Gòn', 'Sai Gon'],
  vn: ['Việt Nam', 'Viet Nam'],
  j: ['gì', 'gi'],
  ji: ['gì', 'gi'],
  ntn: ['như thế nào', 'nhu the nao'],
  bh: ['bao giờ', 'bao gio'],
  bgio: ['bao giờ', 'bao gio'],
  // Alone, "h" is the hour ("mấy h", "từ mấy h"); "5h", "2h15" are times and stay as written.
  h: ['giờ', 'gio'],
  ng: ['người', 'nguoi'],
  nc: ['nước', 'nuoc'],
  vs: ['với', 'voi'],
  cty: ['công ty', 'cong ty'],
  sx: ['sản xuất', 'san xuat'],
  xk: ['xuất khẩu', 'xuat khau'],
  nk: ['nhập khẩu', 'nhap khau'],
  trc: ['trước', 'truoc'],
  thg: ['tháng', 'thang'],
  hs: ['học sinh', 'hoc sinh'],
  sv: ['sinh viên', 'sinh vien'],
  gv: ['giáo viên', 'giao vien'],
  bv: ['bệnh viện', 'benh vien'],
  ...LOWER_CASE_ONLY,
};

/** Words after which "dn" is a place, Đà Nẵng, not a firm: "ở dn", "tại dn", "tp dn". */
const PLACE_BEFORE = /(?:^|[^\p{L}\p{N}])(?:o|ở|tai|tại|tp|pho|phố)\s+$/iu;

/** A whole word that is a chat abbreviation; "t5", "thg5" are a month. */
const ABBREVIATION_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${Object.keys(ABBREVIATIONS).join('|')}|t\\d{1,2}|thg\\d{1,2})(?![\\p{L}\\p{N}])|(?<=\\d)(?:tr|ty)(?![\\p{L}\\p{N}])`,
  'giu',
);

function expandAbbreviations(text: string, accented: boolean): string {
  return text.replace(ABBREVIATION_WORD, (word, offset: number) => {
    const lower = word.toLowerCase();
    const month = /^(?:t|thg)(\d{1,2})$/.exec(lower);
    if (month) return `${accented ? 'tháng' : 'thang'} ${month[1]}`;
    // A figure's unit glued to it: "5tr" is 5 triệu, "3ty" 3 tỷ ("5h" stays a time).
    if (/\d$/.test(text.slice(0, offset))) return ` ${lower === 'tr' ? (accented ? 'triệu' : 'trieu') : accented ? 'tỷ' : 'ty'}`;
    const expansion = ABBREVIATIONS[lower];
    // "K", "H" and "TP" in capitals are more often a name, an initial ("bà H.") or a unit than chat.
    if (!expansion || ((lower === 'k' || lower === 'h') && word === word.toUpperCase())) return word;
    if (lower in LOWER_CASE_ONLY && word !== lower) return word;
    if (lower === 'dn' && PLACE_BEFORE.test(text.slice(0, offset))) return accented ? 'Đà Nẵng' : 'Da Nang';
    return expansion[accented ? 0 : 1];
  });
}

/**
 * True when a question carries diacritics on its words: chat abbreviations and words without a
 * vowel ("hđnd", "bđs", "gđ", whose only mark is the đ of an abbreviation) do not count, so "so
 * hđnd tp bn" is still read as typed without diacritics.
 */
function typedWithDiacritics(text: string): boolean {
  const words = text.replace(ABBREVIATION_WORD, ' ').split(/[^\p{L}\p{M}]+/u);
  return words.some((w) => /[aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu.test(w) && hasDiacritics(w));
}

/**
 * The vowels of a Vietnamese syllable without diacritics, as the language writes them ("ieu" of
 * "tiêu", "uoi" of "người", "uu" of "ưu"). Any three vowels would let a typo through as a
 * syllable: "tein" (tiên with two letters swapped) has the shape of one, but "ei" is no Vietnamese
 * vowel.
 */
const NUCLEI = 'uyu|uye|uya|uou|uoi|uay|oeo|oay|oai|yeu|ieu|' + 'ye|uy|uu|uo|ui|ue|ua|oo|oi|oe|oa|iu|ie|ia|eu|eo|ay|au|ao|ai|a|e|i|o|u|y';
/** The shape of a Vietnamese syllable without diacritics: onset, vowels, final consonant. */
const SYLLABLE = new RegExp(`^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?(?:${NUCLEI})(?:ch|ng|nh|[cmnpt])?$`);
/** A correction must be a syllable the corpus uses at least this often (in chunks), so one stray spelling is not copied. */
const MIN_CORRECTION_FREQUENCY = 3;
/**
 * A spelling that is no syllable and that the corpus holds only once or twice ("trogn" in 2 of
 * 146,220 chunks) is the corpus's own typo, not a word it knows; it is corrected only into a
 * syllable this many times more frequent, so a rare name or foreign word the corpus does use stays.
 */
const RARE_SPELLING_RATIO = 100;
const LETTERS = 'abcdeghiklmnopqrstuvxy';

/**
 * Corrects each diacritic-free word that is no Vietnamese syllable and that the corpus has never
 * seen, or seen only once or twice ("sahc", "tnag", "tein", "trogn"), to a known syllable one edit away (a letter deleted, inserted, replaced, or
 * two swapped). Of those, the one most bound to a neighbour (see `bond`: the pair is frequent
 * for both syllables) wins ("kien giag" is "kien giang", not the commoner "gia"); when none makes a word
 * the corpus knows, the most frequent syllable. Known words and well-formed syllables are never
 * touched (a syllable the corpus lacks is a word it lacks, not a typo), so a question typed
 * correctly stays as it is.
 */
function correctTypos(text: string, vocabulary: Vocabulary): string {
  return text.replace(/(?<![\p{L}\p{N}])[a-z]{2,7}(?![\p{L}\p{N}])/giu, (word, offset: number) => {
    const lower = word.toLowerCase();
    const seen = vocabulary.frequency(lower);
    if (SYLLABLE.test(lower) || isQuestionWord(lower, false) || seen >= MIN_CORRECTION_FREQUENCY) return word;
    const before = /([\p{L}\p{N}]+)\s+$/u.exec(text.slice(0, offset))?.[1]?.toLowerCase();
    const after = /^\s+([\p{L}\p{N}]+)/u.exec(text.slice(offset + word.length))?.[1]?.toLowerCase();
    // How strongly a candidate and a neighbour go together: the share of the candidate's chunks
    // and of the neighbour's where they stand side by side, multiplied (φ² without the negatives:
    // a common pair of common syllables, "giao cho", does not outweigh a word, "kien giang").
    const bond = (pairCount: number, a: string, b: string) =>
      (pairCount * pairCount) / Math.max(1, vocabulary.frequency(a) * vocabulary.frequency(b));
    const side = (a: string | undefined, b: string | undefined) => {
      if (!a || !b || !vocabulary.pairFrequency) return 0;
      const [pa, pb] = [removeDiacritics(a), removeDiacritics(b)];
      const n = vocabulary.pairFrequency(pa, pb);
      return n >= MIN_CORRECTION_FREQUENCY ? bond(n, pa, pb) : 0;
    };
    const inWords = (candidate: string) => Math.max(side(before, candidate), side(candidate, after));
    let best = word;
    let bestScore: [number, number] = [0, MIN_CORRECTION_FREQUENCY - 1];
    for (const candidate of oneEditAway(lower)) {
      if (!SYLLABLE.test(candidate)) continue;
      const f = vocabulary.frequency(candidate);
      if (f < MIN_CORRECTION_FREQUENCY || f < seen * RARE_SPELLING_RATIO) continue;
      const score: [number, number] = [inWords(candidate), f];
      if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) [best, bestScore] = [candidate, score];
    }
    return best;
  });
}

function oneEditAway(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const [head, tail] = [word.slice(0, i), word.slice(i)];
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of LETTERS) {
      out.add(head + c + tail);
      if (tail) out.add(head + c + tail.slice(1));
    }
  }
  out.delete(word);
  return out;
}
