import type { Answer, Citation } from '../../answer/types.js';
import { splitSentences } from '../../text/sentences.js';
import { formatDate } from '../../text/format-vi.js';

/**
 * A citation broken into the pieces every chat platform shows, as plain unescaped text: each
 * adapter escapes and styles them in its own markup (Telegram HTML, Discord markdown).
 */
export interface CitationLines {
  /** The number used in the answer text, `[n]`. */
  n: number;
  /** Briefing title, a placeholder when the source had none, or null when the answer already shows it. */
  title: string | null;
  /** "TTXVN · 19/10/2023", or null when neither source nor date is known. */
  byline: string | null;
  /** Link to the original, when there is one. */
  url: string | null;
  /** The cited text, whitespace collapsed; null when there is nothing to show beyond the answer. */
  quote: string | null;
}

/** The passages a citation can be looked up in (an answer's, or a stored answer's). */
type CitedPassages = Pick<Answer, 'passages'>['passages'];

/** Turns one citation into its display pieces, quoting its cited text as is. */
export function citationLines(citation: Citation): CitationLines {
  const date = formatDate(citation.date);
  const bylineParts = [citation.source?.trim() || null, date].filter((p): p is string => p !== null && p !== '');
  return {
    n: citation.n,
    title: citation.title.trim() || '(không có tiêu đề)',
    byline: bylineParts.length > 0 ? bylineParts.join(' · ') : null,
    url: citation.url?.trim() || null,
    quote: collapse(citation.text) || null,
  };
}

/**
 * The citations worth listing under an answer: none for `not_found`/`invalid` answers (their text
 * is an apology or a hint, so a sources list would mislead). Nothing is printed twice: a quote the
 * answer already contains word for word is shown in its context (the sentences before and after,
 * trimmed) or, when there is none, left out, as is a title the answer already shows.
 */
export function answerCitationLines(answer: Answer): CitationLines[] {
  if (answer.status !== 'answered') return [];
  const shown = comparable(answer.answer);
  return answer.citations.map((citation) => {
    const lines = citationLines(citation);
    const quote = lines.quote ?? '';
    if (quote === '' || !shown.includes(comparable(quote))) return lines;
    const titleShown = lines.title !== null && shown.includes(comparable(lines.title));
    return {
      ...lines,
      title: titleShown ? null : lines.title,
      quote: titleShown ? null : quoteInContext(quote, citation.docId, answer.passages),
    };
  });
}

/**
 * The full passages an answer cites, for the "📄 Nguồn" button: each citation with the whole
 * passage it comes from (the one containing its quote, else its briefing's first).
 */
export function fullSourceLines(answer: { citations: Citation[]; passages: CitedPassages }): CitationLines[] {
  return answer.citations.map((citation) => {
    const ofDoc = answer.passages.filter((p) => p.docId === citation.docId);
    const quote = collapse(citation.text);
    const passage = ofDoc.find((p) => collapse(p.text).includes(quote)) ?? ofDoc[0];
    return { ...citationLines(citation), quote: passage ? collapse(passage.text) : quote || null };
  });
}

/** How much of a neighbouring sentence a context quote keeps. */
const CONTEXT_CHARS = 110;

/** `quote` with the sentence before and after it in its passage (trimmed), or null when it has none. */
function quoteInContext(quote: string, docId: string, passages: CitedPassages): string | null {
  const passage = passages.find((p) => p.docId === docId && collapse(p.text).includes(quote));
  if (!passage) return null;
  const sentences = splitSentences(passage.text).map(collapse);
  const first = sentences.findIndex((s) => quote.startsWith(s) || s.includes(quote) || quote.includes(s));
  if (first < 0) return null;
  let last = first;
  while (last + 1 < sentences.length && quote.includes(sentences[last + 1]!)) last++;
  const before = sentences[first - 1];
  const after = sentences[last + 1];
  if (before === undefined && after === undefined) return null;
  const head =
    before === undefined
      ? ''
      : `${before.length > CONTEXT_CHARS ? `…${before.slice(before.length - CONTEXT_CHARS).replace(/^\S*\s/, '')}` : before} `;
  const tail =
    after === undefined ? '' : ` ${after.length > CONTEXT_CHARS ? `${after.slice(0, CONTEXT_CHARS).replace(/\s\S*$/, '')}…` : after}`;
  return `${head}${quote}${tail}`;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Text for "is this already shown": no [n] markers, no final punctuation, spaces collapsed. */
function comparable(text: string): string {
  return collapse(text.replace(/\s*\[\d+\]/g, ''))
    .replace(/[.!?…;:]+$/u, '')
    .toLowerCase();
}
