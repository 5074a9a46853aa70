/**
 * Dates in Vietnamese news text and time expressions in questions. Vietnamese writes day before
 * month: "19/10/2023", "19-10-2023", "ngày 19 tháng 10 năm 2023".
 */
import { removeDiacritics } from './normalize.js';
import { allMatches } from './all-matches.js';

const MIN_YEAR = 1945;
const MAX_YEAR = 2100;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validYear(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

interface Found {
  index: number;
  iso: string;
}

// Matching is done on the diacritic-free lower-case form so "Ngày"/"ngay", "tháng"/"thang" are alike;
// removeDiacritics keeps string length for NFC Vietnamese, so indexes line up with the original.
const FULL_NUMERIC = /(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/.-]*\d)/g;
const FULL_WORDS = /ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,\s*)?nam\s+(\d{4})(?!\d)/g;
const MONTH_YEAR = /thang\s+(\d{1,2})\s*(?:[/-]\s*|nam\s+)(\d{4})(?!\d)/g;
/** "ngày 19/10", "Ngày 19-10", "(19/10)": a day and month whose year has to come from elsewhere. */
const DAY_MONTH = /(?:ngay|hom nay|sang|chieu|toi|trua|dem|\()\s*(\d{1,2})\s*([/-])\s*(\d{1,2})(?![\d/-]*\d)/g;
const YEAR = /(?<![\d.,/-])(19\d{2}|20\d{2})(?![\d.,]*\d)/g;
/** Years that look forward or back from the story ("đến năm 2030", "tầm nhìn 2045", "2020 - 2025"). */
const LOOKING_AWAY = 'den|toi|tam nhin|truoc|sau|tu|giai doan|nhiem ky|ke hoach|du kien|muc tieu|phan dau|hoan thanh';
const NOT_STORY_YEAR = new RegExp(`(?:${LOOKING_AWAY})\\s+(?:(?:cuoi|dau|giua)\\s+)?(?:nam\\s+)?$|\\d{4}\\s*[-–]\\s*$`);
/** The same for a month: "hoàn thành trước tháng 7/2019" is a deadline. */
const NOT_STORY_MONTH = /(?:den|toi|truoc|sau|tu|du kien|muc tieu|phan dau|hoan thanh)\s+(?:(?:cuoi|dau|giua)\s+)?$/;

/**
 * The folded form used for pattern matching (NFC, diacritic-free, lower case), one character per
 * character of the NFC text, so offsets found in it are offsets in the NFC text.
 */
export function fold(text: string): string {
  const nfc = text.normalize('NFC');
  const folded = removeDiacritics(nfc).toLowerCase();
  // Very rare characters change length when folded; then fall back to per-character folding.
  if (folded.length === nfc.length) return folded;
  let out = '';
  for (const ch of nfc) {
    const f = removeDiacritics(ch).toLowerCase();
    out += f.length === ch.length ? f : ' '.repeat(ch.length);
  }
  return out;
}

function fullDates(folded: string): Found[] {
  const out: Found[] = [];
  for (const m of allMatches(FULL_NUMERIC, folded)) {
    const [d, mo, y] = [Number(m[1]), Number(m[3]), Number(m[4])];
    if (validYear(y) && validDay(y, mo, d)) out.push({ index: m.index, iso: `${y}-${pad(mo)}-${pad(d)}` });
  }
  for (const m of allMatches(FULL_WORDS, folded)) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (validYear(y) && validDay(y, mo, d)) out.push({ index: m.index, iso: `${y}-${pad(mo)}-${pad(d)}` });
  }
  return out;
}

/** "so cùng kỳ năm 2016": the same period a year before the one the story reports. */
const SAME_TIME_YEAR_BEFORE = /(?<![\p{L}])cung\s+(?:ky|thoi\s+(?:gian|diem))\s+(?:cua\s+)?(?:nam\s+)?$/u;

