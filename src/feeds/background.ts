/**
 * `npm start` re-reading the feeds file in the background: every FEED_INTERVAL_MINUTES (and once
 * at start), an ingestion of the feeds alone in a child process, under the same single-writer lock
 * and one-transaction commit as any ingestion; the bots answer from what it adds at their next
 * question (they follow the index's generation).
 */
import type { FeedsConfig } from '../config/feeds-config.js';
import { runIngestProcess } from '../ingestion/ingest-process.js';
import { errorForLog, log, type Log } from '../log.js';
import { feedsFileInForce } from './run-inputs.js';
import { scheduleFeedRuns, type FeedSchedule } from './schedule.js';

export interface BackgroundFeeds extends FeedSchedule {
  /** One line for the start-up message: which file, how often. */
  description: string;
}

/**
 * Starts the schedule when there is a feeds file and FEED_INTERVAL_MINUTES is not 0; null otherwise.
 * `options.logger`: where each run's outcome is logged (the global {@link log} when absent).
 */
export function startBackgroundFeeds(
  indexDir: string,
  config: FeedsConfig,
  signal?: AbortSignal,
  options: { logger?: Log } = {},
): BackgroundFeeds | null {
  const logger = options.logger ?? log;
  const file = feedsFileInForce(config);
  if (file === null || config.FEED_INTERVAL_MINUTES === 0) return null;
  const readFeeds = () =>
    runIngestProcess({ inputs: [], indexDir, prune: false, feeds: true, ...(signal ? { signal } : {}) }).then(
      (summary) =>
        logger.info({
          event: 'feeds-read',
          added: summary.added,
          updated: summary.updated,
          unchanged: summary.unchanged,
          removed: summary.removed,
          skipped: summary.skipped.length,
          feeds: summary.feeds,
        }),
      (error: unknown) =>
        logger.warn(
          { event: 'feeds-failed', err: errorForLog(error) },
          'Reading the feeds failed; the index is unchanged, next try at the next interval',
        ),
    );
  const schedule = scheduleFeedRuns(config.FEED_INTERVAL_MINUTES * 60_000, readFeeds, { now: true });
  return { description: `feeds of ${file} re-read every ${config.FEED_INTERVAL_MINUTES} min`, stop: () => schedule.stop() };
}
