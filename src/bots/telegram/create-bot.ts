import { errorForLog } from '../../log.js';
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type Middleware } from 'grammy';
import { parseButtonData, pressButton } from '../shared/answer-buttons.js';
import { messages } from '../shared/bot-messages.js';
import { createReindexHandler, handleStats } from './admin-commands.js';
import { answerQuestion } from './answer-question.js';
import { conversationOf, HTML_OPTIONS, languageOf, replyTo, type BotContext, type TelegramBotDeps } from './bot-deps.js';
import { extractQuestion } from './extract-question.js';
import { helpHtml } from './help-text.js';
import { escapeHtml } from './html.js';
import { renderFullSourcesHtml } from './render-answer.js';
import { splitTelegramHtml } from './split-html.js';

/** Commands shown in Telegram's menu (admin commands stay unlisted), in Vietnamese and for English apps. */
export const PUBLIC_COMMANDS = [
  { command: 'ask', description: 'Đặt câu hỏi về các bản tin' },
  { command: 'new', description: 'Bắt đầu cuộc trò chuyện mới' },
  { command: 'sources', description: 'Nguồn đầy đủ của câu trả lời gần nhất' },
  { command: 'help', description: 'Hướng dẫn sử dụng' },
] as const;
export const PUBLIC_COMMANDS_EN = [
  { command: 'ask', description: 'Ask a question about the briefings' },
  { command: 'new', description: 'Start a new conversation' },
  { command: 'sources', description: 'Full sources of the last answer' },
  { command: 'help', description: 'How to use the bot' },
] as const;

/**
 * Builds the grammY bot with every behaviour wired in, without starting it (see startTelegramBot).
 * Order matters: errors are caught outermost; updates of one chat are handled one at a time, in
 * order; disallowed chats stop early; the rate limit counts only messages that are questions.
 */
export function createTelegramBot(deps: TelegramBotDeps): Bot<BotContext> {
  const { config, logger } = deps;
  const secrets = [config.TELEGRAM_BOT_TOKEN];
  const bot = new Bot<BotContext>(config.TELEGRAM_BOT_TOKEN, {
    client: config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {},
  });
  if (deps.watchApi) bot.api.config.use(deps.watchApi);
  // Telegram answers 429 with retry_after: wait and resend rather than drop the reply.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));

  bot.catch((error) => logger.error({ event: 'update-failed', err: errorForLog(error.error, secrets) }));
  bot.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      logger.error({ event: 'handler-failed', chat: ctx.chat?.type, err: errorForLog(error, secrets) });
      if (ctx.chat) await ctx.reply(escapeHtml(messages(languageOf(ctx)).apology), replyTo(ctx)).catch(() => {});
    }
  });
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.use(allowedChatsOnly(deps));

  // Told once per window; further excess is dropped so a flood cannot make the bot flood back.
  // Once the window has passed, the user is answered again.
  const rateLimit: Middleware<BotContext> = async (ctx, next) => {
    const decision = deps.limiter.take(String(ctx.from?.id ?? ctx.chat?.id));
    if (decision.allowed) return next();
    logger.info({ event: 'rate-limited', chat: ctx.chat?.type, told: decision.firstRefusal });
    if (!decision.firstRefusal) return;
    const text = messages(languageOf(ctx, ctx.question ?? null)).rateLimited(
      config.TELEGRAM_RATE_LIMIT,
      config.TELEGRAM_RATE_WINDOW_SECONDS,
      Math.ceil(decision.retryAfterMs / 1000),
    );
    await ctx.reply(escapeHtml(text), replyTo(ctx));
  };

  bot.command(['start', 'help'], (ctx) => ctx.reply(helpHtml(deps.chat.qa.stats(), ctx.me.username, languageOf(ctx)), replyTo(ctx)));
  bot.command('new', async (ctx) => {
    deps.chat.conversations.forget(conversationOf(ctx, deps.threads));
    await ctx.reply(escapeHtml(messages(languageOf(ctx)).newConversation), replyTo(ctx));
  });
  bot.command('sources', async (ctx) => {
    const t = messages(languageOf(ctx));
    const last = deps.lastAnswers.get(String(ctx.chat.id));
    const sources = last?.status === 'answered' ? renderFullSourcesHtml(last, t.sourcesOfLast) : null;
    const html = last === undefined ? escapeHtml(t.noSourcesYet) : (sources ?? escapeHtml(t.lastAnswerHasNoSources));
    for (const part of splitTelegramHtml(html)) await ctx.reply(part, replyTo(ctx));
  });
  bot.command('stats', (ctx) => handleStats(ctx, deps));
  bot.command('reindex', createReindexHandler(deps));
  bot.command(
    'ask',
    async (ctx, next) => {
      const question = ctx.match.trim();
      if (question === '') return void (await ctx.reply(escapeHtml(messages(languageOf(ctx)).askUsage), replyTo(ctx)));
      ctx.question = question;
      await next();
    },
    rateLimit,
    (ctx) => answerQuestion(ctx, ctx.question!, deps),
  );
  bot.on(
    'message:text',
    async (ctx, next) => {
      const question = extractQuestion(ctx.msg, ctx.me);
      if (question !== null) {
        ctx.question = question;
        return next();
      }
      // Unknown commands get a hint in private chats; in groups they may be meant for another bot.
      if (ctx.chat.type === 'private' && ctx.msg.text.startsWith('/'))
        await ctx.reply(escapeHtml(messages(languageOf(ctx)).unknownCommand), replyTo(ctx));
    },
    rateLimit,
    (ctx) => answerQuestion(ctx, ctx.question!, deps),
  );
  bot.on('callback_query:data', (ctx) => answerButton(ctx, deps));
  return bot;
}