/**
 * Story years with their positions, excluding targets and ranges. "cùng kỳ năm 2016" (the same
 * period a year before) says the story is of 2017: it counts as 2017, so a briefing whose only
 * year is its comparison's ("tăng 7,2% so cùng kỳ năm 2016") is not dated 2016. Other comparisons
 * ("so với năm 2010") say less (any later year) and count as written.
 */
function storyYears(folded: string): Array<{ index: number; year: number }> {
  const out: Array<{ index: number; year: number }> = [];
  for (const m of allMatches(YEAR, folded)) {
    const year = Number(m[1]);
    if (!validYear(year)) continue;
    const before = folded.slice(Math.max(0, m.index - 20), m.index);
    if (NOT_STORY_YEAR.test(before)) continue;
    if (SAME_TIME_YEAR_BEFORE.test(before)) {
      if (validYear(year + 1)) out.push({ index: m.index, year: year + 1 });
      continue;
    }
    out.push({ index: m.index, year });
  }
  return out;
}

/** How far (in characters) a year may be from "ngày 19/10" to be taken as its year. */
const YEAR_DISTANCE = 250;

/**
 * The date a text is about, as ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or undefined when none is
 * written: the first of {@link extractDates}.
 */
export function extractDate(text: string): string | undefined {
  return extractDates(text)[0];
}

/**
 * The dates a text may be from, best first, as ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. Full dates
 * in the order written ("Ngày 19/10/2023", "19-10-2023", "ngày 19 tháng 10 năm 2023",
 * "(19/10/2023)"); a day and month alone ("Ngày 19/10") count only when a year stands within a few
 * sentences ("... 9 tháng của năm 2023"). Then "tháng 10/2023" gives a month; last, the years the
 * text mentions, most often first, ignoring target years such as "đến năm 2030".
 */
export function extractDates(text: string): string[] {
  const folded = fold(text);
  const years = storyYears(folded);
  const candidates = fullDates(folded);
  for (const m of allMatches(DAY_MONTH, folded)) {
    const [d, mo] = [Number(m[1]), Number(m[3])];
    let nearest: { year: number; distance: number } | undefined;
    for (const y of years) {
      const distance = Math.abs(y.index - m.index);
      if (distance <= YEAR_DISTANCE && (!nearest || distance < nearest.distance)) nearest = { year: y.year, distance };
    }
    if (nearest && validDay(nearest.year, mo, d)) candidates.push({ index: m.index, iso: `${nearest.year}-${pad(mo)}-${pad(d)}` });
  }
  const out = candidates.sort((a, b) => a.index - b.index).map((c) => c.iso);
  for (const m of allMatches(MONTH_YEAR, folded)) {
    const [mo, y] = [Number(m[1]), Number(m[2])];
    if (NOT_STORY_MONTH.test(folded.slice(Math.max(0, m.index - 20), m.index))) continue;
    if (mo >= 1 && mo <= 12 && validYear(y)) out.push(`${y}-${pad(mo)}`);
  }
  const counts = new Map<number, number>();
  for (const y of years) counts.set(y.year, (counts.get(y.year) ?? 0) + 1);
  // Most frequent first; ties go to the year mentioned first (Map keeps insertion order, sort is stable).
  out.push(...[...counts].sort((a, b) => b[1] - a[1]).map(([year]) => String(year)));
  return [...new Set(out)];
}

/**
 * The latest year a text mentions as its story's (not a target such as "đến năm 2030"), up to
 * `notAfter`; undefined when it mentions none. A news article is not older than the latest year
 * it reports on.
 */
export function latestStoryYear(text: string, notAfter: number): number | undefined {
  let latest: number | undefined;
  for (const { year } of storyYears(fold(text))) if (year <= notAfter && (latest === undefined || year > latest)) latest = year;
  return latest;
}

/** What a question says about time, to prefer briefings from that period. */
export interface TimeHints {
  year?: number;
  /** A calendar month: "tháng 10/2023" → 10. */
  month?: number;
  /** A period length from the start of the year: "9 tháng 2023", "6 tháng đầu năm" → 9, 6. */
  months?: number;
}

