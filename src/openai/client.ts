import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { scrubSecrets } from '../log.js';
import { displayUrl } from './display-url.js';
import { OpenAiError } from './errors.js';

/** How to reach an OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp server, LM Studio). */
export interface OpenAiClientOptions {
  /**
   * API root including the version, e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1`.
   * A `user:password@` part is sent as HTTP Basic authentication (a reverse proxy in front of a local
   * server), never in the URL and never in a message.
   */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; optional because local servers often need none. */
  apiKey?: string;
  /**
   * Idle limit in ms: a call must get its answer (a streamed one: its first event) within it,
   * retries included, and a stream must then deliver an event at least this often (SSE comments
   * such as `: keep-alive` do not count). A call that times out is not retried.
   */
  timeoutMs: number;
  /** Retries after the first attempt on 408, 409, 429, 5xx and connection errors (the SDK's rules). Default 2. */
  maxRetries?: number;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** The official SDK's client, with what this project adds: where it points (safe to print) and how to scrub secrets. */
export interface OpenAiClient {
  readonly sdk: OpenAI;
  /** The base URL without credentials or query, for messages. */
  readonly where: string;
  /** The idle limit of {@link OpenAiClientOptions.timeoutMs}. */
  readonly timeoutMs: number;
  /** Removes the key and any URL credentials from a text before it is logged or shown. */
  scrub(text: string): string;
}

/**
 * A server asking (via Retry-After) to wait longer than this is not retried: failing fast beats a
 * silent bot, and the SDK's wait between retries cannot be interrupted.
 */
const MAX_RETRY_AFTER_MS = 20_000;

/** Creates a client; nothing is sent until the first call. */
export function createOpenAiClient(options: OpenAiClientOptions): OpenAiClient {
  const { url, basicAuth, where } = splitCredentials(options.baseUrl);
  const secrets = [options.apiKey, ...(basicAuth?.secrets ?? [])];
  // The SDK insists on a key; an explicit null header sends none (local servers often need none).
  const authorization: string | null = basicAuth ? `Basic ${basicAuth.token}` : options.apiKey ? `Bearer ${options.apiKey}` : null;
  const sdk = new OpenAI({
    baseURL: url,
    apiKey: options.apiKey ?? 'unused',
    organization: null,
    project: null,
    defaultHeaders: { authorization },
    // Our idle timer (CallLimits) aborts first; the SDK's own would retry a timed-out attempt.
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries ?? 2,
    fetch: refuseLongRetryAfter(options.fetch ?? fetch),
    // Our own log lines say what failed; the SDK's would print request details to the console.
    logLevel: 'off',
  });
  return { sdk, where, timeoutMs: options.timeoutMs, scrub: (text) => scrubSecrets(text, secrets) };
}

/**
 * The limits of one call: the client's idle timeout, an overall deadline, the caller's own
 * cancellation. Its `signal` goes to the SDK; `race` makes a promise give up at once when the call
 * is aborted (the SDK itself only notices between attempts).
 */
export class CallLimits {
  readonly #controller = new AbortController();
  #deadline: NodeJS.Timeout | null = null;
  #idle: NodeJS.Timeout | null = null;
  /** Why the call was aborted, if it was. */
  reason: 'idle' | 'deadline' | 'cancelled' | null = null;

