import { displayUrl } from '../../openai/display-url.js';
import type { CoreConfig } from '../../config/core-config.js';
import type { Embedder } from '../embedder.js';
import { createLocalEmbedder, describeLoadFailure, EmbeddingModelUnavailableError, type ModelLoadProgress } from './local-embedder.js';
import { ExpectedError } from '../../errors.js';

/** Options of {@link selectEmbedder} that are not environment variables. */
export interface SelectEmbedderOptions {
  /** Download progress of the local model (shown by the ingestion CLI). */
  onProgress?: (progress: ModelLoadProgress) => void;
  /** When false, the local model must already be on disk; default true (download on first use). */
  allowDownload?: boolean;
  /** Local model weights: 8-bit (default) or fp32. */
  quantized?: boolean;
}

/** The chosen embedder (null = lexical retrieval only) and, when semantic search is off, the one line saying why. */
export interface EmbedderChoice {
  embedder: Embedder | null;
  notice: string | null;
}

/** The configured embeddings backend cannot be used although it was asked for explicitly. */
export class EmbeddingsUnavailableError extends ExpectedError {
  override name = 'EmbeddingsUnavailableError';
}

export const LEXICAL_ONLY_NOTICE = 'Semantic search is off (EMBEDDINGS=none): lexical retrieval only.';

/** How to get semantic search working, depending on what was configured. */
function howToEnable(config: CoreConfig): string {
  if (config.EMBEDDING_MODEL_PATH !== undefined) {
    return (
      'To enable it, point EMBEDDING_MODEL_PATH at a model folder holding config.json, tokenizer.json, ' +
      'tokenizer_config.json and onnx/model_quantized.onnx.'
    );
  }
  return 'To enable it, connect to the internet once (the model is then kept in MODELS_DIR) or set EMBEDDING_MODEL_PATH to a downloaded model folder.';
}

function unavailable(config: CoreConfig, error: unknown): string {
  if (error instanceof EmbeddingModelUnavailableError) return error.message;
  return `the embedding model ${config.EMBEDDING_MODEL} could not be loaded (${describeLoadFailure(error)})`;
}

/**
 * Picks the embeddings backend from `EMBEDDINGS`:
 * - `auto` (default): the local model if it can be loaded, otherwise lexical only with one notice line;
 * - `local`: the local model, or an {@link EmbeddingsUnavailableError} with the same explanation;
 * - `openai`: the OpenAI-compatible `/embeddings` endpoint (OPENAI_* variables); failure is an error;
 * - `none`: lexical only.
 */
export async function selectEmbedder(config: CoreConfig, options: SelectEmbedderOptions = {}): Promise<EmbedderChoice> {
  switch (config.EMBEDDINGS) {
    case 'none':
      return { embedder: null, notice: LEXICAL_ONLY_NOTICE };
    case 'openai': {
      const { createOpenAiEmbedder, openAiEmbedderOptionsFromConfig } = await import('./openai-embedder.js');
      try {
        const embedder = await createOpenAiEmbedder(openAiEmbedderOptionsFromConfig(config));
        return { embedder, notice: null };
      } catch (error) {
        throw new EmbeddingsUnavailableError(
          `EMBEDDINGS=openai but the embedding model ${config.OPENAI_EMBEDDING_MODEL} at ${displayUrl(config.OPENAI_BASE_URL)} ` +
            `could not be used (${(error as Error).message}). ` +
            'Check OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_EMBEDDING_MODEL, or set EMBEDDINGS=auto.',
          { cause: error },
        );
      }
    }
    case 'local':
    case 'auto': {
      try {
        const embedder = await createLocalEmbedder({
          model: config.EMBEDDING_MODEL,
          modelsDir: config.MODELS_DIR,
          modelPath: config.EMBEDDING_MODEL_PATH,
          quantized: options.quantized,
          allowDownload: options.allowDownload,
          onProgress: options.onProgress,
        });
        return { embedder, notice: null };
      } catch (error) {
        const why = `${unavailable(config, error)}. ${howToEnable(config)}`;
        if (config.EMBEDDINGS === 'local') throw new EmbeddingsUnavailableError(`EMBEDDINGS=local but ${why}`, { cause: error });
        return { embedder: null, notice: `Semantic search is off (lexical mode): ${why}` };
      }
    }
  }
}
