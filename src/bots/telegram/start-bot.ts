import type { Answer } from '../../answer/types.js';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { Api, GrammyError } from 'grammy';
import type { Logger } from 'pino';
import type { QaService } from '../../answer/qa-service-types.js';
import { ConfigError } from '../../config/parse-env.js';
import type { TelegramConfig } from '../../config/telegram-config.js';
import { log } from '../../log.js';
import type { ChatCore } from '../../conversation/chat-core.js';
import { defaultChatCore } from '../shared/default-chat-core.js';
import { RecentMap } from '../shared/recent-map.js';
import { SlidingWindowLimiter } from '../shared/rate-limit.js';
import { ALLOWED_UPDATES } from './bot-deps.js';
import { createTelegramBot, PUBLIC_COMMANDS, PUBLIC_COMMANDS_EN } from './create-bot.js';
import { errorForLog } from './error-for-log.js';
import { serveWebhook } from './serve-webhook.js';

/** Options beyond the Telegram settings. */
export interface StartTelegramOptions {
  /** Log question text (LOG_QUESTIONS from the core config); off by default. */
  logQuestions?: boolean;
  logger?: Logger;
  /**
   * Conversations and feedback, shared with the other adapters; built by the app. When absent the
   * adapter builds its own from the environment (and closes it on stop).
   */
  chat?: ChatCore;
}

/** A running Telegram bot. */
export interface TelegramBotHandle {
  readonly mode: 'polling' | 'webhook';
  /** The bot's @username, as Telegram reported it. */
  readonly username: string;
  /** In webhook mode, the local port the webhook server listens on (useful when configured as 0). */
  readonly webhookPort: number | null;
  /** Stops receiving updates (and closes the webhook server); safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the Telegram adapter over `qa`: checks the token with getMe (so a bad token fails here,
 * with a clear message), registers the command menu, then receives updates by long polling, or
 * through a webhook server when TELEGRAM_WEBHOOK_URL is set. Chats are served concurrently, each
 * chat's messages in order.
 */
export async function startTelegramBot(qa: QaService, config: TelegramConfig, options: StartTelegramOptions = {}): Promise<TelegramBotHandle> {
  const logger = (options.logger ?? log).child({ adapter: 'telegram' });
  const secrets = [config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_WEBHOOK_SECRET];
  const ownChat = options.chat === undefined;
  const chat = options.chat ?? defaultChatCore(qa, options.logQuestions ?? false);
  const bot = createTelegramBot({
    chat,
    config,
    lastAnswers: new RecentMap<Answer>(),
    limiter: new SlidingWindowLimiter(config.TELEGRAM_RATE_LIMIT, config.TELEGRAM_RATE_WINDOW_SECONDS * 1000),
    threads: new RecentMap<string>(),
    logger,
  });
  const closeChat = () => {
    if (ownChat) chat.close();
  };
  try {
    // Checked without the retrying transformer, so a wrong token or address fails start-up at once
    // instead of after minutes of network back-off.
    bot.botInfo = await new Api(config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}).getMe();
  } catch (error) {
    closeChat();
    const reason = errorForLog(error, secrets).message;
    throw new ConfigError(
      error instanceof GrammyError
        ? `TELEGRAM_BOT_TOKEN was rejected by Telegram (${reason}); check the token from @BotFather.`
        : `Cannot reach the Telegram Bot API at ${config.TELEGRAM_API_ROOT ?? 'https://api.telegram.org'} (${reason}); check the network${config.TELEGRAM_API_ROOT ? ' and TELEGRAM_API_ROOT' : ''}.`,
    );
  }
  const username = bot.botInfo.username;
  const commandsFailed = (error: unknown) => logger.warn({ event: 'set_commands_failed', err: errorForLog(error, secrets) });
  await bot.api.setMyCommands(PUBLIC_COMMANDS).catch(commandsFailed);
  await bot.api.setMyCommands(PUBLIC_COMMANDS_EN, { language_code: 'en' }).catch(commandsFailed);

  if (config.TELEGRAM_WEBHOOK_URL) {
    const server = await serveWebhook(bot, { ...config, TELEGRAM_WEBHOOK_URL: config.TELEGRAM_WEBHOOK_URL }, logger).catch((error: unknown) => {
      closeChat();
      throw error;
    });
    logger.info({ event: 'started', mode: 'webhook', username, host: config.TELEGRAM_WEBHOOK_HOST, port: server.port });
    let stopped: Promise<void> | null = null;
    return {
      mode: 'webhook',
      username,
      webhookPort: server.port,
      stop: () => (stopped ??= server.close().then(() => (closeChat(), logger.info({ event: 'stopped', mode: 'webhook' })))),
    };
  }

  // A webhook left over from an earlier deployment would make getUpdates fail with 409.
  await bot.api.deleteWebhook();
  const runner: RunnerHandle = run(bot, { runner: { silent: true, fetch: { allowed_updates: ALLOWED_UPDATES } } });
  runner.task()?.catch((error: unknown) => logger.error({ event: 'polling_failed', err: errorForLog(error, secrets) }));
  logger.info({ event: 'started', mode: 'polling', username });
  let stopped: Promise<void> | null = null;
  return {
    mode: 'polling',
    username,
    webhookPort: null,
    stop: () =>
      (stopped ??= (async () => {
        if (runner.isRunning()) await runner.stop();
        closeChat();
        logger.info({ event: 'stopped', mode: 'polling' });
      })()),
  };
}
