/** The Telegram adapter's public surface, for the app layer (`src/app/`). */
export { startTelegramBot, type StartTelegramOptions, type TelegramBotHandle } from './start-bot.js';
export { loadTelegramConfig, type TelegramConfig } from '../../config/telegram-config.js';
