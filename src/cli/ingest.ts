import '../config/load-dotenv.js';
import { loadCoreConfig } from '../config/core-config.js';
import { ingest } from '../ingestion/ingest.js';
import { runIngestProcess } from '../ingestion/ingest-process.js';
import type { IngestSummary } from '../ingestion/types.js';
import { quietLogsForCli } from '../log.js';
import { parseCommandLine } from './command-line.js';
import { reportFatal, UsageError } from './report-fatal.js';
import { loadOperationsConfig } from '../config/operations-config.js';
import { IndexBusyError } from '../store/index-lock.js';
import { watchCorpus } from '../ingestion/watch.js';
import { createProgressReporter } from './progress-reporter.js';
import { formatSummary } from './format-summary.js';
import { openEmbedderForIngest } from '../ingestion/embedder-for-ingest.js';
import { loadFeedsConfig } from '../config/feeds-config.js';
import { ConfigError } from '../config/parse-env.js';
import { runInputs, type RunInputs } from '../feeds/run-inputs.js';
import { oneAtATime, scheduleFeedRuns } from '../feeds/schedule.js';

const USAGE = 'Usage: npm run ingest -- [PATH | FEED-URL | ARTICLE-URL ...] [--feeds] [--index DIR] [--prune] [--watch]';

/** `npm run ingest`: reads briefings into the index and prints what it did. */
async function main(): Promise<number> {
  const { values, positionals } = parseCommandLine(USAGE, {
    index: { type: 'string' },
    prune: { type: 'boolean', default: false },
    watch: { type: 'boolean', default: false },
    feeds: { type: 'boolean', default: false },
  });
  const config = loadCoreConfig();
  const { WATCH_DEBOUNCE_MS } = loadOperationsConfig();
  const feedsConfig = loadFeedsConfig();
  let read: RunInputs;
  try {
    read = runInputs(positionals, { corpusDir: config.CORPUS_DIR, feedsOnly: values.feeds, config: feedsConfig });
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new UsageError(`${(error as Error).message}. ${USAGE}`);
  }
  const inputs = read.paths;
  const indexDir = values.index ?? config.INDEX_DIR;
  const reporter = createProgressReporter();
  const feedIntervalMs = read.readsFeeds ? feedsConfig.FEED_INTERVAL_MINUTES * 60_000 : 0;
  if (values.watch) {
    // Each run of --watch is an ingestion child (as /reindex is): a stop kills it at once, whatever
    // it is doing (SQLite's final optimize is one long synchronous call), and its transaction,
    // never committed, leaves the previous index serving.
    const stopping = new AbortController();
    const childRun = oneAtATime(async (): Promise<IngestSummary> => {
      const request = { inputs, indexDir, prune: values.prune, commandLine: { positionals, feedsOnly: values.feeds } };
      const summary = await runIngestProcess({ ...request, signal: stopping.signal }, reporter.onProgress, { stderr: process.stderr });
      reporter.stop();
      return summary;
    });
    return watchAndIngest(inputs, WATCH_DEBOUNCE_MS, feedIntervalMs, childRun, stopping);
  }
  const embedder = await openEmbedderForIngest(config, indexDir);
  const summary = await ingest({
    inputs,
    indexDir,
    prune: values.prune,
    embedder,
    onProgress: reporter.onProgress,
    sources: read.sources(),
  });
  reporter.stop();
  console.log(formatSummary(summary));
  return summary.filesRead === 0 ? 1 : 0;
}

/**
 * `--watch`: ingests once, then again whenever briefing files change, until SIGINT or SIGTERM. A
 * stop does not wait for a running ingestion: `stopping` kills its child, whose transaction is
 * rolled back (the next start does the work again).
 */
async function watchAndIngest(
  inputs: string[],
  debounceMs: number,
  feedIntervalMs: number,
  run: () => Promise<IngestSummary>,
  stopping: AbortController,
): Promise<number> {
  // Installed before the first run, so a stop during it is a clean stop too.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      console.log('Stopping: a running ingestion is cancelled; the index keeps its last completed run.');
      stopping.abort();
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const first = await run().catch((error: unknown) => {
    if (stopping.signal.aborted) return null;
    // Watching is for unattended folders: an index busy with another run is worth waiting for.
    if (error instanceof IndexBusyError) {
      console.error(`Error: ${error.message} Watching anyway; will ingest on the next change.`);
      return null;
    }
    throw error;
  });
  if (first) console.log(formatSummary(first));
  if (stopping.signal.aborted) {
    console.log('Stopped watching.');
    return 0;
  }
  // Feeds are re-read on a schedule; files are watched (when the run reads any).
  const schedule =
    feedIntervalMs > 0
      ? scheduleFeedRuns(feedIntervalMs, () =>
          run().then(
            (summary) => console.log(`\n[${new Date().toISOString()}] Feeds re-read:\n${formatSummary(summary)}`),
            (error: unknown) => {
              if (!stopping.signal.aborted)
                console.error(
                  `[${new Date().toISOString()}] Re-reading feeds failed: ${error instanceof Error ? error.message : String(error)}`,
                );
            },
          ),
        )
      : null;
  if (schedule) console.log(`Re-reading feeds every ${feedIntervalMs / 60_000} minutes (FEED_INTERVAL_MINUTES).`);
  const watcher =
    inputs.length === 0
      ? null
      : watchCorpus({
          inputs,
          debounceMs,
          ingestOnce: run,
          shouldRetry: (error) => error instanceof IndexBusyError,
          onRun: (result) => {
            const files = result.changed.length === 1 ? result.changed[0] : `${result.changed.length} files`;
            if (result.ok) console.log(`\n[${new Date().toISOString()}] Changes in ${files}:\n${formatSummary(result.summary)}`);
            else if (!stopping.signal.aborted)
              console.error(
                `[${new Date().toISOString()}] Ingestion after changes in ${files} failed: ` +
                  `${result.error instanceof Error ? result.error.message : String(result.error)}`,
              );
          },
        });
  if (watcher) {
    await Promise.race([watcher.ready, stopped]);
    if (!stopping.signal.aborted)
      console.log(`Watching ${inputs.join(', ')} for changes (ingesting ${debounceMs} ms after the last one). Press Ctrl+C to stop.`);
  } else console.log('Press Ctrl+C to stop.');
  await stopped;
  // The child of a running ingestion is being killed: these end as soon as it has gone.
  await Promise.all([watcher?.close(), schedule?.stop()]);
  console.log('Stopped watching.');
  return 0;
}

quietLogsForCli();
main().then((code) => {
  process.exitCode = code;
}, reportFatal);
