import { autoRetry } from '@grammyjs/auto-retry';
import { limit } from '@grammyjs/ratelimiter';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type Middleware } from 'grammy';
import { APOLOGY, ASK_USAGE, LAST_ANSWER_HAS_NO_SOURCES, NO_SOURCES_YET, rateLimitedMessage } from '../shared/bot-messages.js';
import { createReindexHandler, handleStats } from './admin-commands.js';
import { answerQuestion } from './answer-question.js';
import { replyTo, type BotContext, type TelegramBotDeps } from './bot-deps.js';
import { errorForLog } from './error-for-log.js';
import { extractQuestion } from './extract-question.js';
import { helpHtml } from './help-text.js';
import { escapeHtml } from './html.js';
import { renderSourcesHtml } from './render-answer.js';
import { splitTelegramHtml } from './split-html.js';

/** Commands shown in Telegram's menu (admin commands stay unlisted). */
export const PUBLIC_COMMANDS = [
  { command: 'ask', description: 'Đặt câu hỏi về các bản tin' },
  { command: 'sources', description: 'Nguồn đầy đủ của câu trả lời gần nhất' },
  { command: 'help', description: 'Hướng dẫn sử dụng' },
] as const;

const NOT_ALLOWED = 'Xin lỗi, bot này chỉ phục vụ một số cuộc trò chuyện nhất định.';
const UNKNOWN_COMMAND = 'Tôi không biết lệnh này. Gõ /help để xem hướng dẫn.';

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

  bot.catch((error) => logger.error({ event: 'update_failed', err: errorForLog(error.error, secrets) }));
  bot.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      logger.error({ event: 'handler_failed', chat: ctx.chat?.type, err: errorForLog(error, secrets) });
      if (ctx.chat) await ctx.reply(escapeHtml(APOLOGY), replyTo(ctx)).catch(() => {});
    }
  });
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.use(allowedChatsOnly(deps));

  const rateLimit = limit<BotContext, never>({
    timeFrame: config.TELEGRAM_RATE_WINDOW_SECONDS * 1000,
    limit: config.TELEGRAM_RATE_LIMIT,
    keyGenerator: (ctx) => ctx.from?.id.toString(),
    // Told once per window; further excess is dropped so a flood cannot make the bot flood back.
    onLimitExceeded: (ctx) => {
      logger.info({ event: 'rate_limited', chat: ctx.chat?.type });
      void ctx
        .reply(escapeHtml(rateLimitedMessage(config.TELEGRAM_RATE_LIMIT, config.TELEGRAM_RATE_WINDOW_SECONDS)), replyTo(ctx))
        .catch(() => {});
    },
  });

  bot.command(['start', 'help'], (ctx) => ctx.reply(helpHtml(deps.qa.stats(), ctx.me.username), replyTo(ctx)));
  bot.command('sources', async (ctx) => {
    const last = deps.lastAnswers.get(String(ctx.chat.id));
    const html = last === undefined ? escapeHtml(NO_SOURCES_YET) : (renderSourcesHtml(last, 'Nguồn của câu trả lời gần nhất:') ?? escapeHtml(LAST_ANSWER_HAS_NO_SOURCES));
    for (const part of splitTelegramHtml(html)) await ctx.reply(part, replyTo(ctx));
  });
  bot.command('stats', (ctx) => handleStats(ctx, deps));
  bot.command('reindex', createReindexHandler(deps));
  bot.command(
    'ask',
    async (ctx, next) => {
      const question = ctx.match.trim();
      if (question === '') return void (await ctx.reply(escapeHtml(ASK_USAGE), replyTo(ctx)));
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
      if (ctx.chat.type === 'private' && ctx.msg.text.startsWith('/')) await ctx.reply(escapeHtml(UNKNOWN_COMMAND), replyTo(ctx));
    },
    rateLimit,
    (ctx) => answerQuestion(ctx, ctx.question!, deps),
  );
  return bot;
}

/** Drops updates from chats not in TELEGRAM_ALLOWED_CHATS (when set); private chats are told why. */
function allowedChatsOnly(deps: TelegramBotDeps): Middleware<BotContext> {
  const allowed = new Set(deps.config.TELEGRAM_ALLOWED_CHATS);
  return async (ctx, next) => {
    if (allowed.size === 0 || (ctx.chat && allowed.has(String(ctx.chat.id)))) return next();
    deps.logger.info({ event: 'chat_not_allowed', chat: ctx.chat?.type });
    if (ctx.chat?.type === 'private' && ctx.msg?.text !== undefined) await ctx.reply(escapeHtml(NOT_ALLOWED), replyTo(ctx));
  };
}
