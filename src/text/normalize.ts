/**
 * Vietnamese text normalisation for matching. Display text is never altered by these functions'
 * callers; only the forms used for indexing and comparison are.
 */
import { codeUnitClass } from './code-unit-class.js';

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;
const TONE_MARKS_G = /[\u0300\u0301\u0303\u0309\u0323]/g;
/** Vowels after NFD with tone marks removed but vowel-quality marks (breve, circumflex, horn) kept. */
const VOWEL = /[aeiouy]/;
const QUALITY_MARK = /[\u0302\u0306\u031b]/; // circumflex, breve, horn

/**
 * Puts the tone mark of one syllable in a single canonical place, so that the old and new
 * orthographies ("hoà"/"hòa", "thuỷ"/"thủy", "quý"/"qúy") compare equal. Input and output are NFC.
 */
function canonicalToneSyllable(syllable: string): string {
  const nfd = syllable.normalize('NFD');
  const tone = nfd.match(TONE_MARKS);
  if (!tone) return syllable;
  const bare = nfd.replace(TONE_MARKS_G, '');
  // Split into base letters, each with its vowel-quality marks, so indexes refer to letters.
  const letters: string[] = [];
  for (const ch of bare) {
    if (/[\u0300-\u036f]/.test(ch) && letters.length > 0) letters[letters.length - 1] += ch;
    else letters.push(ch);
  }
  const lower = letters.map((l) => l.toLowerCase());
  let start = 0;
  // "qu" and "gi" (before another vowel) are onsets: their u/i carry no tone.
  if (lower[0] === 'q' && lower[1]?.[0] === 'u') start = 2;
  else if (lower[0] === 'g' && lower[1] === 'i' && lower[2] !== undefined && VOWEL.test(lower[2][0]!)) start = 2;
  let first = -1;
  let last = -1;
  for (let i = start; i < lower.length; i++) {
    if (VOWEL.test(lower[i]![0]!)) {
      if (first < 0) first = i;
      last = i;
    } else if (first >= 0) break;
  }
  if (first < 0) return syllable;
  let target: number;
  const marked = [];
  for (let i = first; i <= last; i++) if (QUALITY_MARK.test(lower[i]!)) marked.push(i);
  const hasFinalConsonant = last + 1 < lower.length;
  if (marked.length > 0)
    target = marked[marked.length - 1]!; // ươ → ơ, uyê → ê
  else if (last === first) target = first;
  else if (last - first >= 2)
    target = first + 1; // oai, uây, uyu: middle
  else if (hasFinalConsonant)
    target = last; // hoàng, toán, thuyết
  else {
    const pair = lower[first]![0]! + lower[last]![0]!;
    target = pair === 'oa' || pair === 'oe' || pair === 'uy' ? last : first; // hoà, thuỷ; but mái, cào
  }
  letters[target] = letters[target]! + tone[0];
  return letters.join('').normalize('NFC');
}

// Quantifiers are bounded: an unbounded one over megabytes of letters with no space overflowed the
// regex engine's stack (RangeError), and no syllable or number is longer.
const WORD = /[\p{L}\p{M}]{1,64}/gu;

/** Vietnamese has a few thousand distinct syllables: memoising them makes normalisation cheap. */
const syllableCache = new Map<string, string>();

function canonicalSyllable(syllable: string): string {
  let out = syllableCache.get(syllable);
  if (out === undefined) {
    out = canonicalToneSyllable(syllable);
    if (syllableCache.size < 200_000) syllableCache.set(syllable, out);
  }
  return out;
}

/** NFC, one tone placement, lower case: the accented form used for matching. */
export function normalizeForMatch(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(WORD, canonicalSyllable);
}

/** Removes every diacritic (and đ → d): the form a user typing without accents produces. */
export function removeDiacritics(text: string): string {
  // Plain ASCII (most numbers, English names) needs no work.
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  return removeDiacriticsByTable(text) ?? removeDiacriticsByNormalizing(text);
}

