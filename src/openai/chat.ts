import { CallLimits, toOpenAiError, type OpenAiClient } from './client.js';
import { OpenAiError } from './errors.js';

/** One message of a chat completion request. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A chat completion request; only the fields every OpenAI-compatible server understands. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
}

/** Limits of one answer beyond the client's idle timeout: an overall deadline, the caller's cancellation. */
export interface ChatLimits {
  /** The whole answer (retries and streaming included) must be complete within this; unset: no deadline. */
  deadlineMs?: number;
  signal?: AbortSignal;
}

const ENDPOINT = 'chat/completions';

/** Sends a non-streamed chat completion and returns the assistant's text. */
export async function chatCompletion(client: OpenAiClient, request: ChatRequest, limits: ChatLimits = {}): Promise<string> {
  const call = new CallLimits(client.timeoutMs, limits);
  try {
    const completion = await call.race(client.sdk.chat.completions.create({ ...request, stream: false }, { signal: call.signal }));
    const message = completion.choices?.[0]?.message;
    if (!message) throw new OpenAiError(`${client.where}/${ENDPOINT} answered without choices[0].message`, 'protocol');
    return message.content ?? '';
  } catch (error) {
    throw toOpenAiError(error, client, ENDPOINT, call);
  } finally {
    call.dispose();
  }
}

/**
 * Sends a streamed chat completion and yields the assistant's text as it arrives. The stream must
 * deliver an event every `client.timeoutMs` (keep-alive comments do not count) and end by the deadline.
 */
export async function* chatCompletionStream(client: OpenAiClient, request: ChatRequest, limits: ChatLimits = {}): AsyncGenerator<string> {
  const call = new CallLimits(client.timeoutMs, limits);
  try {
    const stream = await call.race(client.sdk.chat.completions.create({ ...request, stream: true }, { signal: call.signal }));
    for await (const chunk of stream) {
      call.activity();
      // Usage-only chunks (no choices) and role-only deltas carry no text.
      const text = chunk.choices?.[0]?.delta?.content;
      if (text) yield text;
    }
    // The SDK ends an aborted stream quietly, as if the server had finished.
    if (call.reason) throw new Error('aborted');
  } catch (error) {
    throw toOpenAiError(error, client, ENDPOINT, call);
  } finally {
    call.dispose();
  }
}