/**
 * A button under an answer: 👍/👎 record a vote (acknowledged in a small toast); "📄 Nguồn" shows
 * the full cited passages, under the answer in a private chat, privately to the presser in a
 * group. An answer no longer kept is explained politely.
 */
async function answerButton(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  const press = parseButtonData(ctx.callbackQuery?.data ?? '');
  if (press === null) return void (await ctx.answerCallbackQuery());
  const t = messages(languageOf(ctx));
  const outcome = pressButton(deps.chat, press, `telegram:${ctx.from?.id}`);
  deps.logger.info({ event: 'button', action: press.action, outcome: outcome.kind, chat: ctx.chat?.type });
  if (outcome.kind === 'expired') return void (await ctx.answerCallbackQuery({ text: t.answerExpired, show_alert: true }));
  if (outcome.kind === 'voted') return void (await ctx.answerCallbackQuery({ text: t.thanks }));
  const parts = splitTelegramHtml(renderFullSourcesHtml(outcome.answer, t.sourcesHeading) ?? escapeHtml(t.lastAnswerHasNoSources));
  const message = ctx.callbackQuery?.message;
  if (ctx.chat?.type === 'private' || !ctx.from) {
    const under = message ? { reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true } } : {};
    for (const part of parts) await ctx.reply(part, { ...HTML_OPTIONS, ...under });
    return void (await ctx.answerCallbackQuery());
  }
  try {
    for (const part of parts) await ctx.api.sendMessage(ctx.from.id, part, HTML_OPTIONS);
    await ctx.answerCallbackQuery({ text: t.sourcesSentPrivately });
  } catch (error) {
    // A member who never opened a private chat with the bot cannot be written to first.
    deps.logger.info({ event: 'sources-not-sent-privately', err: errorForLog(error, [deps.config.TELEGRAM_BOT_TOKEN]).message });
    await ctx.answerCallbackQuery({ text: t.startPrivateChatFirst, show_alert: true });
  }
}

/** Drops updates from chats not in TELEGRAM_ALLOWED_CHATS (when set); private chats are told why. */
function allowedChatsOnly(deps: TelegramBotDeps): Middleware<BotContext> {
  const allowed = new Set(deps.config.TELEGRAM_ALLOWED_CHATS);
  return async (ctx, next) => {
    if (allowed.size === 0 || (ctx.chat && allowed.has(String(ctx.chat.id)))) return next();
    deps.logger.info({ event: 'chat-not-allowed', chat: ctx.chat?.type });
    if (ctx.chat?.type === 'private' && ctx.msg?.text !== undefined)
      await ctx.reply(escapeHtml(messages(languageOf(ctx)).notAllowedChat), replyTo(ctx));
  };
}
