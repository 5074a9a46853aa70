import { hasDiacritics } from './normalize.js';

/** English words common in questions and rare in Vietnamese typed without marks. */
const ENGLISH_WORDS = new Set([
  'the',
  'what',
  'how',
  'many',
  'much',
  'is',
  'are',
  'was',
  'were',
  'did',
  'does',
  'do',
  'of',
  'in',
  'on',
  'about',
  'which',
  'who',
  'when',
  'where',
  'why',
  'news',
  'latest',
  'increase',
  'rise',
  'grow',
  'growth',
  'tell',
  'me',
  'please',
  'and',
  'for',
  'with',
  'there',
  'any',
  'new',
  'help',
  'hello',
  'hi',
  'can',
  'you',
  'show',
  'sources',
  'city',
  'province',
  'year',
  'export',
  'exports',
  'tourists',
]);

/** True for a question in English: no Vietnamese marks, and mostly English words. */
export function looksEnglish(text: string): boolean {
  if (hasDiacritics(text)) return false;
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  if (words.length === 0) return false;
  const english = words.filter((w) => ENGLISH_WORDS.has(w)).length;
  return english >= 2 || (words.length <= 2 && english === words.length);
}
