import { log, scrubSecrets } from '../log.js';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff.js';
import { OpenAiError } from './errors.js';
import { readSseData } from './sse.js';

/** How to reach an OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp server, LM Studio). */
export interface OpenAiClientOptions {
  /** API root including the version, e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; optional because local servers often need none. */
  apiKey?: string;
  /**
   * Per-request limit in ms. A JSON call must complete within it; a streamed call must start within it
   * and never stay silent longer than it (a slow local model may stream for longer in total).
   */
  timeoutMs: number;
  /** Retries after the first attempt on 429, 5xx and network errors (not on timeouts). Default 2. */
  maxRetries?: number;
  backoff?: Partial<BackoffPolicy>;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** A minimal client for the JSON endpoints of an OpenAI-compatible API. */
export interface OpenAiClient {
  /** The base URL without credentials, for messages. */
  readonly where: string;
  /** POSTs `body` to `path` (relative to the base URL) and returns the parsed JSON answer. */
  postJson(path: string, body: unknown, signal?: AbortSignal): Promise<unknown>;
  /** POSTs a streaming request and yields each server-sent event's parsed JSON payload until `[DONE]`. */
  postStream(path: string, body: unknown, signal?: AbortSignal): AsyncIterable<unknown>;
}

const RETRYABLE_STATUS = (status: number) => status === 429 || status >= 500;

/** Creates a client; nothing is sent until the first call. */
export function createOpenAiClient(options: OpenAiClientOptions): OpenAiClient {
  const fetchImpl = options.fetch ?? fetch;
  const maxRetries = options.maxRetries ?? 2;
  const policy: BackoffPolicy = { ...DEFAULT_BACKOFF, ...options.backoff };
  const base = options.baseUrl.replace(/\/+$/, '');
  const where = displayUrl(base);
  const scrub = (text: string) => scrubSecrets(text, [options.apiKey]);

  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;

  /** One attempt-loop: returns an OK response whose body is still unread, with its abort controller and timer. */
  async function send(path: string, body: unknown, outer: AbortSignal | undefined) {
    const url = `${base}/${path.replace(/^\/+/, '')}`;
    const label = `POST ${where}/${path.replace(/^\/+/, '')}`;
    for (let attempt = 0; ; attempt++) {
      const controller = new AbortController();
      const timer = new Deadline(options.timeoutMs, () => controller.abort());
      const onOuterAbort = () => controller.abort();
      outer?.addEventListener('abort', onOuterAbort, { once: true });
      const cleanup = () => {
        timer.clear();
        outer?.removeEventListener('abort', onOuterAbort);
      };
      let response: Response;
      try {
        response = await fetchImpl(url, { method: 'POST', headers, body: JSON.stringify(body), signal: controller.signal });
      } catch (error) {
        cleanup();
        if (timer.fired) throw new OpenAiError(`${label} got no answer within ${options.timeoutMs} ms`, 'timeout');
        if (outer?.aborted) throw new OpenAiError(`${label} was cancelled`, 'network');
        const cause = scrub(describeNetworkError(error));
        if (attempt < maxRetries) {
          const delay = retryDelayMs(attempt, null, policy) ?? 0;
          log.warn({ attempt: attempt + 1, delayMs: delay, cause }, 'OpenAI-compatible server unreachable, retrying');
          await sleep(delay);
          continue;
        }
        throw new OpenAiError(`${label} failed: ${cause}`, 'network');
      }
      if (response.ok) return { response, timer, cleanup, label };

      const detail = await response.text().catch(() => '');
      cleanup();
      if (RETRYABLE_STATUS(response.status) && attempt < maxRetries) {
        const delay = retryDelayMs(attempt, response.headers.get('retry-after'), policy);
        if (delay !== null) {
          log.warn({ attempt: attempt + 1, status: response.status, delayMs: delay }, 'OpenAI-compatible server busy, retrying');
          await sleep(delay);
          continue;
        }
      }
      const message = scrub(`${label} answered ${response.status} ${response.statusText}${serverMessage(detail)}`);
      throw new OpenAiError(message, 'http', response.status);
    }
  }

  return {
    where,

    async postJson(path, body, signal) {
      const { response, timer, cleanup, label } = await send(path, body, signal);
      try {
        const text = await response.text();
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new OpenAiError(`${label} answered with something that is not JSON`, 'protocol');
        }
      } catch (error) {
        if (timer.fired) throw new OpenAiError(`${label} got no answer within ${options.timeoutMs} ms`, 'timeout');
        if (error instanceof OpenAiError) throw error;
        throw new OpenAiError(scrub(`${label} failed while reading the answer: ${describeNetworkError(error)}`), 'network');
      } finally {
        cleanup();
      }
    },

    async *postStream(path, body, signal) {
      const { response, timer, cleanup, label } = await send(path, body, signal);
      const contentType = response.headers.get('content-type') ?? '';
      try {
        if (!response.body) throw new OpenAiError(`${label} answered with an empty body`, 'protocol');
        if (!contentType.includes('text/event-stream')) {
          throw new OpenAiError(`${label} did not stream (content-type ${contentType || 'missing'})`, 'protocol');
        }
        for await (const data of readSseData(response.body, () => timer.restart())) {
          if (data.trim() === '[DONE]') return;
          let parsed: unknown;
          try {
            parsed = JSON.parse(data);
          } catch {
            throw new OpenAiError(`${label} streamed an event that is not JSON`, 'protocol');
          }
          const streamed = (parsed as { error?: { message?: unknown } }).error;
          if (streamed) throw new OpenAiError(scrub(`${label} reported an error while streaming: ${String(streamed.message ?? 'unknown')}`), 'http');
          yield parsed;
        }
      } catch (error) {
        if (timer.fired) throw new OpenAiError(`${label} stayed silent for more than ${options.timeoutMs} ms while streaming`, 'timeout');
        if (error instanceof OpenAiError) throw error;
        throw new OpenAiError(scrub(`${label} failed while streaming: ${describeNetworkError(error)}`), 'network');
      } finally {
        cleanup();
      }
    },
  };
}

/** A restartable one-shot timer that remembers whether it fired. */
class Deadline {
  fired = false;
  #timer: NodeJS.Timeout;
  constructor(
    private readonly ms: number,
    private readonly onFire: () => void,
  ) {
    this.#timer = this.#start();
  }
  #start() {
    return setTimeout(() => {
      this.fired = true;
      this.onFire();
    }, this.ms);
  }
  restart() {
    if (this.fired) return;
    clearTimeout(this.#timer);
    this.#timer = this.#start();
  }
  clear() {
    clearTimeout(this.#timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The base URL as safe to print: no user:password part, no query string. */
function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '(invalid URL)';
  }
}

/** `: message` from an OpenAI-style error body, or the start of a plain-text body. */
function serverMessage(body: string): string {
  if (!body.trim()) return '';
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof message === 'string' && message.trim()) return `: ${oneLine(message)}`;
  } catch {
    // Not JSON: fall through to the raw text (an HTML error page from a proxy, say).
  }
  return `: ${oneLine(body)}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/** fetch wraps the useful cause ("ECONNREFUSED 127.0.0.1:1") in `error.cause`. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return `${error.message} (${typeof code === 'string' ? `${code} ` : ''}${cause.message})`;
  }
  return error.message;
}
