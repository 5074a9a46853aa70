/** Errors whose message already says what went wrong and what to do: no stack trace needed. */
const EXPECTED_ERRORS = new Set([
  'ConfigError',
  'IndexError',
  'IndexBusyError',
  'DiskFullError',
  'UsageError',
  'VectorIndexFileError',
  'EmbeddingsUnavailableError',
  'DiscordLoginError',
]);

/**
 * Ends a CLI run on an error: errors we raise on purpose (bad configuration, no index, index busy)
 * print their one-line message; anything else prints its stack, since it is a bug to report.
 * Exit code 2.
 */
export function reportFatal(error: unknown): void {
  const expected = error instanceof Error && EXPECTED_ERRORS.has(error.name);
  console.error(expected ? `Error: ${error.message}` : error);
  process.exitCode = 2;
}

/** A wrong command line; the message includes the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}
