import type { CoreConfig } from '../../config/core-config.js';
import { createOpenAiClient, type OpenAiClient, type OpenAiClientOptions } from '../../openai/client.js';
import { createEmbeddings } from '../../openai/embeddings.js';
import { OpenAiError } from '../../openai/errors.js';
import type { Embedder } from '../embedder.js';

/** Settings of the `openai` embeddings backend (OPENAI_* variables). */
export interface OpenAiEmbedderOptions extends Omit<OpenAiClientOptions, 'timeoutMs'> {
  /** Embedding model name, e.g. `text-embedding-3-small` or an Ollama model. */
  model: string;
  timeoutMs: number;
  /** Texts per request. Default 64. */
  batchSize?: number;
  /** Asks the server for shorter vectors (text-embedding-3 models); otherwise the model's own size. */
  dimensions?: number;
}

/** The embedder's options from the core configuration (EMBEDDINGS=openai). */
export function openAiEmbedderOptionsFromConfig(config: CoreConfig): OpenAiEmbedderOptions {
  return {
    baseUrl: config.OPENAI_BASE_URL,
    apiKey: config.OPENAI_API_KEY,
    model: config.OPENAI_EMBEDDING_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxRetries: config.LLM_MAX_RETRIES,
    batchSize: config.OPENAI_EMBEDDING_BATCH,
    dimensions: config.OPENAI_EMBEDDING_DIMENSIONS,
  };
}

/**
 * Embeds with the `/embeddings` endpoint of an OpenAI-compatible server. The vector size is not
 * configured but learned: one probe request is made before the embedder is returned, which also
 * surfaces a wrong URL, key or model name at start-up rather than in the middle of an ingestion.
 */
export async function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Promise<Embedder> {
  const client = createOpenAiClient(options);
  const [probe] = await embedBatch(client, options, ['dimension probe']);
  const dimension = probe!.length;
  if (dimension === 0) throw new OpenAiError(`${client.where}/embeddings returned an empty vector for model ${options.model}`, 'protocol');
  return new OpenAiEmbedder(client, options, dimension);
}

class OpenAiEmbedder implements Embedder {
  readonly modelId: string;
  readonly #batchSize: number;

  constructor(
    private readonly client: OpenAiClient,
    private readonly options: OpenAiEmbedderOptions,
    readonly dimension: number,
  ) {
    // The size is part of the identity: the same model asked for fewer dimensions gives vectors that must not be mixed.
    this.modelId = `openai:${options.model}:${dimension}`;
    this.#batchSize = Math.max(1, options.batchSize ?? 64);
  }

  async embedPassages(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.#batchSize) {
      out.push(...(await this.#embed(texts.slice(start, start + this.#batchSize))));
    }
    return out;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [vector] = await this.#embed([text]);
    return vector!;
  }

  async #embed(texts: string[]): Promise<Float32Array[]> {
    const vectors = await embedBatch(this.client, this.options, texts);
    for (const vector of vectors) {
      if (vector.length !== this.dimension) {
        throw new OpenAiError(
          `${this.client.where}/embeddings returned a vector of ${vector.length} dimensions, expected ${this.dimension}`,
          'protocol',
        );
      }
    }
    return vectors;
  }
}

async function embedBatch(client: OpenAiClient, options: OpenAiEmbedderOptions, texts: string[]): Promise<Float32Array[]> {
  // Several servers reject an empty string as input; a space embeds to "nothing" just as well.
  const input = texts.map((t) => (t.trim() === '' ? ' ' : t));
  const raw = await createEmbeddings(client, { model: options.model, input, dimensions: options.dimensions });
  return raw.map(toUnitVector);
}

/** Cosine search assumes unit length; OpenAI already normalises, Ollama and others may not. */
function toUnitVector(values: number[]): Float32Array {
  const vector = Float32Array.from(values);
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] = vector[i]! / norm;
  return vector;
}
