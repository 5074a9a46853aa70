import '../config/load-dotenv.js';
import { runService } from './lifecycle.js';
import { runBots } from './run-bots.js';

/** `npm run bot:telegram`: the Telegram bot alone (TELEGRAM_BOT_TOKEN must be set). */
runService((life) => runBots(life, { telegram: true, discord: false }));
