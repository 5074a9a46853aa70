/**
 * Re-reading feeds on a schedule (`npm run ingest -- --watch`, `npm start`): one run every
 * FEED_INTERVAL_MINUTES, never two at once.
 */

export interface FeedSchedule {
  /** Stops the schedule; waits for a run in progress to end (cancel it first to stop at once). */
  stop(): Promise<void>;
}

/**
 * Calls `run` every `intervalMs` (the first time after one interval, or at once with `now`). A run
 * still going when the next is due makes that one wait for the following interval: runs never
 * overlap or pile up. `run` must not reject (report its own errors).
 */
export function scheduleFeedRuns(intervalMs: number, run: () => Promise<void>, options: { now?: boolean } = {}): FeedSchedule {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = run().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, intervalMs);
  if (options.now) tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * Wraps `fn` so calls run one after the other: the file watcher and the feed schedule of
 * `--watch` share one index, whose lock would refuse a second run at the same time.
 */
export function oneAtATime<T>(fn: () => Promise<T>): () => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return () => {
    const next = last.then(fn, fn);
    last = next.catch(() => {});
    return next;
  };
}
