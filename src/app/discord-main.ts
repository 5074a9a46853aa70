import '../config/load-dotenv.js';
import { parseCommandLine } from '../cli/command-line.js';
import { log } from '../log.js';
import { runService } from './lifecycle.js';
import { runBots } from './run-bots.js';

const USAGE =
  'Usage: npm run bot:discord (or: tin-vung bot:discord). Runs the Discord bot alone; needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example).';

/** `npm run bot:discord`: the Discord bot alone. */
runService(
  async (life) => {
    parseCommandLine(USAGE, {}, { positionals: false });
    await runBots(life, { telegram: false, discord: true }, { logger: log });
  },
  { logger: log },
);