  constructor(
    readonly idleMs: number,
    readonly limits: { deadlineMs?: number; signal?: AbortSignal } = {},
  ) {
    if (limits.deadlineMs !== undefined) this.#deadline = setTimeout(() => this.#abort('deadline'), limits.deadlineMs);
    if (limits.signal?.aborted) this.#abort('cancelled');
    limits.signal?.addEventListener('abort', this.#onOuterAbort, { once: true });
    this.activity();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Something arrived: the idle timer starts again. */
  activity(): void {
    if (this.reason) return;
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.#abort('idle'), this.idleMs);
  }

  /** `promise`, or a rejection as soon as the call is aborted. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.signal.aborted) return Promise.reject(new APIUserAbortError());
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new APIUserAbortError());
      this.signal.addEventListener('abort', onAbort, { once: true });
      promise.then(resolve, reject).finally(() => this.signal.removeEventListener('abort', onAbort));
    });
  }

  /** Clears the timers; call when the call is over, whatever its outcome. */
  dispose(): void {
    if (this.#deadline) clearTimeout(this.#deadline);
    if (this.#idle) clearTimeout(this.#idle);
    this.limits.signal?.removeEventListener('abort', this.#onOuterAbort);
  }

  readonly #onOuterAbort = () => this.#abort('cancelled');

  #abort(reason: 'idle' | 'deadline' | 'cancelled'): void {
    if (this.reason) return;
    this.reason = reason;
    this.#controller.abort();
  }
}

/**
 * Turns whatever a call threw into an {@link OpenAiError} with one scrubbed line naming the
 * endpoint: `timeout` (idle limit or deadline), `http` (the server answered an error), `network`
 * (unreachable, cancelled) or `protocol` (an answer we cannot use).
 */
export function toOpenAiError(error: unknown, client: OpenAiClient, endpoint: string, call: CallLimits): OpenAiError {
  if (error instanceof OpenAiError) return error;
  const label = `POST ${client.where}/${endpoint}`;
  const make = (message: string, kind: OpenAiError['kind'], status?: number) => new OpenAiError(client.scrub(message), kind, status);
  if (call.reason === 'deadline')
    return make(`${label} gave no complete answer within the ${call.limits.deadlineMs} ms deadline`, 'timeout');
  if (call.reason === 'idle') return make(`${label} stayed silent for more than ${client.timeoutMs} ms`, 'timeout');
  if (call.reason === 'cancelled') return make(`${label} was cancelled`, 'network');
  if (error instanceof APIConnectionTimeoutError) return make(`${label} got no answer within ${client.timeoutMs} ms`, 'timeout');
  if (error instanceof APIUserAbortError) return make(`${label} was cancelled`, 'network');
  if (error instanceof APIConnectionError) return make(`${label} failed: ${describeCause(error)}`, 'network');
  if (error instanceof APIError) {
    // `instanceof` leaves the class's type parameters as `any`; the status is a number when there is one.
    const status = (error as APIError).status;
    const detail = oneLine(error.message);
    if (status === undefined) return make(`${label} reported an error while streaming: ${detail}`, 'http');
    return make(`${label} answered ${detail}`, 'http', status);
  }
  return make(`${label} gave an answer that could not be read: ${error instanceof Error ? error.message : String(error)}`, 'protocol');
}

/** The base URL split into what is sent as the URL, the Basic credentials it carried, and what may be printed. */
function splitCredentials(baseUrl: string): { url: string; basicAuth: { token: string; secrets: string[] } | null; where: string } {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    // Validated at start-up (OPENAI_BASE_URL); a caller passing garbage gets the SDK's error, without the text.
    return { url: baseUrl, basicAuth: null, where: '(invalid URL)' };
  }
  const where = displayUrl(baseUrl);
  if (!parsed.username && !parsed.password) return { url: baseUrl.replace(/\/+$/, ''), basicAuth: null, where };
  const rawPassword = parsed.password;
  const password = decodeURIComponent(rawPassword);
  const token = Buffer.from(`${decodeURIComponent(parsed.username)}:${password}`).toString('base64');
  parsed.username = '';
  parsed.password = '';
  // The percent-encoded form too: a server or proxy may quote either back.
  const secrets = [password, rawPassword, token].filter((s) => s.length > 0);
  return { url: parsed.href.replace(/\/+$/, ''), basicAuth: { token, secrets }, where };
}

/**
 * Marks an error answer whose Retry-After asks for a long wait as not to be retried (the SDK obeys
 * `x-should-retry`), so a rate-limited server fails over to the extractive answer at once.
 */
function refuseLongRetryAfter(fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.ok) return response;
    const wait = retryAfterMs(response.headers);
    if (wait === null || wait <= MAX_RETRY_AFTER_MS) return response;
    const headers = new Headers(response.headers);
    headers.set('x-should-retry', 'false');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** Retry-After (delta-seconds or an HTTP date) or retry-after-ms, in ms; null when absent or unreadable. */
function retryAfterMs(headers: Headers): number | null {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : date - Date.now();
}

/** fetch wraps the useful cause ("ECONNREFUSED 127.0.0.1:1") in the cause of its own error. */
function describeCause(error: APIConnectionError): string {
  const cause = error.cause;
  if (!(cause instanceof Error)) return error.message;
  const inner = (cause as { cause?: unknown }).cause;
  if (!(inner instanceof Error)) return cause.message;
  const code = (inner as { code?: unknown }).code;
  return `${cause.message} (${typeof code === 'string' ? `${code} ` : ''}${inner.message})`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
