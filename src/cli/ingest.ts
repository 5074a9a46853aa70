import { parseArgs } from 'node:util';
import { loadCoreConfig } from '../config/core-config.js';
import { ingest } from '../ingestion/ingest.js';
import type { IngestIpcMessage } from '../ingestion/ingest-process.js';
import type { IngestProgress, IngestSummary } from '../ingestion/types.js';
import { quietLogsForCli } from '../log.js';
import { reportFatal } from './report-fatal.js';
import { createProgressReporter } from './progress-reporter.js';
import { formatSummary } from './format-summary.js';
import { openEmbedderForIngest } from './embedder-for-ingest.js';

const USAGE = 'Usage: npm run ingest -- [PATH...] [--index DIR] [--prune] [--watch]';

/** `npm run ingest`: reads briefings into the index and prints what it did. */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      index: { type: 'string' },
      prune: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      ipc: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadCoreConfig();
  const inputs = positionals.length > 0 ? positionals : [config.CORPUS_DIR];
  const indexDir = values.index ?? config.INDEX_DIR;
  const send = (m: IngestIpcMessage) => process.send?.(m);
  const reporter: { onProgress: IngestProgress; stop: () => void } = values.ipc
    ? { onProgress: (event) => send({ type: 'progress', event }), stop: () => {} }
    : createProgressReporter();
  const embedder = await openEmbedderForIngest(config, indexDir);
  const run = async (): Promise<IngestSummary> => {
    const summary = await ingest({ inputs, indexDir, prune: values.prune, embedder, onProgress: reporter.onProgress });
    reporter.stop();
    return summary;
  };
  const summary = await run();
  if (values.ipc) send({ type: 'done', summary });
  else console.log(formatSummary(summary));
  return summary.filesRead === 0 ? 1 : 0;
}

quietLogsForCli();
main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.send?.({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies IngestIpcMessage);
    reportFatal(error);
  },
);
