import { z } from 'zod';
import type { OpenAiClient } from './client.js';
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

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable().optional() }) })).min(1),
});

const chunkSchema = z.object({
  choices: z.array(z.object({ delta: z.object({ content: z.string().nullable().optional() }).optional() })).optional(),
});

/** Sends a non-streamed chat completion and returns the assistant's text. */
export async function chatCompletion(client: OpenAiClient, request: ChatRequest, signal?: AbortSignal): Promise<string> {
  const raw = await client.postJson('chat/completions', { ...request, stream: false }, signal);
  const parsed = completionSchema.safeParse(raw);
  if (!parsed.success) throw new OpenAiError(`${client.where}/chat/completions answered without choices[0].message`, 'protocol');
  return parsed.data.choices[0]!.message.content ?? '';
}

/** Sends a streamed chat completion and yields the assistant's text as it arrives. */
export async function* chatCompletionStream(client: OpenAiClient, request: ChatRequest, signal?: AbortSignal): AsyncGenerator<string> {
  for await (const event of client.postStream('chat/completions', { ...request, stream: true }, signal)) {
    const parsed = chunkSchema.safeParse(event);
    if (!parsed.success) throw new OpenAiError(`${client.where}/chat/completions streamed an unexpected event`, 'protocol');
    // Usage-only chunks (no choices) and role-only deltas carry no text.
    const text = parsed.data.choices?.[0]?.delta?.content;
    if (text) yield text;
  }
}
