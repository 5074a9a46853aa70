import '../config/load-dotenv.js';
import { createQaService, servingOptions } from '../answer/qa-service.js';
import { reportFatal } from '../cli/report-fatal.js';
import { loadCoreConfig } from '../config/core-config.js';
import { discordConfigured, loadDiscordConfig } from '../config/discord-config.js';
import { loadOperationsConfig } from '../config/operations-config.js';
import { ConfigError } from '../config/parse-env.js';
import { loadTelegramConfig } from '../config/telegram-config.js';
import { openedFile, startHealthServer, type HealthServer } from '../health/health-server.js';
import { databasePath } from '../index/store.js';
import { log } from '../log.js';
import { startDiscordBot } from './discord/bot.js';
import { startTelegramBot } from './telegram/index.js';
import { loadFeedsConfig } from '../config/feeds-config.js';
import { startBackgroundFeeds, type BackgroundFeeds } from '../feeds/background.js';

/** A started adapter: how to name it to the admin, and how to stop it. */
interface RunningAdapter {
  name: string;
  description: string;
  stop(): Promise<void>;
}

/**
 * `npm start`: runs every chat adapter whose token is set (Telegram, Discord, or both) over one
 * shared question-answering core, plus the health endpoint when HEALTH_PORT is set, and says on
 * stdout what it started. SIGINT/SIGTERM stop everything cleanly; a second signal exits at once.
 */
async function main(): Promise<void> {
  // Every configuration is validated before the index is opened, so a typo fails in one line.
  const core = loadCoreConfig();
  const ops = loadOperationsConfig();
  const wantTelegram = Boolean(process.env.TELEGRAM_BOT_TOKEN?.trim());
  const wantDiscord = discordConfigured();
  if (!wantTelegram && !wantDiscord) {
    throw new ConfigError('No bot token is set: set TELEGRAM_BOT_TOKEN and/or DISCORD_TOKEN (see .env.example), then run npm start again.');
  }
  const telegram = wantTelegram ? loadTelegramConfig() : null;
  const discord = wantDiscord ? loadDiscordConfig() : null;
  const feedsConfig = loadFeedsConfig();

  const qa = await createQaService(core, servingOptions());
  // Taken as the index is opened, so /healthz can tell when its folder is later moved or replaced.
  const indexFile = openedFile(databasePath(core.INDEX_DIR));
  const running: RunningAdapter[] = [];
  let health: HealthServer | null = null;
  let feeds: BackgroundFeeds | null = null;
  let stopped: Promise<void> | null = null;
  const stopAll = () =>
    (stopped ??= (async () => {
      // Adapters first, so no new question arrives while the index closes.
      const results = await Promise.allSettled([...running.map((a) => a.stop()), health?.close(), feeds?.stop()]);
      for (const r of results) if (r.status === 'rejected') log.warn({ event: 'stop-failed', err: r.reason instanceof Error ? r.reason.message : String(r.reason) });
      await qa.close();
    })());
  // Handlers go in before anything starts: a signal arriving without one would kill the process outright.
  const signalled = onStopSignal(() => stopAll().then(() => console.log('Stopped.'), reportFatal));

  try {
    // First, so that a FEEDS_FILE that does not exist stops the start before any bot connects.
    if (!signalled()) feeds = startBackgroundFeeds(core.INDEX_DIR, feedsConfig);
    if (telegram && !signalled()) {
      const bot = await startTelegramBot(qa, telegram, { logQuestions: core.LOG_QUESTIONS });
      running.push({ name: 'telegram', description: `Telegram (@${bot.username}, ${bot.mode})`, stop: () => bot.stop() });
    }
    if (discord && !signalled()) {
      const bot = await startDiscordBot(qa, discord, { logQuestions: core.LOG_QUESTIONS });
      running.push({ name: 'discord', description: 'Discord', stop: () => bot.stop() });
    }
    if (core.HEALTH_PORT !== undefined && !signalled()) {
      health = await startHealthServer(qa, { port: core.HEALTH_PORT, host: ops.HEALTH_HOST, adapters: running.map((a) => a.name), indexFile });
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  if (signalled()) {
    // Asked to stop while starting: what did start is stopped by the signal handler.
    await stopAll();
    return;
  }

  const stats = qa.stats();
  const healthText = health ? `; health check at http://${ops.HEALTH_HOST}:${health.port}/healthz` : '';
  const feedsText = feeds ? `; ${feeds.description}` : '';
  console.log(`Started ${running.map((a) => a.description).join(' and ')} over ${stats.documents} documents${healthText}${feedsText}. Press Ctrl+C to stop.`);
  log.info({ event: 'started', adapters: running.map((a) => a.name), documents: stats.documents, healthPort: health?.port ?? null });
}

/**
 * Calls `stop` on the first SIGINT/SIGTERM; a second signal exits at once (the admin does not want
 * to wait). Returns whether a stop was asked for.
 */
function onStopSignal(stop: () => void): () => boolean {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    log.info({ event: 'shutdown', signal });
    stop();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => stopping;
}

main().catch(reportFatal);
