import { fold } from '../text/dates.js';
import { parseQuestionFrame, type AnswerKind, type QuestionPeriod } from '../text/question-frame.js';

/**
 * A question read for carrying a conversation from one question to the next: its frame (places,
 * period, expected kind and the wording without place and period, from src/text/question-frame.ts)
 * plus what only a conversation cares about: whether it leans on the question before ("Còn …",
 * "… thì sao?"), and the subject it names once those markers are set aside.
 */
export interface ConversationFrame {
  places: string[];
  period: QuestionPeriod | null;
  kind: AnswerKind;
  /** The wording without place and period ("FDI tăng bao nhiêu"), as the question frame gives it. */
  core: string;
  /** The subject named, without follow-up markers and question words ("xuất khẩu"), or ''. */
  subject: string;
  /** "Còn …", "Thế còn …", "… thì sao?": the question says it leans on the one before. */
  followUpMarker: boolean;
}

/**
 * "Thế còn", "Vậy còn", "Còn" at the start (diacritic-free, lower case). A bare "còn" before
 * "bao nhiêu", "lại", "mấy"… means "remaining" ("Còn bao nhiêu dự án chưa xong?"), not "and what about".
 */
const LEADING_MARKER =
  /^\s*(?:(?:the|vay)\s+con|con(?!\s+(?:bao|may|gi|ai|nao|lai|khong|dang|duoc|nhieu|it|hon|phai|can)(?:\s|$|[?.!,]))|and|what about|how about)(?=\s|$|[?.!,])/;
/** "thì sao", "thì thế nào", "thì ra sao" at the end. */
const TRAILING_MARKER = /\s*(?:thi\s+(?:sao|the\s+nao|ra\s+sao))\s*[?.!…]*\s*$/;
/** Words around a follow-up's subject that name nothing ("ở", "nữa", "thế nào"), trimmed from its ends. */
const EMPTY_WORDS = new Set([
  'o',
  'tai',
  'cua',
  've',
  'trong',
  'nua',
  'nhi',
  'a',
  'vay',
  'the',
  'nao',
  'ra',
  'sao',
  'bao',
  'nhieu',
  'la',
  'gi',
  'thi',
  'co',
  'khong',
  'about',
  'in',
  'of',
]);

/** Reads the slots of one question (see {@link ConversationFrame}). */
export function frameOf(question: string): ConversationFrame {
  const frame = parseQuestionFrame(question);
  const whole = fold(frame.text);
  const followUpMarker = LEADING_MARKER.test(whole) || TRAILING_MARKER.test(whole);
  return { places: frame.places, period: frame.period, kind: frame.kind, core: frame.core, subject: subjectOf(frame.core), followUpMarker };
}

/** The core without follow-up markers and empty words at its ends. */
function subjectOf(core: string): string {
  let rest = core;
  const lead = LEADING_MARKER.exec(fold(rest));
  if (lead) rest = rest.slice(lead[0].length);
  const trail = TRAILING_MARKER.exec(fold(rest));
  if (trail) rest = rest.slice(0, trail.index);
  const words = rest.split(/\s+/).filter(Boolean);
  const plain = (w: string) => fold(w).replace(/[^\p{L}\p{N}]/gu, '');
  let start = 0;
  let end = words.length;
  while (start < end && EMPTY_WORDS.has(plain(words[start]!))) start++;
  while (end > start && EMPTY_WORDS.has(plain(words[end - 1]!))) end--;
  return words
    .slice(start, end)
    .join(' ')
    .replace(/[?.!,;:…]+$/u, '');
}

/** The same year, month, quarter or length of period (comparing what either names). */
export function samePeriod(a: QuestionPeriod | null, b: QuestionPeriod | null): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
}
