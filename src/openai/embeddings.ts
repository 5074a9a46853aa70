import { z } from 'zod';
import type { OpenAiClient } from './client.js';
import { OpenAiError } from './errors.js';

/** An embeddings request; `dimensions` is honoured by models that can shorten their vectors. */
export interface EmbeddingsRequest {
  model: string;
  input: string[];
  dimensions?: number;
}

const embeddingsSchema = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) })),
});

/** Calls `POST /embeddings` and returns one vector per input, in input order. */
export async function createEmbeddings(client: OpenAiClient, request: EmbeddingsRequest, signal?: AbortSignal): Promise<number[][]> {
  const body: Record<string, unknown> = { model: request.model, input: request.input, encoding_format: 'float' };
  if (request.dimensions !== undefined) body.dimensions = request.dimensions;
  const raw = await client.postJson('embeddings', body, signal);
  const parsed = embeddingsSchema.safeParse(raw);
  if (!parsed.success) throw new OpenAiError(`${client.where}/embeddings answered without data[].embedding`, 'protocol');
  const vectors: number[][] = new Array(request.input.length);
  for (const item of parsed.data.data) {
    if (item.index < request.input.length) vectors[item.index] = item.embedding;
  }
  for (let i = 0; i < request.input.length; i++) {
    if (!vectors[i]) {
      throw new OpenAiError(`${client.where}/embeddings returned ${parsed.data.data.length} vectors for ${request.input.length} texts`, 'protocol');
    }
  }
  return vectors;
}
