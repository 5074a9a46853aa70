import type { Answer, Citation } from '../../answer/types.js';
import { formatDateVi } from './format-date.js';

/**
 * A citation broken into the pieces every chat platform shows, as plain unescaped text: each
 * adapter escapes and styles them in its own markup (Telegram HTML, Discord markdown).
 */
export interface CitationLines {
  /** The number used in the answer text, `[n]`. */
  n: number;
  /** Briefing title, or a placeholder when the source had none. */
  title: string;
  /** "TTXVN · 19/10/2023", or null when neither source nor date is known. */
  byline: string | null;
  /** Link to the original, when there is one. */
  url: string | null;
  /** The cited sentence, whitespace collapsed. */
  quote: string;
}

/** Turns one citation into its display pieces (see {@link CitationLines}). */
export function citationLines(citation: Citation): CitationLines {
  const date = formatDateVi(citation.date);
  const bylineParts = [citation.source?.trim() || null, date].filter((p): p is string => p !== null && p !== '');
  return {
    n: citation.n,
    title: citation.title.trim() || '(không có tiêu đề)',
    byline: bylineParts.length > 0 ? bylineParts.join(' · ') : null,
    url: citation.url?.trim() || null,
    quote: citation.text.replace(/\s+/g, ' ').trim(),
  };
}

/**
 * The citations worth listing under an answer: none for `not_found`/`invalid` answers (their text
 * is an apology or a hint, so a sources list would mislead).
 */
export function answerCitationLines(answer: Answer): CitationLines[] {
  if (answer.status !== 'answered') return [];
  return answer.citations.map(citationLines);
}
