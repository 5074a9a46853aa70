import type { Answer } from '../../answer/types.js';
import { answerCitationLines, type CitationLines } from '../shared/citation-lines.js';
import { escapeAttribute, escapeHtml, isLinkable } from './html.js';

/** Heading of the sources list under an answer. */
const SOURCES_HEADING = 'Nguồn:';

/**
 * One numbered source in Telegram HTML: bold title (a link to the article when it has a web
 * address), source and date, and the cited sentence in italics. Every piece of corpus text is
 * escaped; an address that cannot be a link is shown as text under the title.
 */
export function renderCitationHtml(lines: CitationLines): string {
  const linkable = lines.url !== null && isLinkable(lines.url);
  const title = linkable ? `<a href="${escapeAttribute(lines.url!)}">${escapeHtml(lines.title)}</a>` : escapeHtml(lines.title);
  const out = [`${lines.n}. <b>${title}</b>`];
  if (lines.byline) out.push(escapeHtml(lines.byline));
  if (lines.url && !linkable) out.push(escapeHtml(lines.url));
  if (lines.quote) out.push(`<i>“${escapeHtml(lines.quote)}”</i>`);
  return out.join('\n');
}

/** The numbered sources list of an answer, or null when it has none to show. */
export function renderSourcesHtml(answer: Answer, heading = SOURCES_HEADING): string | null {
  const citations = answerCitationLines(answer);
  if (citations.length === 0) return null;
  return [`<b>${escapeHtml(heading)}</b>`, ...citations.map(renderCitationHtml)].join('\n\n');
}

/**
 * A whole reply: the answer text, then its sources. `not_found` and `invalid` answers are shown
 * alone (their text is the explanation; a sources list would mislead).
 */
export function renderAnswerHtml(answer: Answer): string {
  const text = escapeHtml(answer.answer.trim());
  const sources = renderSourcesHtml(answer);
  return sources === null ? text : `${text}\n\n${sources}`;
}

/**
 * A partial, still-streaming answer: the text so far (cut to fit one message, never inside an
 * entity) and an ellipsis showing more is coming.
 */
export function renderPartialHtml(text: string, limit: number): string {
  let shown = escapeHtml(text.trim());
  if (shown.length > limit - 2) shown = shown.slice(0, limit - 2).replace(/&[#\w]*$/, '');
  return `${shown} …`;
}
