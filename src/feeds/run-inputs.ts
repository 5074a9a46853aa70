/**
 * What one `npm run ingest` reads: corpus paths, and the feeds and article URLs, from the command
 * line or the feeds file.
 */
import fs from 'node:fs';
import type { FeedsConfig } from '../config/feeds-config.js';
import { ConfigError } from '../config/parse-env.js';
import type { DocumentSource } from '../ingestion/document-source.js';
import { isWebAddress, readFeedList, type FeedEntry } from './feed-list.js';
import { httpUrl } from './http-url.js';
import { FeedSource } from './feed-source.js';

/** The feeds file read when FEEDS_FILE is not set, from the working directory. */
export const DEFAULT_FEEDS_FILE = 'feeds.txt';

export interface RunInputs {
  /** Files and folders to read. */
  paths: string[];
  /** The feeds file read (each run reads it again, so edits count), or null. */
  feedsFile: string | null;
  /** URLs given on the command line. */
  urls: FeedEntry[];
  /** True when the run reads feeds or article URLs at all. */
  readsFeeds: boolean;
  /** The document sources of one run (a new one per run: robots.txt and counters start afresh). */
  sources(): DocumentSource[];
}

/** The feeds file in force: FEEDS_FILE (which must exist), else feeds.txt when there is one. */
export function feedsFileInForce(config: Pick<FeedsConfig, 'FEEDS_FILE'>): string | null {
  if (config.FEEDS_FILE) {
    if (!fs.existsSync(config.FEEDS_FILE))
      throw new ConfigError(
        `FEEDS_FILE is ${config.FEEDS_FILE}, which does not exist (create it, one feed URL per line, or unset FEEDS_FILE)`,
      );
    return config.FEEDS_FILE;
  }
  return fs.existsSync(DEFAULT_FEEDS_FILE) ? DEFAULT_FEEDS_FILE : null;
}

/**
 * Splits the command line's inputs into paths and URLs. With none, the corpus folder and the feeds
 * file (when there is one) are read; `feedsOnly` reads the feeds file alone (the background
 * schedule of `npm start`).
 */
export function runInputs(positionals: string[], options: { corpusDir: string; feedsOnly: boolean; config: FeedsConfig }): RunInputs {
  const urls: FeedEntry[] = [];
  const paths: string[] = [];
  for (const input of positionals) {
    if (!isWebAddress(input)) {
      paths.push(input);
      continue;
    }
    const url = httpUrl(input);
    if (!url) throw new Error(`"${input}" is not a valid URL`);
    urls.push({ url });
  }
  const useDefaults = positionals.length === 0;
  if (useDefaults && !options.feedsOnly) paths.push(options.corpusDir);
  const feedsFile = useDefaults || options.feedsOnly ? feedsFileInForce(options.config) : null;
  if (options.feedsOnly && feedsFile === null)
    throw new Error(`--feeds: no feeds file (set FEEDS_FILE or create ${DEFAULT_FEEDS_FILE}, one feed URL per line)`);
  const readsFeeds = feedsFile !== null || urls.length > 0;
  return {
    paths,
    feedsFile,
    urls,
    readsFeeds,
    sources() {
      if (!readsFeeds) return [];
      const list = feedsFile ? readFeedList(feedsFile) : { entries: [], problems: [] };
      const listed = new Set(list.entries.map((e) => e.url));
      const entries = [...list.entries, ...urls.filter((u) => !listed.has(u.url))];
      return [new FeedSource({ entries, config: options.config, problems: list.problems })];
    },
  };
}
