import type { CoreConfig } from '../config/core-config.js';
import type { Passage } from '../store/types.js';
import { chatCompletion, chatCompletionStream, type ChatRequest } from '../openai/chat.js';
import { createOpenAiClient, type OpenAiClientOptions } from '../openai/client.js';
import { OpenAiError } from '../openai/errors.js';
import { answerSentenceSpans, buildCitations, checkAnswer, checkSentence, isOnlyCitationMarkers, looksLikeRefusal } from './grounding.js';
import { buildPrompt, NOT_FOUND_SENTINEL, notFoundMessage } from './prompt.js';
import { parseQuestionFrame } from '../text/question-frame.js';
import type { Citation } from './types.js';

/** A checked answer written by the LLM. */
export interface LlmAnswer {
  status: 'answered' | 'not_found';
  answer: string;
  citations: Citation[];
}

/** Streamed answer: deltas of checked sentences, then the same result `answer()` would give. */
export type LlmStreamEvent = { type: 'delta'; text: string } | { type: 'done'; result: LlmAnswer };

/** Writes short cited answers from retrieved passages with an OpenAI-compatible chat model. */
export interface LlmAnswerer {
  readonly model: string;
  /** Throws {@link LlmFailure} when the server fails or the answer is not grounded in the passages. */
  answer(question: string, passages: Passage[]): Promise<LlmAnswer>;
  /**
   * Yields the answer one grounded sentence at a time; concatenated deltas equal `answer()`'s text
   * for the same server reply. Throws {@link LlmFailure} (possibly after some deltas) like `answer()`.
   */
  stream(question: string, passages: Passage[]): AsyncIterable<LlmStreamEvent>;
}

/** Why the LLM answer was not used: the server failed, or its answer was not grounded. */
export type LlmFailureKind = 'timeout' | 'http' | 'network' | 'protocol' | 'grounding';

/**
 * The LLM could not give a usable answer. The caller falls back to the extractive answer and logs
 * `reason`, which never contains the API key.
 */
export class LlmFailure extends Error {
  override name = 'LlmFailure';
  constructor(
    readonly kind: LlmFailureKind,
    readonly reason: string,
  ) {
    super(`LLM answer unusable (${kind}): ${reason}`);
  }
}

/** Settings of the LLM answerer. */
export interface LlmAnswererOptions extends OpenAiClientOptions {
  model: string;
  /** Passages beyond this many (approximate) tokens are cut, lowest-ranked first. Default 3000. */
  passageTokenBudget?: number;
  /** Default 0: the same question gets the same answer. */
  temperature?: number;
  /**
   * The whole answer (retries, waiting and streaming included) must be complete within this many
   * ms, or it fails as a timeout and the extractive answer is used: a server that keeps a stream
   * open with keep-alive comments or a trickle of text cannot keep a user waiting. Unset: none.
   */
  deadlineMs?: number;
  /** Aborted when the program stops: answers being written are cancelled (and fall back) at once. */
  signal?: AbortSignal;
}

/** The answerer's options from the core configuration, or null when no LLM is configured (no API key). */
export function llmOptionsFromConfig(config: CoreConfig): LlmAnswererOptions | null {
  if (!config.OPENAI_API_KEY) return null;
  return {
    baseUrl: config.OPENAI_BASE_URL,
    apiKey: config.OPENAI_API_KEY,
    model: config.OPENAI_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxRetries: config.LLM_MAX_RETRIES,
    deadlineMs: config.LLM_DEADLINE_MS,
    passageTokenBudget: config.LLM_PASSAGE_TOKEN_BUDGET,
  };
}