/**
 * The period a question asks about. Each field is what the question wrote, nothing inferred:
 * "quý I/2017" is `{ quarter: 1, year: 2017 }`, not three months.
 */
export interface QuestionPeriod {
  year?: number;
  /** A calendar month: "tháng 5/2017", "t5" → 5 (with `day`, the day's month). */
  month?: number;
  /** A day of `month`: "ngày 19/10" → 19; the last day of a span of days ("từ 19 đến 25/6" → 25). */
  day?: number;
  /** The first day of a span of days: "từ 19 đến 25/6", "tuần 19 - 25/6", "19/6 - 25/6" → 19 (with {@link fromMonth} 6). */
  fromDay?: number;
  /** The month of {@link fromDay}: "từ 28/5 đến 3/6" → 5. */
  fromMonth?: number;
  /** "quý I", "quý 2", "quý đầu" → 1, 2, 1. */
  quarter?: 1 | 2 | 3 | 4;
  /** Months from the start of the year: "5 tháng đầu năm" → 5, "6 tháng", "nửa đầu năm" → 6. */
  months?: number;
  /** "Tết", "Tết Nguyên đán". */
  tet?: boolean;
  /** Relative to the asking day: "hôm nay", "năm nay", "năm ngoái"… */
  relative?: RelativePeriod;
  /** "so với cùng kỳ": a comparison with the same period a year before. */
  sameTimeLastYear?: boolean;
}

/**
 * A period named from the asking day: "hôm nay", "ngày mai", "hôm qua", "hôm kia" (the day before
 * yesterday), "tuần này" (Monday to Sunday), "tuần trước", "tuần qua" (the seven days up to today),
 * "tháng này", "tháng trước"/"tháng qua", "năm nay", "năm ngoái"/"năm trước"/"năm qua".
 */
export type RelativePeriod =
  | 'today'
  | 'tomorrow'
  | 'yesterday'
  | 'day-before-yesterday'
  | 'this-week'
  | 'last-week'
  | 'past-week'
  | 'this-month'
  | 'last-month'
  | 'this-year'
  | 'last-year';

/** A period in a question with the character ranges (in the question) that spell it. */
export interface FoundPeriod {
  period: QuestionPeriod;
  spans: Array<[number, number]>;
}

