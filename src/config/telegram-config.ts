import { z } from 'zod';
import { parseEnv } from './parse-env.js';

/** Comma-separated numeric Telegram ids (users or chats; chat ids of groups are negative). */
const telegramIdList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^-?\d+$/, { message: 'use comma-separated numeric ids, e.g. 12345,-100987654321' })));

/**
 * Settings of the Telegram adapter. The token is validated by shape only (never echoed); whether
 * Telegram accepts it is checked by `getMe` at start-up.
 */
export const telegramConfigSchema = z.object({
  TELEGRAM_BOT_TOKEN: z
    .string({ message: 'set it to the token @BotFather gave you' })
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, { message: 'does not look like a bot token (digits:letters from @BotFather)' }),
  TELEGRAM_API_ROOT: z
    .url({ message: 'must be a URL such as http://127.0.0.1:8081' })
    .transform((s) => s.replace(/\/+$/, ''))
    .optional(),
  TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https$/, message: 'must be an https:// URL that Telegram can reach' }).optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, { message: 'use 1-256 characters among A-Z a-z 0-9 _ -' })
    .optional(),
  TELEGRAM_WEBHOOK_HOST: z.string().default('127.0.0.1'),
  TELEGRAM_WEBHOOK_PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(8443),
  TELEGRAM_ADMIN_IDS: telegramIdList,
  TELEGRAM_ALLOWED_CHATS: telegramIdList,
  TELEGRAM_RATE_LIMIT: z.coerce.number({ message: 'must be a whole number of questions' }).int().min(1).default(5),
  TELEGRAM_RATE_WINDOW_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int().min(1).default(60),
  TELEGRAM_EDIT_INTERVAL_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(0).default(1000),
});

/** Validated Telegram settings; empty lists mean "nobody is admin" and "every chat is allowed". */
export type TelegramConfig = z.infer<typeof telegramConfigSchema>;

/** Reads and validates the Telegram settings; throws ConfigError naming the first bad variable. */
export function loadTelegramConfig(env: NodeJS.ProcessEnv = process.env): TelegramConfig {
  return parseEnv(telegramConfigSchema, env);
}

/** True when the environment asks for a Telegram bot at all (so `npm start` knows whether to launch it). */
export function telegramConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.TELEGRAM_BOT_TOKEN?.trim());
}
