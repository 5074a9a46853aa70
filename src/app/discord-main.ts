import '../config/load-dotenv.js';
import { runService } from './lifecycle.js';
import { runBots } from './run-bots.js';

/** `npm run bot:discord`: the Discord bot alone (DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set). */
runService((life) => runBots(life, { telegram: false, discord: true }));