/** The definition of {@link removeDiacritics}: decompose, drop the combining marks, compose again. */
export function removeDiacriticsByNormalizing(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * For each UTF-16 code unit: what {@link removeDiacriticsByNormalizing} makes of it alone, when that
 * is one code unit and the unit may be folded on its own; {@link NOT_ALONE} otherwise; 0 when not
 * yet worked out (filled as met: a corpus meets a few hundred of them).
 */
const foldedUnit = new Uint16Array(0x10000);
const NOT_ALONE = 0xffff;

/**
 * {@link removeDiacriticsByNormalizing} one character at a time, read from {@link foldedUnit}; null
 * when the text holds a unit that must be seen with its neighbours. Normalizing a whole article
 * took a tenth of ingestion's preparation. The result is the same: a character that is neither a
 * combining mark nor Hangul (nor half of a surrogate pair) decomposes to a starter and its own marks,
 * and what is left of it after the marks go composes with nothing around it, so the text's result
 * is its characters' results side by side (`test/text/normalize.test.ts` checks it against the
 * definition).
 */
function removeDiacriticsByTable(text: string): string | null {
  const n = text.length;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out[i] = c;
      continue;
    }
    let f = foldedUnit[c]!;
    if (f === 0) f = foldedUnit[c] = foldAlone(c);
    if (f === NOT_ALONE) return null;
    out[i] = f;
  }
  return UTF16.decode(out);
}

// (A byte-order mark is text here, not a marker to drop.)
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });
/** Combining marks and Hangul: they compose with their neighbours. */
const NEEDS_NEIGHBOURS = /[\p{M}\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff]/u;

function foldAlone(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return NOT_ALONE;
  const ch = String.fromCharCode(c);
  if (NEEDS_NEIGHBOURS.test(ch)) return NOT_ALONE;
  const folded = removeDiacriticsByNormalizing(ch);
  return folded.length === 1 && folded.charCodeAt(0) !== NOT_ALONE ? folded.charCodeAt(0) : NOT_ALONE;
}

/** True when the text contains at least one Vietnamese diacritic. */
export function hasDiacritics(text: string): boolean {
  return removeDiacritics(text) !== text.normalize('NFC');
}

/**
 * Tokens for matching: syllables and numbers, lower case, canonical tone placement.
 * Numbers stay whole: "3,055", "134.000", "140,3" (a trailing % is dropped), "19/10", "19/10/2023".
 */
export function tokenize(text: string): string[] {
  const lower = text.normalize('NFC').toLowerCase();
  const out: string[] = [];
  scanTokens(lower, (start, end, ascii) => {
    const raw = lower.slice(start, end);
    out.push(ascii ? raw : canonicalSyllable(raw));
  });
  return out;
}

/**
 * {@link tokenize}'s tokens and the same without diacritics ({@link plainToken} of each), made in
 * one pass: ingestion needs both for every sentence, and many of a corpus's tokens (numbers, Latin
 * names, unmarked syllables) are plain ASCII, which need neither form looked up. The others are
 * looked up once for both forms (a lookup hashes the fresh slice: two lookups cost twice that).
 */
export function tokenizeBoth(text: string): { accented: string[]; plain: string[] } {
  const lower = text.normalize('NFC').toLowerCase();
  const accented: string[] = [];
  const plain: string[] = [];
  scanTokens(lower, (start, end, ascii) => {
    const raw = lower.slice(start, end);
    if (ascii) {
      accented.push(raw);
      plain.push(raw);
    } else {
      const forms = syllableForms(raw);
      accented.push(forms.canonical);
      plain.push(forms.plain);
    }
  });
  return { accented, plain };
}

/** A lower-case syllable's canonical form and that form's plain form (see {@link tokenizeBoth}). */
const formsCache = new Map<string, { canonical: string; plain: string }>();

function syllableForms(raw: string): { canonical: string; plain: string } {
  let forms = formsCache.get(raw);
  if (forms === undefined) {
    const canonical = canonicalSyllable(raw);
    forms = { canonical, plain: plainToken(canonical) };
    if (formsCache.size < 200_000) formsCache.set(raw, forms);
  }
  return forms;
}

/**
 * The number tokens of a text ({@link tokenize}'s tokens that start with a digit), without the
 * syllables' canonical forms, which a caller that wants only the numbers would throw away.
 */
export function numberTokens(text: string): string[] {
  const lower = text.normalize('NFC').toLowerCase();
  const out: string[] = [];
  scanTokens(lower, (start, end) => {
    if (isDigit(lower.charCodeAt(start))) out.push(lower.slice(start, end));
  });
  return out;
}

