import { ExpectedError } from '../errors.js';
/**
 * Ends a CLI run on an error: an {@link ExpectedError} (bad configuration, no index, index busy)
 * prints its one-line message; anything else prints its stack, since it is a bug to report.
 * Exit code 2.
 */
export function reportFatal(error: unknown): void {
  console.error(error instanceof ExpectedError ? `Error: ${error.message}` : error);
  process.exitCode = 2;
}

/** A wrong command line; the message includes the usage. */
export class UsageError extends ExpectedError {
  override name = 'UsageError';
}