const ROMAN: Record<string, 1 | 2 | 3 | 4> = { '1': 1, '2': 2, '3': 3, '4': 4, i: 1, ii: 2, iii: 3, iv: 4, dau: 1, cuoi: 4 };
const Y = '((?:19|20)\\d{2})';
/** Counts of months written in words (diacritic-free), longest first so "muoi mot" wins over "muoi". */
const MONTH_COUNT_WORDS: Record<string, number> = {
  'muoi mot': 11,
  'muoi hai': 12,
  hai: 2,
  ba: 3,
  bon: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
};
/** A year of the sexagenary cycle, folded: a heavenly stem then an earthly branch ("đinh dậu", "mậu tuất"). */
const LUNAR_YEAR = '(?:giap|at|binh|dinh|mau|ky|canh|tan|nham|quy)\\s+(?:ty|suu|dan|mao|thin|ngo|mui|than|dau|tuat|hoi)(?![\\p{L}])';
/** A unit or a scale right after a number (folded): what makes "2 - 3.5 triệu" an amount, not days. */
const AMOUNT_AFTER = /^\s*(?:%|trieu|ty|ti|nghin|ngan|dong|usd|km|kg|tan|lit|met|m2|ha|nguoi|chiec|lan)(?![\p{L}])/u;
/** Each pattern runs on the folded question; a span once taken is not read again by a later one. */
const PERIOD_PATTERNS: Array<{ re: RegExp; read: (m: RegExpExecArray, p: QuestionPeriod) => boolean }> = [
  {
    // A span of days, read before the single day it ends with: "từ 19 đến 25/6", "tuần 19 - 25/6",
    // "từ ngày 28/5 đến ngày 3/6/2017". A week's figure is not one day's, nor the reverse.
    re: new RegExp(
      [
        String.raw`(?:tu\s+)?(?:ngay\s+)?(?<![\d/.,-])(\d{1,2})(?:\s*/\s*(\d{1,2}))?`,
        String.raw`\s*(?:[-–]|den|toi)\s*(?:ngay\s+)?(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\s*\4\s*${Y})?(?![\d/.,]*\d)`,
      ].join(''),
      'g',
    ),
    read: (m, p) => {
      const [from, fromMonth, to, month] = [Number(m[1]), Number(m[2] ?? m[5]), Number(m[3]), Number(m[5])];
      const y = m[6] ? Number(m[6]) : 2000;
      // "3- 9.7" and "3-9-7" are days only where the span is said to be one ("từ", "tuần", "ngày"):
      // elsewhere a dot is a decimal ("2 - 3.5 triệu") and a dash a score.
      const said = /^(?:tu|ngay)\s/.test(m[0]) || /tuan\s+(?:tu\s+)?$/.test(m.input.slice(Math.max(0, m.index - 9), m.index));
      if (m[4] !== '/' && !said) return false;
      // "từ 2 - 3.5 triệu": a dotted span followed by a unit is an amount.
      if (m[4] === '.' && AMOUNT_AFTER.test(m.input.slice(m.index + m[0].length))) return false;
      if (!validDay(y, fromMonth, from) || !validDay(y, month, to)) return false;
      if (fromMonth > month || (fromMonth === month && from >= to)) return false;
      Object.assign(p, { fromDay: from, fromMonth, day: to, month }, m[6] ? { year: y } : {});
      return true;
    },
  },
  {
    // "ngày 19/10/2023", "ngày 19 tháng 10 năm 2023", "19/10", "(19-10)"
    re: new RegExp(
      `(?:ngay\\s+)?(?<![\\d/.,-])(\\d{1,2})\\s*(?:[/-]|\\s+thang\\s+)\\s*(\\d{1,2})(?:\\s*(?:[/-]|,?\\s*nam\\s+)\\s*${Y})?(?![\\d/.,]*\\d)`,
      'g',
    ),
    read: (m, p) => {
      const [d, mo, y] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 2000];
      // Without "ngày", only "19/10" is a day: "24-10" is as often a score, "19 tháng 10" a count.
      if (!m[0].startsWith('ngay') && !m[0].includes('/') && !(m[0].includes('-') && m[3])) return false;
      if (!validDay(y, mo, d)) return false;
      Object.assign(p, { day: d, month: mo }, m[3] ? { year: Number(m[3]) } : {});
      return true;
    },
  },
  {
    // "quý I", "quý 2/2017", "quý III năm 2017", "quý đầu"
    re: new RegExp(`quy\\s+(1|2|3|4|iv|i{1,3}|dau|cuoi)(?![\\p{L}\\d])(?:\\s*(?:[/-]|(?:cua\\s+)?nam)\\s*${Y})?`, 'gu'),
    read: (m, p) => {
      p.quarter = ROMAN[m[1]!]!;
      if (m[2]) p.year = Number(m[2]);
      return true;
    },
  },
  {
    // "5 tháng đầu năm 2017", "9 tháng năm 2023", "6 tháng", "nửa đầu năm", "6 tháng cuối năm" is not one
    re: new RegExp(
      `(?<![\\d/.,])(?:(\\d{1,2})\\s+thang|(nua)\\s+(?:dau\\s+)?nam)(?!\\s+cuoi)(?:\\s+dau)?(?:\\s+(?:cua\\s+)?nam)?(?:\\s+(?:nay|${Y}))?(?![\\d/])`,
      'g',
    ),
    read: (m, p) => {
      const months = m[2] ? 6 : Number(m[1]);
      if (months < 2 || months > 12) return false;
      p.months = months;
      if (m[3]) p.year = Number(m[3]);
      else if (/\snay$/.test(m[0])) p.relative = 'this-year';
      return true;
    },
  },
  {
    // "Bốn tháng đầu năm 2017", "chín tháng đầu năm": the count in words, as a paraphrase or a lead
    // writes it ("Năm tháng đầu năm 2017, …"). Only before "đầu (năm)": "năm tháng qua" (years and
    // months) and "ba tháng" alone are not the part of a year.
    re: new RegExp(
      `(?<![\\p{L}\\d])(${Object.keys(MONTH_COUNT_WORDS).join('|')})\\s+thang\\s+dau(?:\\s+(?:cua\\s+)?nam)?(?:\\s+(?:nay|${Y}))?(?![\\d/])`,
      'gu',
    ),
    read: (m, p) => {
      p.months = MONTH_COUNT_WORDS[m[1]!]!;
      if (m[2]) p.year = Number(m[2]);
      else if (/\snay$/.test(m[0])) p.relative = 'this-year';
      return true;
    },
  },
  {
    // "tháng 5/2017", "tháng 5 năm 2017", "tháng 10", "t5/2017" (chat spelling is expanded before)
    // "tháng 5, CPI …": a comma or full stop after the month ends the phrase; before a digit it is a decimal ("tháng 5,5").
    re: new RegExp(`thang\\s+(\\d{1,2})(?![\\d]|[.,]\\d)(?:\\s*(?:[/-]|(?:cua\\s+)?nam)\\s*${Y})?`, 'g'),
    read: (m, p) => {
      const mo = Number(m[1]);
      if (mo < 1 || mo > 12) return false;
      p.month = mo;
      if (m[2]) p.year = Number(m[2]);
      return true;
    },
  },
  {
    // "Tết", "Tết Nguyên đán 2017", "dịp Tết", "Tết Đinh Dậu", and "Xuân Đinh Dậu": the spring named by its
    // year of the sexagenary cycle is the lunar new year (plain "xuân" is any spring).
    re: new RegExp(`(?<![\\p{L}])(?:tet(?:\\s+nguyen\\s+dan)?(?![\\p{L}])(?:\\s+${LUNAR_YEAR})?|xuan\\s+${LUNAR_YEAR})(?:\\s+${Y})?`, 'gu'),
    read: (m, p) => {
      p.tet = true;
      if (m[1]) p.year = Number(m[1]);
      return true;
    },
  },
  {
    re: /(?<![\p{L}])(?:so\s+voi\s+)?cung\s+ky(?:\s+nam\s+(?:truoc|ngoai))?(?![\p{L}])/gu,
    read: (_m, p) => {
      p.sameTimeLastYear = true;
      return true;
    },
  },
  {
    // "so với tháng trước" is a comparison, not the period (see notReported); "3 tuần trước" counts back.
    re: /(?<![\p{L}])(hom nay|ngay mai|hom qua|hom kia|tuan nay|tuan truoc|tuan qua|thang nay|thang truoc|thang qua|nam (?:nay|ngoai|truoc|qua))(?![\p{L}])/gu,
    read: (m, p) => {
      // "100 năm trước", "10 năm qua" count years back; they are not last year. A day is never
      // counted so ("RON 95 hôm nay": the number names the petrol).
      // "so tháng trước" (a comparison written without "với") is not the period either.
      if (
        p.relative ||
        (/^(?:tuan|thang|nam)/.test(m[1]!) &&
          /(?:\d|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|tram|nghin|ngan|trieu|ty|vai|nhieu|may|cac|nhung)\s+$/.test(
            m.input.slice(Math.max(0, m.index - 8), m.index),
          )) ||
        /(?<![\p{L}])(?:so|hon|bang)\s+$/u.test(m.input.slice(Math.max(0, m.index - 8), m.index))
      )
        return false;
      const relative = (
        {
          'hom nay': 'today',
          'ngay mai': 'tomorrow',
          'hom qua': 'yesterday',
          'hom kia': 'day-before-yesterday',
          'tuan nay': 'this-week',
          'tuan truoc': 'last-week',
          'tuan qua': 'past-week',
          'thang nay': 'this-month',
          'thang truoc': 'last-month',
          'thang qua': 'last-month',
          'nam nay': 'this-year',
          'nam ngoai': 'last-year',
          'nam truoc': 'last-year',
          'nam qua': 'last-year',
        } as const
      )[m[1] as 'hom nay'];
      p.relative = relative;
      return true;
    },
  },
  {
    // "năm 2017", "2017", "cả năm 2017"; not a target ("đến năm 2030") nor a figure ("2.017")
    re: new RegExp(`(?:(?:ca\\s+)?nam\\s+)?(?<![\\d.,/])${Y}(?![\\d.,]*\\d)`, 'g'),
    read: (m, p) => {
      if (p.year !== undefined || !validYear(Number(m[1]))) return false;
      // The start of a span of years ("từ 1980 đến 1984", "2016-2020") is not one year.
      if (/^\s*(?:[-–]|den|toi)\s*(?:nam\s+)?(?:19|20)\d{2}/.test(m.input.slice(m.index + m[0].length, m.index + m[0].length + 14)))
        return false;
      p.year = Number(m[1]);
      return true;
    },
  },
];

