import '../config/load-dotenv.js';
import { loadCoreConfig } from '../config/core-config.js';
import { ingest } from '../ingestion/ingest.js';
import type { IngestSummary } from '../ingestion/types.js';
import { quietLogsForCli } from '../log.js';
import { parseCommandLine } from './command-line.js';
import { reportFatal } from './report-fatal.js';
import { loadOperationsConfig } from '../config/operations-config.js';
import { IndexBusyError } from '../ingestion/index-lock.js';
import { watchCorpus } from '../ingestion/watch.js';
import { createProgressReporter } from './progress-reporter.js';
import { formatSummary } from './format-summary.js';
import { openEmbedderForIngest } from '../ingestion/embedder-for-ingest.js';

const USAGE = 'Usage: npm run ingest -- [PATH...] [--index DIR] [--prune] [--watch]';

/** `npm run ingest`: reads briefings into the index and prints what it did. */
async function main(): Promise<number> {
  const { values, positionals } = parseCommandLine(USAGE, {
    index: { type: 'string' },
    prune: { type: 'boolean', default: false },
    watch: { type: 'boolean', default: false },
  });
  const config = loadCoreConfig();
  const { WATCH_DEBOUNCE_MS } = loadOperationsConfig();
  const inputs = positionals.length > 0 ? positionals : [config.CORPUS_DIR];
  const indexDir = values.index ?? config.INDEX_DIR;
  const reporter = createProgressReporter();
  const embedder = await openEmbedderForIngest(config, indexDir);
  const run = async (): Promise<IngestSummary> => {
    const summary = await ingest({ inputs, indexDir, prune: values.prune, embedder, onProgress: reporter.onProgress });
    reporter.stop();
    return summary;
  };
  if (values.watch) return watchAndIngest(inputs, WATCH_DEBOUNCE_MS, run);
  const summary = await run();
  console.log(formatSummary(summary));
  return summary.filesRead === 0 ? 1 : 0;
}

/**
 * `--watch`: ingests once, then again whenever briefing files change, until SIGINT or SIGTERM. A run
 * in progress is allowed to finish (it is one transaction), so stopping never wastes or breaks work.
 */
async function watchAndIngest(inputs: string[], debounceMs: number, run: () => Promise<IngestSummary>): Promise<number> {
  const first = await run().catch((error: unknown) => {
    // Watching is for unattended folders: an index busy with another run is worth waiting for.
    if (error instanceof IndexBusyError) {
      console.error(`Error: ${error.message} Watching anyway; will ingest on the next change.`);
      return null;
    }
    throw error;
  });
  if (first) console.log(formatSummary(first));
  const watcher = watchCorpus({
    inputs,
    debounceMs,
    ingestOnce: run,
    shouldRetry: (error) => error instanceof IndexBusyError,
    onRun: (result) => {
      const files = result.changed.length === 1 ? result.changed[0] : `${result.changed.length} files`;
      if (result.ok) console.log(`\n[${new Date().toISOString()}] Changes in ${files}:\n${formatSummary(result.summary)}`);
      else console.error(`[${new Date().toISOString()}] Ingestion after changes in ${files} failed: ${result.error instanceof Error ? result.error.message : String(result.error)}`);
    },
  });
  await watcher.ready;
  console.log(`Watching ${inputs.join(', ')} for changes (ingesting ${debounceMs} ms after the last one). Press Ctrl+C to stop.`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      console.log('Stopping: waiting for a running ingestion to finish...');
      void watcher.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  console.log('Stopped watching.');
  return 0;
}

quietLogsForCli();
main().then(
  (code) => {
    process.exitCode = code;
  },
  reportFatal,
);
