import { driveAnswer, type ReplySurface } from '../shared/chat-driver.js';
import { conversationOf, HTML_OPTIONS, languageOf, replyTo, type BotContext, type TelegramBotDeps } from './bot-deps.js';
import { telegramPresenter, type TelegramPayload } from './render-answer.js';
import { showTyping } from './typing-indicator.js';

/**
 * Answers one question in the chat it came from, through the shared chat driver: "typing…" while
 * working, a reply threaded under the question, sent early and edited as an LLM streams, then
 * replaced by the checked final answer with its buttons. Never throws (the driver apologises).
 */
export async function answerQuestion(ctx: BotContext, question: string, deps: TelegramBotDeps): Promise<void> {
  const chat = ctx.chat!;
  const conversation = conversationOf(ctx, deps.threads);
  // Set by the surface's callbacks; the cast keeps TypeScript from narrowing it to `null` for good.
  let messageId = null as number | null;
  const surface: ReplySurface<TelegramPayload> = {
    show: async ({ html, keyboard }) => {
      const markup = keyboard ? { reply_markup: keyboard } : {};
      if (messageId === null) messageId = (await ctx.reply(html, { ...replyTo(ctx), ...markup })).message_id;
      else await ctx.api.editMessageText(chat.id, messageId, html, { ...HTML_OPTIONS, ...markup });
    },
    append: async ({ html, keyboard }) => {
      const sent = await ctx.reply(html, { ...HTML_OPTIONS, ...(keyboard ? { reply_markup: keyboard } : {}) });
      deps.threads.remember(`${chat.id}:${sent.message_id}`, conversation);
    },
  };
  const stopTyping = showTyping(ctx);
  try {
    const view = await driveAnswer(deps.chat, { conversation, question, language: languageOf(ctx, question) }, surface, telegramPresenter, {
      editIntervalMs: deps.config.TELEGRAM_EDIT_INTERVAL_MS,
      logger: deps.logger,
      logFields: { chat: chat.type },
      secrets: [deps.config.TELEGRAM_BOT_TOKEN],
    });
    if (messageId !== null) deps.threads.remember(`${chat.id}:${messageId}`, conversation);
    if (view) deps.lastAnswers.remember(String(chat.id), view.answer);
  } finally {
    stopTyping();
  }
}
