import { hasDiacritics } from '../text/normalize.js';

/** The languages fixed messages are written in. */
export type Language = 'vi' | 'en';

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

/**
 * The language to answer a person in: English when the question is written in English or their
 * client says English (Telegram `language_code`, Discord locale `en-US`/`en-GB`); Vietnamese otherwise.
 * A question typed without marks ("fdi hai phong tang bao nhieu") is still Vietnamese.
 */
export function chatLanguage(question: string | null, locale?: string | null): Language {
  if (locale && /^en\b/i.test(locale)) return 'en';
  if (question && looksEnglish(question)) return 'en';
  return 'vi';
}

/** True for a question in English: no Vietnamese marks, and mostly English words. */
export function looksEnglish(text: string): boolean {
  if (hasDiacritics(text)) return false;
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  if (words.length === 0) return false;
  const english = words.filter((w) => ENGLISH_WORDS.has(w)).length;
  return english >= 2 || (words.length <= 2 && english === words.length);
}
