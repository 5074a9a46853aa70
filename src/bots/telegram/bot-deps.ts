import type { Context, Transformer } from 'grammy';
import type { Logger } from 'pino';
import type { QaService } from '../../answer/qa-service-types.js';
import type { TelegramConfig } from '../../config/telegram-config.js';
import type { LastAnswers } from '../shared/last-answers.js';

/** What the Telegram handlers share: the QA core, settings, per-chat memory and the logger. */
export interface TelegramBotDeps {
  qa: QaService;
  config: TelegramConfig;
  lastAnswers: LastAnswers;
  /** Whether question text may be logged (LOG_QUESTIONS); off by default for privacy. */
  logQuestions: boolean;
  logger: Logger;
  /** Sees every Bot API attempt (installed beneath auto-retry): how the connection status is fed. */
  watchApi?: Transformer;
}

/** grammY context carrying the question found in the message, once it has been recognised. */
export type BotContext = Context & { question?: string };

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
