import { findTimeHints, type TimeHints } from '../text/dates.js';
import { removeDiacritics } from '../text/normalize.js';
import { expectedAnswerKind, type AnswerKind } from '../text/question-words.js';
import { findRegionsInQuestion } from '../text/regions.js';

/**
 * What a question is about, slot by slot, for carrying a conversation from one question to the
 * next: the places it names, the period, the subject (what is asked about, without place, time,
 * question words or follow-up markers) and the kind of answer it expects.
 *
 * This is the conversation layer's own, minimal reading of a question, built from the same
 * helpers retrieval uses (regions, time hints, answer kind), so follow-ups need nothing else.
 */
export interface ConversationFrame {
  places: string[];
  period: TimeHints;
  /** The words naming the subject, as typed ("xuất khẩu"), or '' when the question names none. */
  subject: string;
  kind: AnswerKind;
  /** The question's own wording of the period ("9 tháng năm 2023"), to reuse it as typed. */
  periodText: string | null;
  /** "Còn …", "Thế còn …", "… thì sao?": the question leans on the one before. */
  followUpMarker: boolean;
}

/** "Thế còn", "Vậy còn", "Còn" at the start; "thì sao", "thì thế nào", "nữa" at the end (diacritic-free). */
const LEADING_MARKER = /^\s*(?:(?:the|vay|con|and|what about|how about)\s+)?(?:con\s+)?/;
const LEADING_FOLLOW_UP = /^\s*(?:(?:the|vay)\s+con|con|and|what about|how about)(?=\s|$)/;
const TRAILING_FOLLOW_UP = /\s*(?:thi\s+sao|thi\s+the\s+nao|the\s+nao|ra\s+sao|thi\s+ra\s+sao|nua|nhi|a|vay)?\s*[?.!…]*\s*$/;
const TRAILING_IS_FOLLOW_UP = /(?:thi\s+sao|thi\s+the\s+nao|thi\s+ra\s+sao)\s*[?.!…]*\s*$/;

/**
 * Time expressions as typed (matched diacritic-free: removeDiacritics keeps the length of NFC text,
 * so positions line up with the original): "9 tháng (đầu) (năm) 2023", "tháng 10/2023", "quý 3 (năm 2023)",
 * "(trong) năm 2016", a bare year.
 */
const PERIOD_PATTERNS = [
  /(?:trong\s+)?\d{1,2}\s+thang(?:\s+dau)?(?:\s+(?:cua\s+)?nam)?(?:\s+(?:19|20)\d{2})?/,
  /(?:trong\s+)?thang\s+\d{1,2}(?:\s*[/-]\s*|\s+nam\s+)(?:19|20)\d{2}/,
  /(?:trong\s+)?quy\s+(?:[1-4]|i{1,3}|iv)(?:\s+(?:nam\s+)?(?:19|20)\d{2})?/,
  /(?:trong\s+)?nua\s+dau\s+nam(?:\s+(?:19|20)\d{2})?/,
  /(?:trong\s+|vao\s+)?(?:nam\s+)?(?:19|20)\d{2}(?!\d)/,
];

/** Where the period is written in `text` (index and length), or null. */
export function periodSpan(text: string): { start: number; end: number } | null {
  const folded = fold(text);
  for (const pattern of PERIOD_PATTERNS) {
    const m = pattern.exec(folded);
    if (m) return { start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/** Where `region` (a canonical name) is written in `text`, typed with or without marks, or null. */
export function placeSpan(text: string, region: string): { start: number; end: number } | null {
  const folded = fold(text);
  const names = [region, region.replace(/^TP\s+/, ''), region.replace(/^TP\s+/, 'thành phố ')].map(fold);
  for (const name of names) {
    const at = folded.search(new RegExp(`(?<![\\p{L}\\d])${escapeRegExp(name)}(?![\\p{L}\\d])`, 'u'));
    if (at >= 0) {
      // "của Hải Phòng", "ở Đà Nẵng", "tại TP.HCM": the linking word belongs to the place.
      const before = /(?:cua|o|tai|thanh pho|tinh)\s+$/.exec(folded.slice(0, at));
      return { start: before ? at - before[0].length : at, end: at + name.length };
    }
  }
  return null;
}

/** Reads the slots of one question (see {@link ConversationFrame}). */
export function frameOf(question: string): ConversationFrame {
  const text = question.normalize('NFC').trim();
  const places = findRegionsInQuestion(text);
  const period = findTimeHints(text);
  const span = periodSpan(text);
  const periodText = span ? text.slice(span.start, span.end).replace(/^(?:trong|vào|vao)\s+/i, '').trim() : null;
  const folded = fold(text);
  const followUpMarker = LEADING_FOLLOW_UP.test(folded) || TRAILING_IS_FOLLOW_UP.test(folded);
  return { places, period, subject: subjectOf(text, places), kind: expectedAnswerKind(text), periodText, followUpMarker };
}

/** Question words that name no subject ("bao nhiêu", "là gì", "ở đâu"), diacritic-free. */
const EMPTY_WORDS = new Set(['bao', 'nhieu', 'gi', 'nao', 'sao', 'la', 'the', 'thi', 'o', 'dau', 'co', 'khong', 'vay', 'a', 'nhi', 'nua', 'cua', 'tai', 've', 'trong', 'vao', 'con', 'va', 'nhu', 'ra', 'what', 'about', 'how', 'and', 'the', 'in', 'of']);

/** The question without follow-up markers, place, period and empty words: what it asks about. */
function subjectOf(text: string, places: string[]): string {
  let rest = text;
  for (const place of places) {
    const span = placeSpan(rest, place);
    if (span) rest = `${rest.slice(0, span.start)} ${rest.slice(span.end)}`;
  }
  const period = periodSpan(rest);
  if (period) rest = `${rest.slice(0, period.start)} ${rest.slice(period.end)}`;
  let folded = fold(rest);
  const lead = LEADING_MARKER.exec(folded)![0].length;
  const trail = TRAILING_FOLLOW_UP.exec(folded)!.index;
  rest = rest.slice(lead, Math.max(lead, trail));
  folded = fold(rest);
  const words = rest.split(/\s+/).filter(Boolean);
  const foldedWords = folded.split(/\s+/).filter(Boolean);
  // Trim empty words from both ends only: inside the subject they may belong to it ("cán cân thương mại").
  let start = 0;
  let end = words.length;
  while (start < end && EMPTY_WORDS.has(clean(foldedWords[start]!))) start++;
  while (end > start && EMPTY_WORDS.has(clean(foldedWords[end - 1]!))) end--;
  return words.slice(start, end).join(' ').replace(/[?.!,;:…]+$/u, '').trim();
}

function clean(word: string): string {
  return word.replace(/[^\p{L}\p{N}]/gu, '');
}

/** Lower case, NFC, no marks: the same length as the NFC text, so positions line up. */
export function fold(text: string): string {
  return removeDiacritics(text.normalize('NFC').toLowerCase());
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
