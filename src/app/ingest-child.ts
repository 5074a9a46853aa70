import { loadCoreConfig } from '../config/core-config.js';
import { loadFeedsConfig } from '../config/feeds-config.js';
import { runInputs } from '../feeds/run-inputs.js';
import { quietLogsForCli } from '../log.js';
import { pauseForCrashTest } from '../ingestion/crash-test-pause.js';
import { openEmbedderForIngest } from '../ingestion/embedder-for-ingest.js';
import { ingest } from '../ingestion/ingest.js';
import type { IngestChildRequest, IngestIpcMessage } from '../ingestion/ingest-process.js';

/**
 * The ingestion child process a bot's /reindex and the feeds schedule start (see runIngestProcess):
 * its options come as JSON in the first argument, its progress and summary go back over IPC. The
 * environment (and so EMBEDDINGS and the other settings) is the bot's. An entry point of the app
 * layer, since it puts ingestion and the feeds' document source together.
 */
async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as IngestChildRequest;
  const config = loadCoreConfig();
  await pauseForCrashTest('child-started');
  const embedder = await openEmbedderForIngest(config, request.indexDir);
  // With `feeds`, the feeds file is read too (alone when there are no inputs: npm start's schedule).
  // With `commandLine`, the feeds and article URLs of an `npm run ingest` command line (its --watch runs).
  const sources = request.commandLine
    ? runInputs(request.commandLine.positionals, {
        corpusDir: config.CORPUS_DIR,
        feedsOnly: request.commandLine.feedsOnly,
        config: loadFeedsConfig(),
      }).sources()
    : request.feeds
      ? runInputs(request.inputs, { corpusDir: config.CORPUS_DIR, feedsOnly: true, config: loadFeedsConfig() }).sources()
      : [];
  const summary = await ingest({ ...request, embedder, sources, onProgress: (event) => send({ type: 'progress', event }) });
  send({ type: 'done', summary: { ...summary, peakRssBytes: process.resourceUsage().maxRSS * 1024 } });
}

function send(message: IngestIpcMessage): void {
  process.send?.(message);
}

quietLogsForCli();
main().catch((error: unknown) => {
  send({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
    ...(error instanceof Error ? { name: error.name } : {}),
  });
  process.exitCode = 2;
});
