import { looksEnglish } from '../text/language.js';

/** The languages fixed messages are written in. */
export type Language = 'vi' | 'en';

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