/**
 * The period a question asks about, typed with or without diacritics, and where it is written:
 * "FDI 5 tháng đầu năm 2017" → `{ months: 5, year: 2017 }`; "tháng 5/2017" → `{ month: 5, year: 2017 }`;
 * "quý I" → `{ quarter: 1 }`; "nửa đầu năm" → `{ months: 6 }`; "dịp Tết" → `{ tet: true }`.
 * Null when the question says nothing about time.
 */
export function findQuestionPeriod(question: string): FoundPeriod | null {
  const period: QuestionPeriod = {};
  const folded = fold(question);
  // "cho đến năm 2000", "trước năm 2000" bound the question's time; they are not its period.
  const spans = scanPeriods(folded, (start) => (notReported(folded, start) ? null : period));
  return spans.length === 0 ? null : { period, spans };
}

/**
 * Runs the period patterns over a folded text, each match read into `into(start)`'s period; a
 * span once taken is not read again by a later pattern. Returns the spans read, in text order.
 */
function scanPeriods(folded: string, into: (start: number) => QuestionPeriod | null): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const taken = (from: number, to: number) => spans.some(([a, b]) => from < b && to > a);
  for (const { re, read } of PERIOD_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(folded); m; m = re.exec(folded)) {
      const end = m.index + m[0].length;
      if (m[0].length === 0 || taken(m.index, end)) continue;
      const period = into(m.index);
      if (period && read(m, period)) spans.push([m.index, end]);
    }
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

