/** The Telegram adapter's public surface, for `src/bots/start.ts` and `main.ts`. */
export { startTelegramBot, type StartTelegramOptions, type TelegramBotHandle } from './start-bot.js';
export { loadTelegramConfig, type TelegramConfig } from '../../config/telegram-config.js';
