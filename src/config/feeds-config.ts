import { z } from 'zod';
import { parseEnv } from './parse-env.js';

const wholeNumber = (what: string) => z.coerce.number({ message: `must be a whole number of ${what}` }).int();

/**
 * Settings of reading RSS/Atom feeds and article pages (`npm run ingest -- <URL>`, the feeds file,
 * the schedule of `--watch` and `npm start`). Every variable is documented in `.env.example` and
 * docs/feeds.md.
 */
export const feedsConfigSchema = z.object({
  // Unset: `feeds.txt` in the working directory, when there is one.
  FEEDS_FILE: z.string().optional(),
  // 0 turns the schedule off (`--watch` then only watches files; `npm start` reads no feeds).
  FEED_INTERVAL_MINUTES: z.coerce
    .number({ message: 'must be a number of minutes (0 turns the schedule off)' })
    .min(0)
    .max(10_080)
    .default(30),
  // Unset: items that drop out of a feed stay in the index for good (news archives keep their history).
  FEED_KEEP_DAYS: wholeNumber('days').min(1).optional(),
  FEED_USER_AGENT: z.string().default('TinVungBot/0.1 (regional news briefings bot; reads RSS/Atom feeds and the articles they list)'),
  FEED_TIMEOUT_MS: wholeNumber('milliseconds').min(100).max(600_000).default(15_000),
  FEED_MAX_BYTES: wholeNumber('bytes')
    .min(1024)
    .default(5 * 1024 * 1024),
  FEED_HOST_CONCURRENCY: wholeNumber('requests').min(1).max(16).default(2),
  FEED_HOST_DELAY_MS: wholeNumber('milliseconds').min(0).max(600_000).default(1000),
  FEED_MAX_REDIRECTS: wholeNumber('redirects').min(0).max(20).default(5),
  FEED_MAX_ITEMS: wholeNumber('items').min(1).max(100_000).default(200),
});

export type FeedsConfig = z.infer<typeof feedsConfigSchema>;

/** Reads and validates the feed settings; throws ConfigError naming the first bad variable. */
export function loadFeedsConfig(env: NodeJS.ProcessEnv = process.env): FeedsConfig {
  return parseEnv(feedsConfigSchema, env);
}
