import { CallLimits, toOpenAiError, type OpenAiClient } from './client.js';
import { OpenAiError } from './errors.js';

/** An embeddings request; `dimensions` is honoured by models that can shorten their vectors. */
export interface EmbeddingsRequest {
  model: string;
  input: string[];
  dimensions?: number;
}

const ENDPOINT = 'embeddings';

/** Calls `POST /embeddings` and returns one vector per input, in input order. */
export async function createEmbeddings(client: OpenAiClient, request: EmbeddingsRequest): Promise<number[][]> {
  let data: Array<{ index: number; embedding: number[] }>;
  const call = new CallLimits(client.timeoutMs);
  try {
    const answer = await call.race(
      client.sdk.embeddings.create(
        {
          model: request.model,
          input: request.input,
          encoding_format: 'float',
          ...(request.dimensions !== undefined ? { dimensions: request.dimensions } : {}),
        },
        { signal: call.signal },
      ),
    );
    data = answer.data;
  } catch (error) {
    throw toOpenAiError(error, client, ENDPOINT, call);
  } finally {
    call.dispose();
  }
  if (!Array.isArray(data)) throw new OpenAiError(`${client.where}/${ENDPOINT} answered without data[].embedding`, 'protocol');
  const vectors = new Array<number[]>(request.input.length);
  for (const item of data) {
    if (Number.isInteger(item?.index) && item.index >= 0 && item.index < request.input.length && Array.isArray(item.embedding))
      vectors[item.index] = item.embedding;
  }
  for (let i = 0; i < request.input.length; i++) {
    if (!vectors[i])
      throw new OpenAiError(`${client.where}/${ENDPOINT} returned ${data.length} vectors for ${request.input.length} texts`, 'protocol');
  }
  return vectors;
}
