import fs from 'node:fs';

/**
 * Loads `.env` from the working directory into `process.env` when there is one, so an admin can
 * copy `.env.example` to `.env` and run any command. Variables already set in the environment win.
 * Skipped under the test runner (which sets NODE_ENV=test, inherited by the programs tests start),
 * so a developer's `.env` never leaks into tests.
 *
 * Imported first by every command an admin runs (for its side effect), so that even modules which
 * read the environment as they load, such as the logger, see the file's values. The benchmark
 * scripts do not import it: their figures must not depend on a local `.env`.
 */
function loadDotEnv(file: string): void {
  if (process.env.VITEST || process.env.NODE_ENV === 'test' || !fs.existsSync(file)) return;
  process.loadEnvFile(file);
}

loadDotEnv('.env');
