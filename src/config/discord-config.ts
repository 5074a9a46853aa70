import { z } from 'zod';
import { idList, parseEnv } from './parse-env.js';

const ID_SHAPE = /^\d{15,22}$/;

/** A Discord id (snowflake); `whenMissing` tells the user where to find it. */
function snowflake(whenMissing = 'must be a Discord id') {
  return z.string({ message: whenMissing }).regex(ID_SHAPE, { message: 'must be a Discord id (15–22 digits)' });
}

const snowflakeList = idList.pipe(
  z.array(z.string().regex(ID_SHAPE, { message: 'must be a comma-separated list of Discord ids (digits only)' })),
);

/**
 * Settings of the Discord bot. Every variable is documented in `.env.example` and the README.
 * The token is validated for shape only, and never appears in an error message or a log line.
 */
export const discordConfigSchema = z.object({
  DISCORD_TOKEN: z
    .string({ message: 'set it to the bot token from the Discord developer portal (Bot → Reset Token)' })
    // A bot token is three base64url segments joined by dots; checking the shape catches a pasted client secret or a stray quote.
    .regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, { message: 'does not look like a Discord bot token (three dot-separated parts)' }),
  DISCORD_APPLICATION_ID: snowflake('copy the Application ID from the developer portal (General Information)'),
  DISCORD_GUILD_ID: snowflake().optional(),
  DISCORD_ADMIN_IDS: snowflakeList.default([]),
  DISCORD_ALLOWED_CHANNELS: snowflakeList.default([]),
  DISCORD_API_URL: z.string().url({ message: 'must be a URL such as https://discord.com/api' }).default('https://discord.com/api'),
  DISCORD_RATE_LIMIT: z.coerce.number({ message: 'must be a whole number (0 disables the limit)' }).int().min(0).default(5),
  DISCORD_RATE_WINDOW_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int().positive().default(60),
  DISCORD_STREAM_EDIT_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(250).default(1_200),
});

/** Validated Discord bot settings. */
export type DiscordConfig = z.infer<typeof discordConfigSchema>;

/** Reads and validates the Discord settings; throws ConfigError with one line naming the variable. */
export function loadDiscordConfig(env: NodeJS.ProcessEnv = process.env): DiscordConfig {
  return parseEnv(discordConfigSchema, env);
}

/** True when the environment asks for a Discord bot at all (so `npm start` knows whether to launch it). */
export function discordConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DISCORD_TOKEN?.trim());
}