/**
 * A period written before these words is not the one a sentence reports: a comparison ("so với
 * cùng kỳ năm 2016", "tăng so với 6 tháng"), a target or a span ("đến năm 2020", "kế hoạch năm",
 * "từ tháng 3").
 */
const NOT_REPORTED_LEAD = `so voi|cung ky|hon|bang|${LOOKING_AWAY}|chi tieu|thanh lap|sinh`;
const NOT_REPORTED_PERIOD = new RegExp(`(?:${NOT_REPORTED_LEAD})\\s+(?:(?:cuoi|dau|giua|het|nam|thang|cung\\s+ky|ca|voi)\\s+)*$`);

/** A year written after these words is a comparison's ("so với cùng kỳ năm 2016"). */
const COMPARED = /(?:so voi|cung ky|hon|bang)\s+(?:[\p{L}\s]{0,20})$/u;

/**
 * Every year a text writes except in a comparison: as the period it reports, as the start or end
 * of a span ("từ năm 1991 đến 2000"), or a target.
 */
export function yearsWritten(text: string): number[] {
  const folded = fold(text);
  const out: number[] = [];
  for (const m of allMatches(YEAR, folded)) if (!COMPARED.test(folded.slice(Math.max(0, m.index - 30), m.index))) out.push(Number(m[1]));
  return out;
}