/**
 * The tokens of a text, as the pattern
 * `\d{1,64}(?:[.,/]\d{1,64}){0,8}|[\p{L}\p{M}]{1,64}(?:\d{1,64}[\p{L}\p{M}]{0,64}){0,8}` (flag `u`)
 * matches them, read by hand: the regex engine's `\p{L}` test (a range search per character) took
 * about a seventh of the preparation thread's time. Bounded like {@link WORD}: a longer run becomes several
 * tokens. `each` gets the token's span and whether it is all ASCII (then it is its own canonical and
 * plain form). `test/text/tokenize.test.ts` checks it against the pattern.
 */
function scanTokens(s: string, each: (start: number, end: number, ascii: boolean) => void): void {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      const start = i;
      i = digitsFrom(s, i);
      for (let groups = 0; groups < MAX_GROUPS && i + 1 < n && isSeparator(s.charCodeAt(i)) && isDigit(s.charCodeAt(i + 1)); groups++)
        i = digitsFrom(s, i + 1);
      each(start, i, true);
      continue;
    }
    const width = letterWidth(s, i, c);
    if (width === 0) {
      // (One code unit on: the low half of a surrogate pair starts no token either.)
      i++;
      continue;
    }
    const start = i;
    i = lettersFrom(s, i);
    for (let groups = 0; groups < MAX_GROUPS && i < n && isDigit(s.charCodeAt(i)); groups++) i = lettersFrom(s, digitsFrom(s, i));
    each(start, i, isAsciiSpan(s, start, i));
  }
}

/**
 * The end of the run of at most {@link MAX_RUN} letters (or marks) starting at `from`. A function of
 * its own, not a closure made per token: under tsx (esbuild's `keepNames`) each closure also costs
 * a `defineProperty` call, which made ingestion from sources half as slow again as from the build.
 */
function lettersFrom(s: string, from: number): number {
  const n = s.length;
  let j = from;
  for (let count = 0; count < MAX_RUN && j < n; count++) {
    const w = letterWidth(s, j, s.charCodeAt(j));
    if (w === 0) break;
    j += w;
  }
  return j;
}

function isAsciiSpan(s: string, start: number, end: number): boolean {
  for (let j = start; j < end; j++) if (s.charCodeAt(j) >= 0x80) return false;
  return true;
}

const MAX_RUN = 64;
const MAX_GROUPS = 8;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSeparator(c: number): boolean {
  return c === 0x2e || c === 0x2c || c === 0x2f; // . , /
}

/** The end of the run of at most {@link MAX_RUN} ASCII digits starting at `i`. */
function digitsFrom(s: string, i: number): number {
  const end = Math.min(s.length, i + MAX_RUN);
  while (i < end && isDigit(s.charCodeAt(i))) i++;
  return i;
}

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const isBmpLetterOrMark = codeUnitClass(LETTER_OR_MARK);

/** How many code units the letter (or mark) at `i` takes, or 0 when `s[i]` starts none. */
function letterWidth(s: string, i: number, c: number): number {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdfff) {
    // A letter outside the Basic Multilingual Plane is a surrogate pair; a lone surrogate is none.
    const cp = s.codePointAt(i)!;
    return cp > 0xffff && LETTER_OR_MARK.test(String.fromCodePoint(cp)) ? 2 : 0;
  }
  return isBmpLetterOrMark(c) ? 1 : 0;
}

/**
 * Tokens with diacritics removed (the same tokens as {@link tokenize}, without marks). Faster than
 * mapping `tokenize`: tone placement does not matter once the marks are gone.
 */
export function tokenizePlain(text: string): string[] {
  const plain = removeDiacritics(text.toLowerCase());
  const out: string[] = [];
  scanTokens(plain, (start, end) => out.push(plain.slice(start, end)));
  return out;
}

const plainCache = new Map<string, string>();

/** {@link removeDiacritics} for a single token, memoised (tokens repeat endlessly in a corpus). */
export function plainToken(token: string): string {
  let out = plainCache.get(token);
  if (out === undefined) {
    out = removeDiacritics(token);
    if (plainCache.size < 200_000) plainCache.set(token, out);
  }
  return out;
}

/**
 * A figure in canonical form for comparing numbers across texts: "140,3 %" and "140,3%" → "140,3%",
 * "3,055" → "3,055". Used by the answerers to check figures against passages.
 */
export function extractFigures(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFC').matchAll(/\d+(?:[.,/]\d+)*(?:\s?%)?/g)) out.push(m[0].replace(/\s+/g, ''));
  return out;
}
