/**
 * Sentence splitting for Vietnamese news text. Splits after . ! ? … (and at line breaks) when the
 * next sentence starts, but never inside a number ("3,055", "134.000", "19/10") or after a common
 * abbreviation ("TP. Hồ Chí Minh", "GS. TS.").
 */
import { allMatches } from './all-matches.js';
import { codeUnitClass } from './code-unit-class.js';

const ABBREVIATIONS = new Set([
  'tp',
  'tt',
  'gs',
  'pgs',
  'ts',
  'ths',
  'bs',
  'ks',
  'th.s',
  'p',
  'q',
  'st',
  'mr',
  'mrs',
  'dr',
  'no',
  'tr',
  'vs',
  'ubnd',
  'tx',
]);

/** A sentence mark, closing quotes or brackets, and the space before a next sentence's first letter or digit. */
const BOUNDARY = /([.!?…]+)(["”’)\]]*)(\s+)(?=["“‘([]?[\p{Lu}\d])/gu;

/** Splits text into sentences; each returned sentence is trimmed and non-empty. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n+/)) {
    let start = 0;
    for (const m of allMatches(BOUNDARY, paragraph)) {
      const end = m.index + m[1]!.length + m[2]!.length;
      if (m[1] === '.' && followsAbbreviation(paragraph.slice(Math.max(start, m.index - 24), m.index))) continue;
      const sentence = paragraph.slice(start, end).trim();
      if (sentence) out.push(sentence);
      start = end + m[3]!.length;
    }
    const rest = paragraph.slice(start).trim();
    if (rest) out.push(rest);
  }
  return out;
}

/**
 * Whether a full stop after `before` ends an abbreviation ("TP.", "GS.") or an initial rather than a
 * sentence. Only the word just before the mark matters; a short window keeps splitting linear.
 */
function followsAbbreviation(before: string): boolean {
  const lastWord = before.slice(startOfLastWord(before)).toLowerCase();
  return ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord);
}

/**
 * Where the run of letters and dots that ends `text` starts (what `/[\p{L}.]+$/u` would match),
 * found by walking back: the pattern tried every start in the window, and the `\p{L}` range
 * search per character cost more than the rest of splitting.
 */
function startOfLastWord(text: string): number {
  let i = text.length;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 0x2e || isBmpLetter(c)) i--;
    else if (c >= 0xdc00 && c <= 0xdfff && i >= 2 && LETTER.test(text.slice(i - 2, i))) i -= 2;
    else break;
  }
  return i;
}

const LETTER = /^\p{L}$/u;
const isBmpLetter = codeUnitClass(LETTER);

/** Number of words (whitespace-separated, as `\S+` matches them) in a text. */
export function countWords(text: string): number {
  // Counted without building the list of words: the chunker asks this for every sentence, often twice.
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isWhitespace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** The UTF-16 code units `\s` matches in a JavaScript pattern. */
function isWhitespace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
