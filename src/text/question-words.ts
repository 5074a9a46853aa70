import { removeDiacritics } from './normalize.js';

/**
 * Words that shape a question rather than name its subject ("bao nhiêu", "là gì", "như thế nào").
 * They are left out of matching: a passage does not answer "FDI tăng bao nhiêu?" by containing
 * "bao nhiêu". Stored accented; compare with {@link isQuestionWord} which also accepts plain forms.
 */
const QUESTION_WORDS = [
  'bao', 'nhiêu', 'mấy', 'gì', 'nào', 'ai', 'đâu', 'sao', 'không', 'chưa', 'là', 'thế', 'như', 'tại', 'vì', 'hỏi', 'cho', 'biết',
  'hãy', 'xin', 'vậy', 'à', 'ạ', 'nhỉ', 'chăng', 'có', 'được', 'bị', 'của', 'và', 'thì', 'mà', 'những', 'các', 'một', 'này', 'đó',
  'khi', 'lúc', 'bạn', 'tôi', 'mình',
  'what', 'which', 'who', 'how', 'many', 'much', 'when', 'where', 'why', 'is', 'are', 'the', 'a', 'of', 'in', 'did', 'does', 'do',
];

const ACCENTED = new Set(QUESTION_WORDS);
const PLAIN = new Set(QUESTION_WORDS.map(removeDiacritics));

/** True for a question-shaping syllable, in accented or diacritic-free form (per `accented`). */
export function isQuestionWord(token: string, accented: boolean): boolean {
  return accented ? ACCENTED.has(token) : PLAIN.has(token);
}

/** What kind of answer the question expects, from its wording (works without diacritics). */
export type AnswerKind = 'quantity' | 'time' | 'other';

export function expectedAnswerKind(question: string): AnswerKind {
  const q = ` ${removeDiacritics(question.toLowerCase())} `;
  if (/\b(bao nhieu|may|ty le|muc tang|tang truong|how many|how much|percent)\b/.test(q) || /\b(tang|giam) (bao|may|them|hon)\b/.test(q)) return 'quantity';
  if (/\b(khi nao|bao gio|nam nao|ngay nao|thang nao|thoi gian nao|luc nao|when|what year)\b/.test(q)) return 'time';
  return 'other';
}
