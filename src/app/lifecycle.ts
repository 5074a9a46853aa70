import { reportFatal } from '../cli/report-fatal.js';
import { errorForLog, log, type Log } from '../log.js';

/** What a long-running program gets from {@link runService}. */
export interface Lifecycle {
  /**
   * Aborted at the first SIGINT/SIGTERM (or a fatal error): code still starting something (a
   * Discord login, a Telegram check) gives up, and in-flight LLM calls are cancelled.
   */
  readonly signal: AbortSignal;
  /** Registers what to do at stop; the last registered runs first (adapters before the index they use). */
  onStop(cleanup: () => unknown): void;
}

export interface ServiceOptions {
  /**
   * A stop that takes longer than this (a library waiting out a back-off, an answer that will not
   * end) is cut short: the program exits anyway, logging what happened. Default 8 s, so every
   * entry point is gone well within a supervisor's usual 10 s.
   */
  graceMs?: number;
  /** Where the stop is logged (the app's root logger); the global {@link log} when absent. */
  logger?: Log;
}

const DEFAULT_GRACE_MS = 8_000;

/**
 * The one process lifecycle of the long-running programs (`npm start`, the per-bot mains):
 * - signal handlers are installed before anything starts (a signal without one kills outright);
 * - the first SIGINT/SIGTERM aborts `signal` and runs the cleanups; the program then exits with 0,
 *   even if a library still holds a timer (a reconnect back-off would otherwise keep it alive);
 * - a second signal exits at once (130): the admin does not want to wait;
 * - a stop that hangs is cut short after `graceMs`;
 * - a fatal error (start-up failure, uncaught exception) prints one line for expected errors or a
 *   stack for bugs, runs the cleanups, and exits with 2.
 */
export function runService(main: (life: Lifecycle) => Promise<void>, options: ServiceOptions = {}): void {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const logger = options.logger ?? log;
  const controller = new AbortController();
  const cleanups: Array<() => unknown> = [];
  let stopping: Promise<void> | null = null;

  const stop = (exitCode: number) =>
    (stopping ??= (async () => {
      controller.abort();
      const overdue = setTimeout(() => {
        logger.error({ event: 'stop-timeout', graceMs }, `Did not stop within ${graceMs} ms; exiting anyway`);
        process.exit(exitCode === 0 ? 1 : exitCode);
      }, graceMs);
      overdue.unref();
      for (const cleanup of cleanups.splice(0).reverse()) {
        try {
          await cleanup();
        } catch (error) {
          logger.warn({ event: 'stop-failed', err: errorForLog(error) });
        }
      }
      process.exit(exitCode);
    })());

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    logger.info({ event: 'shutdown', signal });
    void stop(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const fatal = (error: unknown) => {
    if (stopping && controller.signal.aborted && isAbort(error)) return; // start-up cut short by a stop
    reportFatal(error);
    void stop(2);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);

  const life: Lifecycle = { signal: controller.signal, onStop: (cleanup) => void cleanups.push(cleanup) };
  main(life).catch(fatal);
}

/** Start-up code that gave up because the program is stopping throws the signal's AbortError. */
function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
