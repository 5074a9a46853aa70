import '../config/load-dotenv.js';
import { parseCommandLine } from '../cli/command-line.js';
import { log } from '../log.js';
import { runService } from './lifecycle.js';
import { runBots } from './run-bots.js';

const USAGE =
  'Usage: npm run bot:telegram (or: tin-vung bot:telegram). Runs the Telegram bot alone; needs TELEGRAM_BOT_TOKEN (see .env.example).';

/** `npm run bot:telegram`: the Telegram bot alone. */
runService(
  async (life) => {
    parseCommandLine(USAGE, {}, { positionals: false });
    await runBots(life, { telegram: true, discord: false }, { logger: log });
  },
  { logger: log },
);
