import type { Answer } from '../../answer/types.js';
import { answerCitationLines, type CitationLines } from '../shared/citation-lines.js';
import { shortenText } from '../../answer/bound-answer.js';
import { moreSourcesLine } from '../shared/bot-messages.js';
import { MAX_REPLY_MESSAGES } from '../shared/split-message.js';
import { escapeAttribute, escapeHtml, isLinkable } from './html.js';
import { splitTelegramHtml, TELEGRAM_MESSAGE_LIMIT } from './split-html.js';

/** Heading of the sources list under an answer. */
const SOURCES_HEADING = 'Nguồn:';

/**
 * One numbered source in Telegram HTML: bold title, source and date, the link when there is one,
 * and the cited sentence in italics. Every piece of corpus text is escaped.
 */
export function renderCitationHtml(lines: CitationLines): string {
  const out = [`${lines.n}. <b>${escapeHtml(lines.title)}</b>`];
  if (lines.byline) out.push(escapeHtml(lines.byline));
  if (lines.url) {
    out.push(isLinkable(lines.url) ? `<a href="${escapeAttribute(lines.url)}">${escapeHtml(lines.url)}</a>` : escapeHtml(lines.url));
  }
  if (lines.quote) out.push(`<i>“${escapeHtml(lines.quote)}”</i>`);
  return out.join('\n');
}

/**
 * The numbered sources list of an answer, or null when it has none to show. With `shown`, only the
 * first `shown` sources are listed, then a line pointing to /sources for the rest.
 */
export function renderSourcesHtml(answer: Answer, heading = SOURCES_HEADING, shown = Infinity): string | null {
  const citations = answerCitationLines(answer);
  if (citations.length === 0) return null;
  const listed = citations.slice(0, shown).map(renderCitationHtml);
  const more = citations.length > listed.length ? [escapeHtml(moreSourcesLine(citations.length - listed.length))] : [];
  return [...(listed.length > 0 ? [`<b>${escapeHtml(heading)}</b>`] : []), ...listed, ...more].join('\n\n');
}

/**
 * A whole reply: the answer text, then its sources. `not_found` and `invalid` answers are shown
 * alone (their text is the explanation; a sources list would mislead).
 */
export function renderAnswerHtml(answer: Answer, shownSources = Infinity): string {
  const text = escapeHtml(shortenText(answer.answer.trim(), TELEGRAM_MESSAGE_LIMIT * MAX_REPLY_MESSAGES));
  const sources = renderSourcesHtml(answer, SOURCES_HEADING, shownSources);
  return sources === null ? text : `${text}\n\n${sources}`;
}

/**
 * A reply as the messages to send: at most {@link MAX_REPLY_MESSAGES}, each within Telegram's limit.
 * Sources that would need more messages are left to /sources, the last ones first.
 */
export function renderReplyParts(answer: Answer, maxMessages = MAX_REPLY_MESSAGES): string[] {
  for (let shown = answer.citations.length; shown > 0; shown--) {
    const parts = splitTelegramHtml(renderAnswerHtml(answer, shown), TELEGRAM_MESSAGE_LIMIT);
    if (parts.length <= maxMessages) return parts;
  }
  // Even the answer alone is too long (markup can make escaped text longer than the text): cut it.
  return splitTelegramHtml(renderAnswerHtml(answer, 0), TELEGRAM_MESSAGE_LIMIT).slice(0, maxMessages);
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
