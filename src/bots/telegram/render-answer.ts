import { InlineKeyboard } from 'grammy';
import type { Answer } from '../../answer/types.js';
import { shortenText } from '../../answer/bound-answer.js';
import type { StoredAnswer } from '../../conversation/feedback-store.js';
import { buttonData } from '../shared/answer-buttons.js';
import { messages, type Language } from '../shared/bot-messages.js';
import type { AnswerPresenter, AnswerView } from '../shared/chat-driver.js';
import { answerCitationLines, fullSourceLines, type CitationLines } from '../shared/citation-lines.js';
import { MAX_REPLY_MESSAGES } from '../shared/split-message.js';
import { escapeAttribute, escapeHtml, isLinkable } from './html.js';
import { splitTelegramHtml, TELEGRAM_MESSAGE_LIMIT } from './split-html.js';

/** A message as the Telegram surface sends it: HTML, and the buttons under it (on the last part of an answer). */
export interface TelegramPayload {
  html: string;
  keyboard?: InlineKeyboard;
}

/**
/**
 * One numbered source in Telegram HTML: bold title (a link to the article when it has a web
 * address), source and date, and the quote in italics; pieces the answer already shows are left
 * out. Every piece of corpus text is escaped; an address that cannot be a link is shown as text.
 */
export function renderCitationHtml(lines: CitationLines): string {
  const linkable = lines.url !== null && isLinkable(lines.url);
  const title =
    lines.title === null
      ? null
      : linkable
        ? `<a href="${escapeAttribute(lines.url!)}">${escapeHtml(lines.title)}</a>`
        : escapeHtml(lines.title);
  const head = [title === null ? null : `<b>${title}</b>`, lines.byline === null ? null : escapeHtml(lines.byline)].filter(
    (p) => p !== null,
  );
  const out = [lines.title === null ? `${lines.n}. ${head.join(' · ')}` : `${lines.n}. ${head.join('\n')}`];
  // Without a title to carry it, a link stands on its own line; an address that cannot be a link is shown as text.
  if (lines.url && (lines.title === null || !linkable)) {
    out.push(linkable ? `<a href="${escapeAttribute(lines.url)}">${escapeHtml(lines.url)}</a>` : escapeHtml(lines.url));
  }
  if (lines.quote) out.push(`<i>“${escapeHtml(lines.quote)}”</i>`);
  return out.join('\n');
}

/**
 * A numbered sources list, or null when there is none. With `shown`, only the first `shown` sources
 * are listed, then a line pointing to /sources for the rest.
 */
function sourcesList(heading: string, citations: CitationLines[], language: Language = 'vi', shown = Infinity): string | null {
  if (citations.length === 0) return null;
  const listed = citations.slice(0, shown).map(renderCitationHtml);
  const more = citations.length > listed.length ? [escapeHtml(messages(language).moreSources(citations.length - listed.length))] : [];
  return [...(listed.length > 0 ? [`<b>${escapeHtml(heading)}</b>`] : []), ...listed, ...more].join('\n\n');
}

/** The numbered sources list under an answer (the first `shown`), or null when it has none to show. */
export function renderSourcesHtml(
  answer: Answer,
  heading = messages('vi').sourcesHeading,
  shown = Infinity,
  language: Language = 'vi',
): string | null {
  return sourcesList(heading, answerCitationLines(answer), language, shown);
}

/** The full cited passages of a stored answer (the "📄 Nguồn" button). */
export function renderFullSourcesHtml(answer: Pick<StoredAnswer, 'citations' | 'passages'>, heading: string): string | null {
  return sourcesList(heading, fullSourceLines(answer));
}

/**
 * A whole reply: how a follow-up was understood (one short line), the answer text, then its
 * sources. `not_found` and `invalid` answers are shown alone (a sources list would mislead).
 */
export function renderAnswerHtml(view: Pick<AnswerView, 'answer' | 'understoodAs' | 'language'>, shownSources = Infinity): string {
  const text = escapeHtml(shortenText(view.answer.answer.trim(), TELEGRAM_MESSAGE_LIMIT * MAX_REPLY_MESSAGES));
  const understood = view.understoodAs === null ? '' : `<i>${escapeHtml(messages(view.language).understoodAs(view.understoodAs))}</i>\n`;
  const sources = renderSourcesHtml(view.answer, messages(view.language).sourcesHeading, shownSources, view.language);
  return `${understood}${text}${sources === null ? '' : `\n\n${sources}`}`;
}

/** "📄 Nguồn", 👍 and 👎 under an answer. */
export function answerKeyboard(view: AnswerView): InlineKeyboard | undefined {
  if (view.answerId === null) return undefined;
  const labels = messages(view.language).buttons;
  return new InlineKeyboard()
    .text(labels.sources, buttonData('sources', view.answerId))
    .text(labels.up, buttonData('up', view.answerId))
    .text(labels.down, buttonData('down', view.answerId));
}

/**
 * A reply as the messages to send: at most {@link MAX_REPLY_MESSAGES}, each within Telegram's limit.
 * Sources that would need more messages are left to /sources, the last ones first.
 */
export function renderReplyParts(
  view: Pick<AnswerView, 'answer' | 'understoodAs' | 'language'>,
  maxMessages = MAX_REPLY_MESSAGES,
): string[] {
  for (let shown = view.answer.citations.length; shown > 0; shown--) {
    const parts = splitTelegramHtml(renderAnswerHtml(view, shown), TELEGRAM_MESSAGE_LIMIT);
    if (parts.length <= maxMessages) return parts;
  }
  // Even the answer alone is too long (markup can make escaped text longer than the text): cut it.
  return splitTelegramHtml(renderAnswerHtml(view, 0), TELEGRAM_MESSAGE_LIMIT).slice(0, maxMessages);
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

/** How Telegram draws answers for the chat driver: HTML in at most 3 messages of 4,096 characters, buttons under the last. */
export const telegramPresenter: AnswerPresenter<TelegramPayload> = {
  preview: (text) => ({ html: renderPartialHtml(text, TELEGRAM_MESSAGE_LIMIT) }),
  answer: (view) => {
    const parts: TelegramPayload[] = renderReplyParts(view).map((html) => ({ html }));
    const keyboard = answerKeyboard(view);
    if (keyboard) parts[parts.length - 1]!.keyboard = keyboard;
    return parts;
  },
  notice: (text) => ({ html: escapeHtml(text) }),
};