/**
 * The years a text writes inside a date or after a span's start, which {@link yearsWritten} leaves
 * out (it reads the year a sentence reports): "sinh ngày 3/6/1961", "tháng 5/2017", "ngày
 * 10-7-2016", "nhiệm kỳ 2012-2017" (both ends). For telling which years an undated text is about.
 */
export function yearsDated(text: string): number[] {
  const folded = fold(text);
  return [...yearsWritten(text), ...allMatches(DATED_YEAR, folded).map((m) => Number(m[1] ?? m[2]))];
}
const DATED_YEAR =
  /(?<![\d.,])\d{1,2}\s*[/.-]\s*(?:\d{1,2}\s*[/.-]\s*)?(19\d{2}|20\d{2})(?!\d)|(?:19|20)\d{2}\s*[-–]\s*(19\d{2}|20\d{2})(?!\d)/gu;

function notReported(folded: string, start: number): boolean {
  return NOT_REPORTED_PERIOD.test(folded.slice(Math.max(0, start - 30), start));
}

/**
 * The periods a sentence reports its facts for, one per expression, in order: "6 tháng đầu năm
 * 2017, xuất khẩu đạt …, trong đó tháng 6 đạt …" → `[{ months: 6, year: 2017 }, { month: 6 }]`.
 * Comparisons, targets and spans ("so với cùng kỳ năm 2016", "đến năm 2020") are left out, and so
 * is "cùng kỳ" itself.
 */
export function findPeriodMentions(text: string): QuestionPeriod[] {
  const folded = fold(text);
  const found: Array<{ at: number; period: QuestionPeriod }> = [];
  scanPeriods(folded, (start) => {
    if (notReported(folded, start)) return null;
    const period: QuestionPeriod = {};
    found.push({ at: start, period });
    return period;
  });
  return found
    .filter((f) => Object.keys(f.period).length > 0 && !f.period.sameTimeLastYear)
    .sort((a, b) => a.at - b.at)
    .map((f) => f.period);
}

/**
 * The time a question names, as retrieval weighs it (a preference on dates): "9 tháng 2023" →
 * {year: 2023, months: 9}; "năm 2017" → {year: 2017}; "tháng 10/2023" → {year: 2023, month: 10};
 * "nửa đầu năm" → {months: 6}; "quý 3" → {months: 9} (quarterly figures are published with the
 * year-to-date ones). Empty when the question says nothing about time.
 */
export function findTimeHints(question: string): TimeHints {
  return timeHintsOf(findQuestionPeriod(question)?.period ?? null);
}

/** {@link findTimeHints} for a period already found. */
export function timeHintsOf(period: QuestionPeriod | null): TimeHints {
  if (!period) return {};
  const hints: TimeHints = {};
  if (period.year !== undefined) hints.year = period.year;
  if (period.months !== undefined) hints.months = period.months;
  else if (period.quarter !== undefined) hints.months = 3 * period.quarter;
  else if (period.month !== undefined && period.day === undefined) hints.month = period.month;
  return hints;
}

/**
 * A date given by an admin (front matter, a JSON field, an HTML meta tag) in ISO form: accepts
 * `2023-10-19`, `2023-10-19T08:00:00+07:00`, `2023-10`, `2023`, and Vietnamese `19/10/2023`;
 * undefined when it is none of these.
 */
export function parseDateField(value: string | number | Date): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  const s = String(value).trim();
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (iso) {
    const [y, mo, d] = [Number(iso[1]), iso[2] ? Number(iso[2]) : undefined, iso[3] ? Number(iso[3]) : undefined];
    if (!validYear(y)) return undefined;
    if (mo === undefined) return String(y);
    if (d === undefined) return mo >= 1 && mo <= 12 ? `${y}-${pad(mo)}` : undefined;
    return validDay(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : undefined;
  }
  const vn = extractDate(s);
  // Only a value that is wholly a date counts; "hôm qua" or "Q3" are not dates.
  return vn && /^[\p{L}\s(),]*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\)?$/u.test(s) ? vn : undefined;
}
