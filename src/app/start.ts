import '../config/load-dotenv.js';
import { parseCommandLine } from '../cli/command-line.js';
import { discordConfigured } from '../config/discord-config.js';
import { ConfigError } from '../config/parse-env.js';
import { telegramConfigured } from '../config/telegram-config.js';
import { log } from '../log.js';
import { runService } from './lifecycle.js';
import { runBots } from './run-bots.js';

const USAGE =
  'Usage: npm start (or: tin-vung start). Runs every chat adapter whose token is set (TELEGRAM_BOT_TOKEN, DISCORD_TOKEN), ' +
  'serves /healthz when HEALTH_PORT is set; all settings come from the environment or .env (see .env.example).';

/** `npm start`: runs every chat adapter whose token is set (Telegram, Discord, or both). */
runService(
  async (life) => {
    parseCommandLine(USAGE, {}, { positionals: false });
    const which = { telegram: telegramConfigured(), discord: discordConfigured() };
    if (!which.telegram && !which.discord) {
      throw new ConfigError(
        'No bot token is set: set TELEGRAM_BOT_TOKEN and/or DISCORD_TOKEN (see .env.example), then run npm start again.',
      );
    }
    await runBots(life, which, { logger: log });
  },
  { logger: log },
);
