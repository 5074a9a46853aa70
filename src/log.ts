import { pino, type Logger } from 'pino';

/**
 * The process-wide structured logger (JSON lines on stderr, so stdout stays free for `ask --json`).
 * Secrets are redacted by key name wherever they appear in a logged object.
 */
export const log: Logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
    redact: { paths: ['token', '*.token', 'apiKey', '*.apiKey', 'authorization', '*.authorization', 'headers.authorization'], censor: '[redacted]' },
    base: undefined,
  },
  pino.destination(2),
);

/** Removes anything that looks like a bot token or API key from a message before it is logged. */
export function scrubSecrets(text: string, secrets: Array<string | undefined>): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
  return out;
}

/** Command-line tools print results for people: their logs show only warnings unless LOG_LEVEL says otherwise. */
export function quietLogsForCli(): void {
  if (!process.env.LOG_LEVEL && !process.env.VITEST) log.level = 'warn';
}
