import { removeDiacritics } from './normalize.js';

/**
 * Words that shape a question rather than name its subject ("bao nhiêu", "là gì", "như thế nào").
 * They are left out of matching: a passage does not answer "FDI tăng bao nhiêu?" by containing
 * "bao nhiêu". Stored accented; compare with {@link isQuestionWord} which also accepts plain forms.
 */
const QUESTION_WORDS = [
  'bao',
  'nhiêu',
  'mấy',
  'gì',
  'nào',
  'ai',
  'đâu',
  'sao',
  'không',
  'chưa',
  'là',
  'thế',
  'như',
  'tại',
  'vì',
  'hỏi',
  'cho',
  'biết',
  'hãy',
  'xin',
  'vậy',
  'à',
  'ạ',
  'nhỉ',
  'chăng',
  'có',
  'được',
  'bị',
  'của',
  'và',
  'thì',
  'mà',
  'những',
  'các',
  'một',
  'này',
  'đó',
  'khi',
  'lúc',
  'bạn',
  'tôi',
  'mình',
  'what',
  'which',
  'who',
  'how',
  'many',
  'much',
  'when',
  'where',
  'why',
  'is',
  'are',
  'the',
  'a',
  'of',
  'in',
  'did',
  'does',
  'do',
];

const ACCENTED = new Set(QUESTION_WORDS);
const PLAIN = new Set(QUESTION_WORDS.map(removeDiacritics));

/** True for a question-shaping syllable, in accented or diacritic-free form (per `accented`). */
export function isQuestionWord(token: string, accented: boolean): boolean {
  return accented ? ACCENTED.has(token) : PLAIN.has(token);
}

/** Multi-word interrogatives, diacritic-free. */
const INTERROGATIVE_PHRASES = [
  ['bao', 'nhieu'],
  ['bao', 'lau'],
  ['bao', 'gio'],
  ['may', 'gio'],
  ['nhu', 'the', 'nao'],
  ['the', 'nao'],
  ['tai', 'sao'],
  ['vi', 'sao'],
  ['o', 'dau'],
  ['khi', 'nao'],
  ['luc', 'nao'],
  ['la', 'gi'],
  ['la', 'ai'],
  ['ai', 'la'],
  ['co', 'phai'],
];
/** How many zeros each scale word of a figure stands for, diacritic-free ("nghìn" 3, "triệu" 6, "tỷ" 9). */
export const SCALE_ZEROS: Readonly<Record<string, number>> = { nghin: 3, ngan: 3, trieu: 6, ty: 9, ti: 9 };
/** Scales of a figure, diacritic-free ("triệu", "tỷ", "nghìn", "trăm"). */
export const SCALES: ReadonlySet<string> = new Set([...Object.keys(SCALE_ZEROS), 'tram']);
/** Single-word interrogatives: accented forms, and the diacritic-free ones that are not also common words ("may" is also "máy"). */
const INTERROGATIVES_ACCENTED = new Set(['mấy', 'gì', 'nào', 'ai', 'đâu']);
const INTERROGATIVES_PLAIN = new Set(['gi', 'ai']);

/**
 * Positions of the tokens that form the question's interrogative ("bao nhiêu", "là gì", "ở đâu").
 * A syllable pair that includes one ("nhiêu khách" in "bao nhiêu khách") is an accident of phrasing.
 */
export function interrogativePositions(tokens: string[], accented: boolean): Set<number> {
  const plain = tokens.map(removeDiacritics);
  const out = new Set<number>();
  plain.forEach((_, i) => {
    for (const phrase of INTERROGATIVE_PHRASES) {
      if (phrase.every((w, j) => plain[i + j] === w)) phrase.forEach((_, j) => out.add(i + j));
    }
    if (accented ? INTERROGATIVES_ACCENTED.has(tokens[i]!) : INTERROGATIVES_PLAIN.has(plain[i]!)) out.add(i);
  });
  for (const i of askedScalePositions(tokens, accented)) out.add(i);
  return out;
}

/**
 * Positions of the scale of the figure asked ("triệu" of "bao nhiêu triệu", "mấy tỷ", chat "bn
 * tr", "bao nhiêu phần trăm"), with the "mấy" before it: the scale is the answer's unit, not a
 * subject word. Matched, "triệu" finds "Triệu Đình Hùng", "triệu tiền" pairs into "Triều Tiên",
 * and "phần trăm" finds "điểm phần trăm" sentences over those that write "%".
 */
export function askedScalePositions(tokens: string[], accented: boolean): Set<number> {
  const plain = tokens.map(removeDiacritics);
  const out = new Set<number>();
  plain.forEach((w, i) => {
    const asked = (plain[i - 2] === 'bao' && plain[i - 1] === 'nhieu') || plain[i - 1] === 'may';
    const percent = w === 'phan' && plain[i + 1] === 'tram';
    if (asked && (SCALES.has(w) || percent) && (plain[i - 1] !== 'may' || !accented || tokens[i - 1] === 'mấy')) {
      out.add(i);
      if (percent) out.add(i + 1);
      if (plain[i - 1] === 'may') out.add(i - 1);
    }
  });
  return out;
}
