import { pino } from 'pino';

/**
 * Every event a log line can name, in one style (kebab-case). Operators grep and alert on these,
 * so a new line picks a name from here (or adds one, and to docs/architecture.md), never a free string.
 */
export const LOG_EVENTS = [
  // a question and its answer
  'question',
  'answer',
  'answer-failed',
  'answer-not-stored',
  'apology-failed',
  'llm-fallback',
  'condense-failed',
  'stream-edit-failed',
  'reply-failed',
  'rate-limited',
  'button',
  'button-failed',
  'command-failed',
  'unknown-command',
  'handler-failed',
  'update-failed',
  'chat-not-allowed',
  'sources-not-sent-privately',
  // admin commands
  'admin-refused',
  'reindex-done',
  'reindex-failed',
  'reindex-progress-edit-failed',
  'reindex-report-failed',
  // index, retrieval and answer threads
  'index-reloaded',
  'answer-threads-off',
  'semantic-search-off',
  'embedding-model-mismatch',
  'vector-index-unusable',
  'query-embedding-failed',
  // ingestion
  'prepare-thread-lost',
  'vectors-dropped',
  'vectors-rebuilt',
  'vector-cleanup-failed',
  'feeds-read',
  'feeds-failed',
  // adapters' connections and the process
  'started',
  'stopped',
  'shutdown',
  'stop-failed',
  'stop-timeout',
  'polling-failed',
  'webhook-failed',
  'set-commands-failed',
  'client-error',
  'client-warning',
  'connection-lost',
  'connection-restored',
  'connection-down',
  'health-listening',
  'health-failed',
  'deprecated-setting',
] as const;

/** The name of what happened, the first field of every log line. */
export type LogEvent = (typeof LOG_EVENTS)[number];

/** A log line's fields: its event, then whatever describes it. */
export type LogFields = { event: LogEvent } & Record<string, unknown>;

/**
 * The logger every module writes to: a pino logger whose lines must name a {@link LogEvent}.
 * Adapters get a child carrying `adapter`; everything is injected as this type.
 */
export interface Log {
  debug(fields: LogFields, message?: string): void;
  info(fields: LogFields, message?: string): void;
  warn(fields: LogFields, message?: string): void;
  error(fields: LogFields, message?: string): void;
  child(bindings: Record<string, unknown>): Log;
  level: string;
}

/**
 * The process-wide structured logger (JSON lines on stderr, so stdout stays free for `ask --json`).
 * Secrets are redacted by key name wherever they appear in a logged object.
 */
export const log: Log = pino(
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

/** An error as a log line's `err` field. */
export interface LoggedError {
  name: string;
  message: string;
  stack?: string;
}

/**
 * The one way an error goes into a log line: its name, message and stack, with every secret given
 * removed (grammY network errors embed the request URL, which contains the bot token; an SDK error
 * may quote a header). A thrown non-Error is logged as its string.
 */
export function errorForLog(error: unknown, secrets: Array<string | undefined> = []): LoggedError {
  if (error instanceof Error) {
    const out: LoggedError = { name: error.name, message: scrubSecrets(error.message, secrets) };
    if (error.stack) out.stack = scrubSecrets(error.stack, secrets);
    return out;
  }
  return { name: 'NonError', message: scrubSecrets(String(error), secrets) };
}

/** {@link errorForLog} in one line (`name: message`), for a connection state or another error's message. */
export function errorLine(error: unknown, secrets: Array<string | undefined> = []): string {
  const logged = errorForLog(error, secrets);
  return `${logged.name}: ${logged.message}`;
}

/** Command-line tools print results for people: their logs show only warnings unless LOG_LEVEL says otherwise. */
export function quietLogsForCli(): void {
  if (!process.env.LOG_LEVEL?.trim() && !process.env.VITEST) log.level = 'warn';
}
