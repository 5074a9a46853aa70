import '../../config/load-dotenv.js';
import { createQaService, servingOptions } from '../../answer/qa-service.js';
import type { QaService } from '../../answer/qa-service-types.js';
import { loadCoreConfig } from '../../config/core-config.js';
import { loadDiscordConfig } from '../../config/discord-config.js';
import { reportFatal } from '../../cli/report-fatal.js';
import { log } from '../../log.js';
import { startDiscordBot } from './bot.js';

/** `npm run bot:discord`: validates all settings, opens the index, connects, and runs until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  // Both configurations are checked before anything is opened, so a typo stops start-up with one line.
  const core = loadCoreConfig();
  const discord = loadDiscordConfig();
  const qa: QaService = await createQaService(core, servingOptions());
  let bot;
  try {
    bot = await startDiscordBot(qa, discord, { logQuestions: core.LOG_QUESTIONS });
  } catch (error) {
    await qa.close();
    throw error;
  }
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await bot.stop();
    await qa.close();
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch(reportFatal);
