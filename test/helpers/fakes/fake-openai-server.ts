import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tokenize } from '../../../src/text/normalize.js';
import { splitSentences } from '../../../src/text/sentences.js';

/**
 * A scriptable OpenAI-compatible server on 127.0.0.1 for tests: chat completions (streamed over SSE
 * and not) and embeddings, recording every request.
 *
 *   const fake = await startFakeOpenAi();
 *   createLlmAnswerer({ baseUrl: fake.url, apiKey: 'sk-test', model: 'fake', timeoutMs: 2000 });
 *   fake.script({ status: 429, retryAfter: '0' }, 'good');   // next two chat requests
 *   fake.requests;                                            // what the client sent
 *   await fake.close();
 */

/**
 * What the next chat request gets:
 * - `good`: quotes the sentence of passage [1] sharing most words with the question, citing [1]
 *   (the default once the script is used up);
 * - `invent-figure`: the good answer plus a sentence with a figure found in no passage;
 * - `phantom-citation`: the good answer citing a passage number one past the last given;
 * - `not-found`: the model's "NOT_FOUND" reply;
 * - `hang`: never answers; `stall`: streams the first piece of a good answer, then goes silent;
 * - `keep-alive`: streams the first piece of a good answer, then only `: keep-alive` comments, every
 *   50 ms, until the client goes away (what some proxies and servers do while a model is stuck);
 * - `{ reply }`: exactly this text; `{ status }`: that HTTP error (with Retry-After if given).
 */
export type ChatStep =
  'good' | 'invent-figure' | 'phantom-citation' | 'not-found' | 'hang' | 'stall' | 'keep-alive' | { reply: string } | HttpErrorStep;

/** What the next embeddings request gets: vectors (`ok`, the default), silence, or an HTTP error. */
export type EmbeddingStep = 'ok' | 'hang' | HttpErrorStep;

/** An HTTP error answer; `message` goes in the OpenAI-style error body. */
export interface HttpErrorStep {
  status: number;
  retryAfter?: string;
  message?: string;
}

/** One request as the server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/** How the fake behaves beyond its per-request script. */
export interface FakeOpenAiOptions {
  /** Embedding size when the request has no `dimensions`. Default 32. */
  dimension?: number;
  /** Return unit-length embeddings (OpenAI does; some servers do not). Default false. */
  normalizeEmbeddings?: boolean;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401 quoting the header they sent. */
  apiKey?: string;
  /** Characters per streamed piece. Default 5, so sentences arrive split mid-word and mid-number. */
  streamChunkChars?: number;
}