/** Creates the answerer; nothing is sent until the first question. */
export function createLlmAnswerer(options: LlmAnswererOptions): LlmAnswerer {
  const client = createOpenAiClient(options);
  const budget = options.passageTokenBudget ?? 3000;

  function prepare(question: string, passages: Passage[]) {
    const prompt = buildPrompt(question, passages, { passageTokenBudget: budget });
    const request: ChatRequest = { model: options.model, messages: prompt.messages, temperature: options.temperature ?? 0 };
    return { request, given: prompt.passages };
  }

  const notFound = (question: string): LlmAnswer => ({ status: 'not_found', answer: notFoundMessage(question), citations: [] });

  return {
    model: options.model,

    async answer(question, passages) {
      if (passages.length === 0) return notFound(question);
      const { request, given } = prepare(question, passages);
      let raw: string;
      try {
        raw = await chatCompletion(client, request, { deadlineMs: options.deadlineMs, signal: options.signal });
      } catch (error) {
        throw toFailure(error);
      }
      return finish(question, raw, given);
    },

    async *stream(question, passages) {
      if (passages.length === 0) {
        yield { type: 'done', result: notFound(question) };
        return;
      }
      const { request, given } = prepare(question, passages);
      let raw = '';
      let released = 0;
      let checked = 0;
      const cited = new Set<number>();
      const frame = parseQuestionFrame(question);
      try {
        for await (const delta of chatCompletionStream(client, request, { deadlineMs: options.deadlineMs, signal: options.signal })) {
          raw += delta;
          const text = visibleText(raw);
          if (text === null || mayBeSentinel(text)) continue;
          if (hasSentinel(text)) break; // the result is not_found whatever follows
          const spans = answerSentenceSpans(text);
          // The last sentence may still grow; an earlier one is complete once the next has really begun.
          const last = spans[spans.length - 1];
          const complete = last && !isOnlyCitationMarkers(last.text) ? spans.length - 1 : spans.length - 2;
          for (; checked < complete; checked++) {
            const verdict = checkSentence(spans[checked]!.text, given, cited, frame);
            if (!verdict.ok) throw new LlmFailure('grounding', verdict.reason);
            for (const n of verdict.cited) cited.add(n);
            const end = spans[checked + 1]!.start;
            yield { type: 'delta', text: text.slice(released, end) };
            released = end;
          }
        }
      } catch (error) {
        throw toFailure(error);
      }
      const result = finish(question, raw, given);
      // The rest of the text (or the not-found message) completes what was shown; text that was shown
      // but is not part of the result (a sentinel after a sentence) is left for the final event to replace.
      const shown = (visibleText(raw) ?? '').slice(0, released);
      if (result.answer.startsWith(shown) && result.answer.length > shown.length) {
        yield { type: 'delta', text: result.answer.slice(shown.length) };
      }
      yield { type: 'done', result };
    },
  };
}

/** Turns the model's full reply into the checked answer (shared by both paths so they agree). */
function finish(question: string, raw: string, given: Passage[]): LlmAnswer {
  const text = (visibleText(raw) ?? '').trim();
  if (text === '') throw new LlmFailure('protocol', 'the model returned an empty answer');
  if (hasSentinel(text)) return { status: 'not_found', answer: notFoundMessage(question), citations: [] };
  const verdict = checkAnswer(text, given, parseQuestionFrame(question));
  if (!verdict.ok) {
    if (verdict.kind === 'no-citation' && looksLikeRefusal(text)) return { status: 'not_found', answer: text, citations: [] };
    throw new LlmFailure('grounding', verdict.reason);
  }
  return { status: 'answered', answer: text, citations: buildCitations(text, given) };
}

/**
 * The reply as a user would read it: without a leading `<think>…</think>` block (reasoning models
 * served by Ollama or vLLM emit one) and leading whitespace. Null while the think block is still open.
 */
function visibleText(raw: string): string | null {
  const start = raw.trimStart();
  if (!start.startsWith('<think>')) return '<think>'.startsWith(start) && start !== '' ? null : start;
  const close = start.indexOf('</think>');
  return close < 0 ? null : start.slice(close + '</think>'.length).trimStart();
}

function hasSentinel(text: string): boolean {
  return new RegExp(`\\b${NOT_FOUND_SENTINEL}\\b`, 'i').test(text);
}

/** Stream text that might still become the sentinel is held back, so a not-found never flashes on screen. */
function mayBeSentinel(text: string): boolean {
  return text.length < NOT_FOUND_SENTINEL.length && NOT_FOUND_SENTINEL.startsWith(text.toUpperCase());
}

function toFailure(error: unknown): LlmFailure {
  if (error instanceof LlmFailure) return error;
  if (error instanceof OpenAiError) return new LlmFailure(error.kind, error.message);
  return new LlmFailure('protocol', error instanceof Error ? error.message : String(error));
}
