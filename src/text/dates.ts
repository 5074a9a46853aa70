/**
 * Dates in Vietnamese news text and time expressions in questions. Vietnamese writes day before
 * month: "19/10/2023", "19-10-2023", "ngày 19 tháng 10 năm 2023".
 */
import { removeDiacritics } from './normalize.js';

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
const NOT_STORY_YEAR = /(?:den|toi|tam nhin|truoc|sau|tu|giai doan|nhiem ky|ke hoach|du kien|muc tieu|phan dau|hoan thanh)\s+(?:(?:cuoi|dau|giua)\s+)?(?:nam\s+)?$|\d{4}\s*[-–]\s*$/;
/** The same for a month: "hoàn thành trước tháng 7/2019" is a deadline. */
const NOT_STORY_MONTH = /(?:den|toi|truoc|sau|tu|du kien|muc tieu|phan dau|hoan thanh)\s+(?:(?:cuoi|dau|giua)\s+)?$/;

/** The folded form used for pattern matching; one character per original character. */
function fold(text: string): string {
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
  for (const m of folded.matchAll(FULL_NUMERIC)) {
    const [d, mo, y] = [Number(m[1]), Number(m[3]), Number(m[4])];
    if (validYear(y) && validDay(y, mo, d)) out.push({ index: m.index, iso: `${y}-${pad(mo)}-${pad(d)}` });
  }
  for (const m of folded.matchAll(FULL_WORDS)) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (validYear(y) && validDay(y, mo, d)) out.push({ index: m.index, iso: `${y}-${pad(mo)}-${pad(d)}` });
  }
  return out;
}

/** Story years with their positions, excluding targets and ranges. */
function storyYears(folded: string): Array<{ index: number; year: number }> {
  const out: Array<{ index: number; year: number }> = [];
  for (const m of folded.matchAll(YEAR)) {
    const year = Number(m[1]);
    if (!validYear(year)) continue;
    const before = folded.slice(Math.max(0, m.index - 20), m.index);
    if (NOT_STORY_YEAR.test(before)) continue;
    out.push({ index: m.index, year });
  }
  return out;
}

/** How far (in characters) a year may be from "ngày 19/10" to be taken as its year. */
const YEAR_DISTANCE = 250;

/**
 * The date a text is about, as ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or undefined when none is
 * written. The first full date wins ("Ngày 19/10/2023", "19-10-2023", "ngày 19 tháng 10 năm 2023",
 * "(19/10/2023)"); a day and month alone ("Ngày 19/10") count only when a year stands within a
 * few sentences ("... 9 tháng của năm 2023"). Then "tháng 10/2023" gives a month; last, the year
 * the text mentions most often, ignoring target years such as "đến năm 2030".
 */
export function extractDate(text: string): string | undefined {
  const folded = fold(text);
  const years = storyYears(folded);
  const candidates = fullDates(folded);
  for (const m of folded.matchAll(DAY_MONTH)) {
    const [d, mo] = [Number(m[1]), Number(m[3])];
    let nearest: { year: number; distance: number } | undefined;
    for (const y of years) {
      const distance = Math.abs(y.index - m.index);
      if (distance <= YEAR_DISTANCE && (!nearest || distance < nearest.distance)) nearest = { year: y.year, distance };
    }
    if (nearest && validDay(nearest.year, mo, d)) candidates.push({ index: m.index, iso: `${nearest.year}-${pad(mo)}-${pad(d)}` });
  }
  if (candidates.length > 0) return candidates.sort((a, b) => a.index - b.index)[0]!.iso;

  for (const m of folded.matchAll(MONTH_YEAR)) {
    const [mo, y] = [Number(m[1]), Number(m[2])];
    if (NOT_STORY_MONTH.test(folded.slice(Math.max(0, m.index - 20), m.index))) continue;
    if (mo >= 1 && mo <= 12 && validYear(y)) return `${y}-${pad(mo)}`;
  }

  if (years.length === 0) return undefined;
  const counts = new Map<number, number>();
  for (const y of years) counts.set(y.year, (counts.get(y.year) ?? 0) + 1);
  // Most frequent; ties go to the year mentioned first (Map keeps insertion order).
  let best = years[0]!.year;
  for (const [year, count] of counts) if (count > counts.get(best)!) best = year;
  return String(best);
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
 * Time expressions in a question, typed with or without diacritics: "9 tháng 2023" → {year: 2023,
 * months: 9}; "năm 2017" → {year: 2017}; "tháng 10/2023" → {year: 2023, month: 10}; "nửa đầu năm" →
 * {months: 6}; "quý 3" → {months: 9}. Empty when the question says nothing about time.
 */
export function findTimeHints(question: string): TimeHints {
  const q = fold(question);
  const hints: TimeHints = {};
  const monthYear = /thang\s+(\d{1,2})\s*(?:[/-]\s*|nam\s+)?((?:19|20)\d{2})?(?!\d)/.exec(q);
  const period = /(?<![\d/])(\d{1,2})\s+thang(?:\s+dau)?(?:\s+(?:cua\s+)?nam)?(?:\s+((?:19|20)\d{2}))?(?![\d/])/.exec(q);
  if (period && Number(period[1]) >= 1 && Number(period[1]) <= 12) {
    hints.months = Number(period[1]);
    if (period[2]) hints.year = Number(period[2]);
  } else if (monthYear && Number(monthYear[1]) >= 1 && Number(monthYear[1]) <= 12) {
    hints.month = Number(monthYear[1]);
    if (monthYear[2]) hints.year = Number(monthYear[2]);
  } else if (/nua\s+dau\s+nam/.test(q)) {
    hints.months = 6;
  } else {
    const quarter = /quy\s+(1|2|3|4|i{1,3}|iv)(?![\p{L}\d])/u.exec(q);
    if (quarter) hints.months = 3 * ({ '1': 1, '2': 2, '3': 3, '4': 4, i: 1, ii: 2, iii: 3, iv: 4 } as Record<string, number>)[quarter[1]!]!;
  }
  if (hints.year === undefined) {
    const year = /(?<![\d.,/])((?:19|20)\d{2})(?![\d.,]*\d)/.exec(q);
    if (year && validYear(Number(year[1]))) hints.year = Number(year[1]);
  }
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
