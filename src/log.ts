import { pino, type Logger } from 'pino';

/**
 * The process-wide structured logger (JSON lines on stderr, so stdout stays free for `ask --json`).
 * Secrets are redacted by key name wherever they appear in a logged object.
 */
export const log: Logger = pino(
  {
    level: initialLevel(),
    redact: {
      paths: ['token', '*.token', 'apiKey', '*.apiKey', 'authorization', '*.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
    base: undefined,
  },
  pino.destination(2),
);

/**
 * LOG_LEVEL as the logger starts with. A misspelt level (`verbose`) must not crash the import with
 * pino's stack: it starts at `info`, and the configuration check then stops the program with one
 * line naming LOG_LEVEL and the levels allowed.
 */
function initialLevel(): string {
  const wanted = process.env.LOG_LEVEL;
  if (wanted && (wanted === 'silent' || wanted in pino.levels.values)) return wanted;
  return process.env.VITEST ? 'silent' : 'info';
}

/** Removes anything that looks like a bot token or API key from a message before it is logged. */
export function scrubSecrets(text: string, secrets: Array<string | undefined>): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
  return out;
}

/** Command-line tools print results for people: their logs show only warnings unless LOG_LEVEL says otherwise. */
export function quietLogsForCli(): void {
  if (!process.env.LOG_LEVEL?.trim() && !process.env.VITEST) log.level = 'warn';
}
