/**
 * Sentence splitting for Vietnamese news text. Splits after . ! ? … (and at line breaks) when the
 * next sentence starts, but never inside a number ("3,055", "134.000", "19/10") or after a common
 * abbreviation ("TP. Hồ Chí Minh", "GS. TS.").
 */

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

/** Splits text into sentences; each returned sentence is trimmed and non-empty. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n+/)) {
    let start = 0;
    const boundary = /([.!?…]+)(["”’)\]]*)(\s+)(?=["“‘([]?[\p{Lu}\d])/gu;
    for (const m of paragraph.matchAll(boundary)) {
      const end = m.index + m[1]!.length + m[2]!.length;
      // Only the word just before the mark matters; a short window keeps this linear.
      const before = paragraph.slice(Math.max(start, m.index - 24), m.index);
      const lastWord = (before.match(/([\p{L}.]+)$/u)?.[1] ?? '').toLowerCase();
      if (m[1] === '.' && (ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord))) continue;
      const sentence = paragraph.slice(start, end).trim();
      if (sentence) out.push(sentence);
      start = end + m[3]!.length;
    }
    const rest = paragraph.slice(start).trim();
    if (rest) out.push(rest);
  }
  return out;
}

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
