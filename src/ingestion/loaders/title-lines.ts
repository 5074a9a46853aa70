/**
 * Finding the headline of a plain-text article: its first line, or, for a briefing copied from a news
 * page (section line, headline, place line, lead...), the line above the place line.
 */
import { canonicalRegion } from '../../text/regions.js';
import { titleFromText } from './record.js';

/** A headline split from its body, with the place line's region when the layout had one. */
export interface Headed {
  title: string;
  body: string;
  region?: string;
}

/** Longest line that can be a headline rather than a paragraph. */
const MAX_HEADLINE = 200;

function isHeadline(para: string): boolean {
  return !para.includes('\n') && para.length <= MAX_HEADLINE && !/[.;:,]$/.test(para.replace(/(?:\.\.\.|…)$/, ''));
}

/**
 * Splits a headline off article text. The news-page layout is recognised by a short line that is only
 * a province or city name ("Hải Phòng") among the first four paragraphs: the paragraph before it is
 * the headline and what comes before that (a section label) is dropped. Otherwise the first line is
 * the headline when it looks like one; a text that starts straight with a paragraph keeps all of it,
 * and is titled by its first sentence.
 */
export function splitHeadline(text: string): Headed {
  const paras = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  for (let p = 1; p < Math.min(4, paras.length - 1); p++) {
    const place = paras[p]!;
    const region = place.length <= 40 && !place.includes('\n') ? canonicalRegion(place) : undefined;
    if (region && isHeadline(paras[p - 1]!) && paras.slice(0, p - 1).every(isHeadline)) {
      return { title: paras[p - 1]!, body: paras.slice(p + 1).join('\n\n'), region };
    }
  }
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  const headline = lines[first]?.trim() ?? '';
  const rest = lines
    .slice(first + 1)
    .join('\n')
    .trim();
  if (rest !== '' && headline.length <= MAX_HEADLINE && !/[.;:,]$/.test(headline)) {
    return { title: headline, body: rest };
  }
  return { title: titleFromText(text), body: text.trim() };
}
