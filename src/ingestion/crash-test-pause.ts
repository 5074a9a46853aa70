/** Moments of an ingestion run at which the crash test kills the process. */
export type IngestPausePoint = 'locked' | 'file-written' | 'before-commit' | 'committed';

/**
 * Crash-test hook: when INGEST_TEST_PAUSE_AT names this point, ingestion says so on stderr
 * (`INGEST_PAUSED_AT <point>`) and waits there forever, so a test can `kill -9` it at a known
 * moment instead of racing a timer. Without the variable (always, outside tests) it does nothing.
 */
export async function pauseForCrashTest(point: IngestPausePoint): Promise<void> {
  if (process.env.INGEST_TEST_PAUSE_AT !== point) return;
  process.stderr.write(`INGEST_PAUSED_AT ${point}\n`);
  // The interval keeps the event loop alive; nothing ever resolves this promise.
  await new Promise<never>(() => setInterval(() => {}, 60_000));
}
