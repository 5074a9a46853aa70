import '../../config/load-dotenv.js';
import { createQaService, servingOptions } from '../../answer/qa-service.js';
import { reportFatal } from '../../cli/report-fatal.js';
import { loadCoreConfig } from '../../config/core-config.js';
import { loadTelegramConfig } from '../../config/telegram-config.js';
import { log } from '../../log.js';
import { startTelegramBot } from './start-bot.js';

/**
 * `npm run bot:telegram`: validates the configuration (before touching the index, so a typo fails
 * in one line), opens the QA core, and runs the Telegram bot until SIGINT or SIGTERM.
 */
async function main(): Promise<void> {
  const core = loadCoreConfig();
  const telegram = loadTelegramConfig();
  const qa = await createQaService(core, servingOptions());
  const bot = await startTelegramBot(qa, telegram, { logQuestions: core.LOG_QUESTIONS }).catch(async (error: unknown) => {
    await qa.close();
    throw error;
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal means the user does not want to wait for a clean stop.
    if (stopping) process.exit(130);
    stopping = true;
    log.info({ event: 'shutdown', signal });
    bot
      .stop()
      .then(() => qa.close())
      .catch(reportFatal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(reportFatal);
