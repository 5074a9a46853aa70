import type { Answer } from '../../answer/types.js';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { Api, GrammyError, type Transformer } from 'grammy';
import type { QaService } from '../../answer/qa-service-types.js';
import { ConfigError } from '../../config/parse-env.js';
import type { TelegramConfig } from '../../config/telegram-config.js';
import type { ConnectionStatus } from '../../health/connection-status.js';
import { errorForLog, log, type Log } from '../../log.js';
import type { ChatCore } from '../../conversation/chat-core.js';
import type { ReindexRunner } from '../../ingestion/reindex.js';
import { defaultChatCore, defaultReindexer } from '../shared/default-chat-core.js';
import { RecentMap } from '../shared/recent-map.js';
import { SlidingWindowLimiter } from '../shared/rate-limit.js';
import { ALLOWED_UPDATES } from './bot-deps.js';
import { createTelegramBot, PUBLIC_COMMANDS, PUBLIC_COMMANDS_EN } from './create-bot.js';
import { serveWebhook } from './serve-webhook.js';

/** grammY types its signals with its own AbortSignal shim; Node's is the same at run time. */
type GrammySignal = Parameters<Api['getMe']>[0];

/** Options beyond the Telegram settings. */
export interface StartTelegramOptions {
  /** Log question text (LOG_QUESTIONS from the core config); off by default. */
  logQuestions?: boolean;
  logger?: Log;
  /**
   * Conversations and feedback, shared with the other adapters; built by the app. When absent the
   * adapter builds its own from the environment (and closes it on stop).
   */
  chat?: ChatCore;
  /**
   * What /reindex runs, shared with the other adapters; built by the app. When absent the adapter
   * builds its own over `qa`'s index and CORPUS_DIR (and stops it on stop).
   */
  reindexer?: ReindexRunner;
  /** Aborted when the program stops: start-up gives up at once (with the signal's AbortError). */
  signal?: AbortSignal;
  /** Fed with the state of the link to the Bot API, for /healthz. */
  connection?: ConnectionStatus;
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
export async function startTelegramBot(
  qa: QaService,
  config: TelegramConfig,
  options: StartTelegramOptions = {},
): Promise<TelegramBotHandle> {
  const logger = (options.logger ?? log).child({ adapter: 'telegram' });
  const secrets = [config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_WEBHOOK_SECRET];
  const { signal, connection } = options;
  const ownChat = options.chat === undefined;
  const chat = options.chat ?? defaultChatCore(qa, options.logQuestions ?? false);
  const ownReindexer = options.reindexer === undefined;
  const reindexer = options.reindexer ?? defaultReindexer(qa);
  const bot = createTelegramBot({
    chat,
    reindexer,
    config,
    lastAnswers: new RecentMap<Answer>(),
    limiter: new SlidingWindowLimiter(config.TELEGRAM_RATE_LIMIT, config.TELEGRAM_RATE_WINDOW_SECONDS * 1000),
    threads: new RecentMap<string>(),
    logger,
    ...(connection ? { watchApi: watchConnection(connection, secrets) } : {}),
  });
  /** Closes what the adapter built for itself; the app closes what it passed. */
  const closeOwn = async () => {
    if (ownChat) chat.close();
    if (ownReindexer) await reindexer.stop();
  };
  try {
    // Checked without the retrying transformer, so a wrong token or address fails start-up at once
    // instead of after minutes of network back-off.
    bot.botInfo = await new Api(config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}).getMe(
      signal as GrammySignal,
    );
    connection?.ok();
  } catch (error) {
    await closeOwn();
    signal?.throwIfAborted();
    const reason = errorForLog(error, secrets).message;
    throw new ConfigError(
      error instanceof GrammyError
        ? `TELEGRAM_BOT_TOKEN was rejected by Telegram (${reason}); check the token from @BotFather.`
        : `Cannot reach the Telegram Bot API at ${config.TELEGRAM_API_ROOT ?? 'https://api.telegram.org'} ` +
            `(${reason}); check the network${config.TELEGRAM_API_ROOT ? ' and TELEGRAM_API_ROOT' : ''}.`,
    );
  }
  const username = bot.botInfo.username;
  const commandsFailed = (error: unknown) => logger.warn({ event: 'set-commands-failed', err: errorForLog(error, secrets) });
  await bot.api.setMyCommands(PUBLIC_COMMANDS).catch(commandsFailed);
  await bot.api.setMyCommands(PUBLIC_COMMANDS_EN, { language_code: 'en' }).catch(commandsFailed);

  if (config.TELEGRAM_WEBHOOK_URL) {
    const server = await serveWebhook(bot, { ...config, TELEGRAM_WEBHOOK_URL: config.TELEGRAM_WEBHOOK_URL }, logger).catch(
      async (error: unknown) => {
        await closeOwn();
        throw error;
      },
    );
    logger.info({ event: 'started', mode: 'webhook', username, host: config.TELEGRAM_WEBHOOK_HOST, port: server.port });
    let stopped: Promise<void> | null = null;
    return {
      mode: 'webhook',
      username,
      webhookPort: server.port,
      stop: () =>
        (stopped ??= server
          .close()
          .then(closeOwn)
          .then(() => logger.info({ event: 'stopped', mode: 'webhook' }))),
    };
  }

  // A webhook left over from an earlier deployment would make getUpdates fail with 409.
  await bot.api.deleteWebhook(undefined, signal as GrammySignal);
  signal?.throwIfAborted();
  // Failed polls are logged by the connection status (once per outage), not by the runner (once per
  // retry); a steady 3 s between retries keeps both reconnection and a stop prompt (the runner's
  // wait cannot be interrupted, and its default doubles without limit).
  const runner: RunnerHandle = run(bot, { runner: { silent: true, retryInterval: 3_000, fetch: { allowed_updates: ALLOWED_UPDATES } } });
  runner.task()?.catch((error: unknown) => {
    const err = errorForLog(error, secrets);
    connection?.down(`polling stopped: ${err.message}`);
    logger.error({ event: 'polling-failed', err });
  });
  logger.info({ event: 'started', mode: 'polling', username });
  let stopped: Promise<void> | null = null;
  return {
    mode: 'polling',
    username,
    webhookPort: null,
    stop: () =>
      (stopped ??= (async () => {
        if (runner.isRunning()) await runner.stop();
        await closeOwn();
        logger.info({ event: 'stopped', mode: 'polling' });
      })()),
  };
}

/**
 * A grammY API transformer that feeds `connection`: an answer from the Bot API (even an error
 * such as 400) means it is reachable; a network failure or a 5xx means it is not. Installed
 * beneath the auto-retry plugin, so every attempt counts, not only the last of a retried call;
 * in polling mode, getUpdates is the heartbeat.
 */
function watchConnection(connection: ConnectionStatus, secrets: Array<string | undefined>): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (result.ok || result.error_code < 500) connection.ok();
      else connection.reconnecting(`${method}: ${result.error_code} ${result.description}`);
      return result;
    } catch (error) {
      if (!signal?.aborted) connection.reconnecting(`${method}: ${errorForLog(error, secrets).message}`);
      throw error;
    }
  };
}
