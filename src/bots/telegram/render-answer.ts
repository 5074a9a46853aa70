import { InlineKeyboard } from 'grammy';
import type { Answer } from '../../answer/types.js';
import type { StoredAnswer } from '../../conversation/feedback-store.js';
import { buttonData } from '../shared/answer-buttons.js';
import { messages } from '../shared/bot-messages.js';
import type { AnswerPresenter, AnswerView } from '../shared/chat-driver.js';
import { answerCitationLines, fullSourceLines, type CitationLines } from '../shared/citation-lines.js';
import { escapeAttribute, escapeHtml, isLinkable } from './html.js';
import { splitTelegramHtml, TELEGRAM_MESSAGE_LIMIT } from './split-html.js';

/** A message as the Telegram surface sends it: HTML, and the buttons under it (on the last part of an answer). */
export interface TelegramPayload {
  html: string;
  keyboard?: InlineKeyboard;
}

/**
 * One numbered source in Telegram HTML: bold title, source and date, the link when there is one,
 * and the quote in italics; pieces the answer already shows are left out. Every piece of corpus
 * text is escaped.
 */
export function renderCitationHtml(lines: CitationLines): string {
  const head = [lines.title === null ? null : `<b>${escapeHtml(lines.title)}</b>`, lines.byline === null ? null : escapeHtml(lines.byline)].filter((p) => p !== null);
  const out = [lines.title === null ? `${lines.n}. ${head.join(' · ')}` : `${lines.n}. ${head.join('\n')}`];
  if (lines.url) {
    out.push(isLinkable(lines.url) ? `<a href="${escapeAttribute(lines.url)}">${escapeHtml(lines.url)}</a>` : escapeHtml(lines.url));
  }
  if (lines.quote) out.push(`<i>“${escapeHtml(lines.quote)}”</i>`);
  return out.join('\n');
}

function sourcesList(heading: string, citations: CitationLines[]): string | null {
  if (citations.length === 0) return null;
  return [`<b>${escapeHtml(heading)}</b>`, ...citations.map(renderCitationHtml)].join('\n\n');
}

/** The numbered sources list under an answer, or null when it has none to show. */
export function renderSourcesHtml(answer: Answer, heading = messages('vi').sourcesHeading): string | null {
  return sourcesList(heading, answerCitationLines(answer));
}

/** The full cited passages of a stored answer (the "📄 Nguồn" button). */
export function renderFullSourcesHtml(answer: Pick<StoredAnswer, 'citations' | 'passages'>, heading: string): string | null {
  return sourcesList(heading, fullSourceLines(answer));
}

/**
 * A whole reply: how a follow-up was understood (one short line), the answer text, then its
 * sources. `not_found` and `invalid` answers are shown alone (a sources list would mislead).
 */
export function renderAnswerHtml(view: Pick<AnswerView, 'answer' | 'understoodAs' | 'language'>): string {
  const text = escapeHtml(view.answer.answer.trim());
  const understood = view.understoodAs === null ? '' : `<i>${escapeHtml(messages(view.language).understoodAs(view.understoodAs))}</i>\n`;
  const sources = renderSourcesHtml(view.answer, messages(view.language).sourcesHeading);
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
 * A partial, still-streaming answer: the text so far (cut to fit one message, never inside an
 * entity) and an ellipsis showing more is coming.
 */
export function renderPartialHtml(text: string, limit: number): string {
  let shown = escapeHtml(text.trim());
  if (shown.length > limit - 2) shown = shown.slice(0, limit - 2).replace(/&[#\w]*$/, '');
  return `${shown} …`;
}

/** How Telegram draws answers for the chat driver: HTML split at 4,096 characters, buttons under the last part. */
export const telegramPresenter: AnswerPresenter<TelegramPayload> = {
  preview: (text) => ({ html: renderPartialHtml(text, TELEGRAM_MESSAGE_LIMIT) }),
  answer: (view) => {
    const parts: TelegramPayload[] = splitTelegramHtml(renderAnswerHtml(view), TELEGRAM_MESSAGE_LIMIT).map((html) => ({ html }));
    const keyboard = answerKeyboard(view);
    if (keyboard) parts[parts.length - 1]!.keyboard = keyboard;
    return parts;
  },
  notice: (text) => ({ html: escapeHtml(text) }),
};
