import { createQaService, servingOptions } from '../answer/qa-service.js';
import { startDiscordBot } from '../bots/discord/bot.js';
import { startTelegramBot } from '../bots/telegram/index.js';
import { loadCoreConfig } from '../config/core-config.js';
import { loadDiscordConfig } from '../config/discord-config.js';
import { loadOperationsConfig } from '../config/operations-config.js';
import { loadTelegramConfig } from '../config/telegram-config.js';
import { ConnectionStatus } from '../health/connection-status.js';
import { openedFile, startHealthServer } from '../health/health-server.js';
import { loadConversationConfig } from '../config/conversation-config.js';
import { loadFeedsConfig } from '../config/feeds-config.js';
import { chatCoreFromConfig } from '../conversation/chat-core.js';
import { startBackgroundFeeds } from '../feeds/background.js';
import { Reindexer } from '../ingestion/reindex.js';
import { databasePath } from '../store/store.js';
import { log, type Log } from '../log.js';
import type { Lifecycle } from './lifecycle.js';

/** Which chat adapters to run. */
export interface BotSelection {
  telegram: boolean;
  discord: boolean;
}

/**
 * Runs the selected chat adapters over one shared question-answering core, plus the health
 * endpoint when HEALTH_PORT is set, and says on stdout what it started. Every configuration is
 * validated before the index is opened, so a typo fails in one line. What starts is registered
 * with the lifecycle, so a stop at any moment (even while Discord is still unreachable) stops it.
 */
export async function runBots(life: Lifecycle, which: BotSelection, options: { logger?: Log } = {}): Promise<void> {
  // The one root logger, passed down to everything started here.
  const logger = options.logger ?? log;
  const core = loadCoreConfig(process.env, { logger });
  const ops = loadOperationsConfig();
  const telegram = which.telegram ? loadTelegramConfig() : null;
  const discord = which.discord ? loadDiscordConfig() : null;
  const conversation = loadConversationConfig();
  const feedsConfig = loadFeedsConfig();

  const qa = await createQaService(core, { ...servingOptions(), signal: life.signal, logger });
  // Taken as the index is opened, so /healthz can tell when its folder is later moved or replaced.
  const indexFile = openedFile(databasePath(core.INDEX_DIR));
  life.onStop(async () => {
    await qa.close();
    console.log('Stopped.');
  });
  // One conversation memory and feedback store for every adapter.
  const chat = chatCoreFromConfig(qa, core, conversation, { logger });
  life.onStop(() => chat.close());
  // One /reindex for every adapter, so one started from Telegram refuses a second from Discord. It
  // writes the index only: `qa` follows each committed generation, so answers come from the new
  // index from the next question on. The lifecycle's signal kills a running child at the first stop.
  const reindexer = new Reindexer({ corpusDir: core.CORPUS_DIR, indexDir: qa.indexDir, signal: life.signal });
  life.onStop(() => reindexer.stop());
  // First, so that a FEEDS_FILE that does not exist stops the start before any bot connects.
  const feeds = startBackgroundFeeds(core.INDEX_DIR, feedsConfig, life.signal, { logger });
  if (feeds) life.onStop(() => feeds.stop());
  const connections = {
    telegram: telegram ? new ConnectionStatus('telegram', logger) : null,
    discord: discord ? new ConnectionStatus('discord', logger) : null,
  };
  // The health check starts first: while an adapter cannot connect, it says so (and, past the grace
  // period, fails), rather than not answering at all.
  const health =
    core.HEALTH_PORT === undefined
      ? null
      : await startHealthServer(qa, {
          port: core.HEALTH_PORT,
          host: ops.HEALTH_HOST,
          adapters: [connections.telegram, connections.discord].filter((c) => c !== null),
          adapterGraceMs: ops.HEALTH_ADAPTER_GRACE_SECONDS * 1000,
          indexFile,
          logger,
        });
  if (health) life.onStop(() => health.close());

  const started: string[] = [];
  if (telegram && connections.telegram) {
    const bot = await startTelegramBot(qa, telegram, {
      logQuestions: core.LOG_QUESTIONS,
      chat,
      reindexer,
      signal: life.signal,
      connection: connections.telegram,
      logger,
    });
    life.onStop(() => bot.stop());
    started.push(`Telegram (@${bot.username}, ${bot.mode})`);
  }
  if (discord && connections.discord) {
    const bot = await startDiscordBot(qa, discord, {
      logQuestions: core.LOG_QUESTIONS,
      chat,
      reindexer,
      signal: life.signal,
      connection: connections.discord,
      logger,
    });
    life.onStop(() => bot.stop());
    started.push('Discord');
  }
  if (life.signal.aborted) return;

  const stats = qa.stats();
  const healthText = health ? `; health check at http://${ops.HEALTH_HOST}:${health.port}/healthz` : '';
  const feedsText = feeds ? `; ${feeds.description}` : '';
  console.log(`Started ${started.join(' and ')} over ${stats.documents} documents${healthText}${feedsText}. Press Ctrl+C to stop.`);
  const adapters = (['telegram', 'discord'] as const).filter((name) => which[name]);
  logger.info({ event: 'started', adapters, documents: stats.documents, healthPort: health?.port ?? null });
}
