import type { Answer } from '../../answer/types.js';
import type { Context, Transformer } from 'grammy';
import type { Log } from '../../log.js';
import type { TelegramConfig } from '../../config/telegram-config.js';
import type { ChatCore } from '../../conversation/chat-core.js';
import type { ReindexRunner } from '../../ingestion/reindex.js';
import { chatLanguage, type Language } from '../../conversation/language.js';
import type { RecentMap } from '../shared/recent-map.js';
import type { SlidingWindowLimiter } from '../shared/rate-limit.js';

/** What the Telegram handlers share: the chat core, /reindex, settings, per-chat memory and the logger. */
export interface TelegramBotDeps {
  chat: ChatCore;
  reindexer: ReindexRunner;
  config: TelegramConfig;
  lastAnswers: RecentMap<Answer>;
  /** Per-user question limit (TELEGRAM_RATE_LIMIT per TELEGRAM_RATE_WINDOW_SECONDS). */
  limiter: SlidingWindowLimiter;
  /** Which conversation a bot message belongs to, so a reply to it in a group continues that thread. */
  threads: RecentMap<string>;
  logger: Log;
  /** Sees every Bot API attempt (installed beneath auto-retry): how the connection status is fed. */
  watchApi?: Transformer;
}

/** grammY context carrying the question found in the message, once it has been recognised. */
export type BotContext = Context & { question?: string };

/** The updates the bot acts on: messages, and presses of the buttons under its answers. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/** Options every HTML reply uses: parse mode, and no link previews (sources would flood the chat). */
export const HTML_OPTIONS = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

/** Reply options that thread a message under the user's message, even if it was since deleted. */
export function replyTo(ctx: Context) {
  const messageId = ctx.msg?.message_id;
  return {
    ...HTML_OPTIONS,
    ...(messageId === undefined ? {} : { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } }),
  };
}

/** The language to speak to the sender in (their question's, or their Telegram app's). */
export function languageOf(ctx: Context, question: string | null = null): Language {
  return chatLanguage(question, ctx.from?.language_code);
}

/**
 * The conversation a message belongs to: a private chat is one conversation; in a group each
 * member has their own thread, and a reply to one of the bot's answers continues that answer's thread.
 */
export function conversationOf(ctx: Context, threads: RecentMap<string>): string {
  const chat = ctx.chat!;
  if (chat.type === 'private') return `telegram:${chat.id}`;
  const repliedTo = ctx.msg?.reply_to_message?.message_id;
  const continued = repliedTo === undefined ? undefined : threads.get(`${chat.id}:${repliedTo}`);
  return continued ?? `telegram:${chat.id}:${ctx.from?.id ?? 'anonymous'}`;
}
