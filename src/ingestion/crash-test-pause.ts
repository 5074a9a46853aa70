/**
 * Moments of an ingestion run at which the crash test kills the process; `child-started` is the
 * ingestion child's start, before it loads its embedder and calls the run (see ingest-child.ts).
 */
export type IngestPausePoint = 'child-started' | 'locked' | 'file-written' | 'before-commit' | 'committed';

/**
 * Crash-test hook: when INGEST_TEST_PAUSE_AT names this point, ingestion says so on stderr
 * (`INGEST_PAUSED_AT <point>`) and waits there forever, so a test can `kill -9` it at a known
 * moment instead of racing a timer. With INGEST_TEST_PAUSE_MS as well, it waits that long and goes
 * on: a slow moment (a model loading), for tests of what the admin is told about the wait. Without
 * the variable (always, outside tests) it does nothing.
 */
export async function pauseForCrashTest(point: IngestPausePoint): Promise<void> {
  if (process.env.INGEST_TEST_PAUSE_AT !== point) return;
  process.stderr.write(`INGEST_PAUSED_AT ${point}\n`);
  const pauseMs = Number(process.env.INGEST_TEST_PAUSE_MS);
  if (pauseMs > 0) return new Promise((resolve) => setTimeout(resolve, pauseMs));
  // The interval keeps the event loop alive; nothing ever resolves this promise.
  await new Promise<never>(() => setInterval(() => {}, 60_000));
}