/** A running fake server: its URL, what it received, and its script. */
export interface FakeOpenAi {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:40123/v1`. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Requests to one endpoint, e.g. `requestsTo('chat/completions')`. */
  requestsTo(endpoint: 'chat/completions' | 'embeddings'): RecordedRequest[];
  /** Queues behaviours for the next chat requests, one each; then `good` again. */
  script(...steps: ChatStep[]): void;
  /** Queues behaviours for the next embeddings requests, one each; then `ok` again. */
  scriptEmbeddings(...steps: EmbeddingStep[]): void;
  /** The reply text a `good` / `invent-figure` / `phantom-citation` step gives for a request body. */
  replyFor(step: 'good' | 'invent-figure' | 'phantom-citation', body: any): string;
  close(): Promise<void>;
}

/** A figure that appears in no test passage: what `invent-figure` adds. */
export const INVENTED_FIGURE = '987,65 tỷ đồng';

/** Starts the fake on an ephemeral port of 127.0.0.1. */
export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const requests: RecordedRequest[] = [];
  const chatSteps: ChatStep[] = [];
  const embeddingSteps: EmbeddingStep[] = [];
  const chunkChars = options.streamChunkChars ?? 5;

  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      let body: any;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        return sendError(res, { status: 400, message: 'body is not JSON' });
      }
      const path = (req.url ?? '').replace(/\?.*$/, '');
      requests.push({ method: req.method ?? '', path, headers: req.headers, body });

      if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
        // Like some real servers, the error quotes what was sent: clients must not pass this on verbatim.
        return sendError(res, { status: 401, message: `Incorrect API key provided: ${req.headers.authorization ?? '(none)'}` });
      }
      if (req.method === 'POST' && path === '/v1/chat/completions') return handleChat(body, res, chatSteps.shift() ?? 'good');
      if (req.method === 'POST' && path === '/v1/embeddings') return handleEmbeddings(body, res, embeddingSteps.shift() ?? 'ok');
      sendError(res, { status: 404, message: `no route ${req.method} ${path}` });
    });
  });

  function handleChat(body: any, res: ServerResponse, step: ChatStep): void {
    if (step === 'hang') return;
    if (typeof step === 'object' && 'status' in step) return sendError(res, step);
    const content =
      step === 'not-found'
        ? 'NOT_FOUND'
        : typeof step === 'object'
          ? step.reply
          : replyFor(step === 'stall' || step === 'keep-alive' ? 'good' : step, body);
    if (body?.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const event = (delta: Record<string, unknown>, finish: string | null = null) => {
        const chunk = {
          id: 'chatcmpl-fake',
          object: 'chat.completion.chunk',
          model: body.model,
          choices: [{ index: 0, delta, finish_reason: finish }],
        };
        return `data: ${JSON.stringify(chunk)}\n\n`;
      };
      res.write(event({ role: 'assistant' }));
      const pieces = splitEvery(content, chunkChars);
      if (step === 'stall' || step === 'keep-alive') {
        res.write(event({ content: pieces[0] ?? '' }));
        if (step === 'keep-alive') {
          const timer = setInterval(() => res.write(': keep-alive\n\n'), 50);
          res.on('close', () => clearInterval(timer));
        }
        return;
      }
      for (const piece of pieces) res.write(event({ content: piece }));
      res.write(event({}, 'stop'));
      res.end('data: [DONE]\n\n');
      return;
    }
    if (step === 'stall' || step === 'keep-alive') return;
    sendJson(res, 200, {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      model: body?.model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    });
  }

  function handleEmbeddings(body: any, res: ServerResponse, step: EmbeddingStep): void {
    if (step === 'hang') return;
    if (typeof step === 'object') return sendError(res, step);
    const inputs: string[] = typeof body?.input === 'string' ? [body.input] : (body?.input ?? []);
    const dimension: number = body?.dimensions ?? options.dimension ?? 32;
    sendJson(res, 200, {
      object: 'list',
      model: body?.model,
      data: inputs.map((text, index) => ({
        object: 'embedding',
        index,
        embedding: hashedBagOfSyllables(text, dimension, options.normalizeEmbeddings ?? false),
      })),
      usage: { prompt_tokens: 0, total_tokens: 0 },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    requestsTo: (endpoint) => requests.filter((r) => r.path === `/v1/${endpoint}`),
    script: (...steps) => void chatSteps.push(...steps),
    scriptEmbeddings: (...steps) => void embeddingSteps.push(...steps),
    replyFor,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // hung requests would otherwise keep close() waiting forever
        server.close(() => resolve());
      }),
  };
}

function replyFor(step: 'good' | 'invent-figure' | 'phantom-citation', body: any): string {
  const user: string = body?.messages?.find((m: any) => m.role === 'user')?.content ?? '';
  const passages = [...user.matchAll(/<passage n="(\d+)">[\s\S]*?Nội dung: ([\s\S]*?)\n<\/passage>/g)].map((m) => m[2]!);
  const question = user.match(/<question>\n([\s\S]*?)\n<\/question>/)?.[1] ?? '';
  if (passages.length === 0) return 'NOT_FOUND';
  const wanted = new Set(tokenize(question));
  let best = '';
  let bestScore = -1;
  for (const sentence of splitSentences(passages[0]!)) {
    const score = tokenize(sentence).filter((t) => wanted.has(t)).length;
    if (score > bestScore) [best, bestScore] = [sentence, score];
  }
  const claim = best.replace(/[.!?…]+$/, '');
  const marker = step === 'phantom-citation' ? `[${passages.length + 1}]` : '[1]';
  const answer = `${claim} ${marker}.`;
  return step === 'invent-figure' ? `${answer} Con số này tương đương ${INVENTED_FIGURE} [1].` : answer;
}

/** Deterministic embedding: each syllable adds ±1 to a hashed coordinate, so similar texts get similar vectors. */
function hashedBagOfSyllables(text: string, dimension: number, normalize: boolean): number[] {
  const vector = new Array<number>(dimension).fill(0);
  for (const token of tokenize(text)) {
    const h = fnv1a(token);
    vector[h % dimension]! += (h >>> 16) & 1 ? 1 : -1;
  }
  if (!vector.some((v) => v !== 0)) vector[0] = 1;
  if (!normalize) return vector;
  const norm = Math.hypot(...vector);
  return vector.map((v) => v / norm);
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function splitEvery(text: string, size: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

function sendError(res: ServerResponse, step: HttpErrorStep): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (step.retryAfter !== undefined) headers['retry-after'] = step.retryAfter;
  res.writeHead(step.status, headers);
  res.end(JSON.stringify({ error: { message: step.message ?? `fake error ${step.status}`, type: 'fake_error' } }));
}
