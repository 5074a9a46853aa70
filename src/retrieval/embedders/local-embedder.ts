import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { env, LogLevel, ModelFileNotFoundError, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import type { Embedder } from '../embedder.js';

/** Byte progress of one model file being fetched (or read from the cache) while the model loads. */
export interface ModelLoadProgress {
  file: string;
  loaded: number;
  /** 0 when the size is not known yet. */
  total: number;
}

/** Options of {@link createLocalEmbedder}. */
export interface LocalEmbedderOptions {
  /** Hugging Face model id, e.g. `Xenova/multilingual-e5-small`. Ignored as a location when `modelPath` is set. */
  model: string;
  /** Download cache; a model already laid out here as `<modelsDir>/<model id>/…` is used without the network. */
  modelsDir: string;
  /** A model folder already on disk (config.json, tokenizer files, onnx/). Never touches the network. */
  modelPath?: string;
  /** Use the 8-bit weights (`onnx/model_quantized.onnx`, default) rather than fp32 (`onnx/model.onnx`). */
  quantized?: boolean;
  /** When false, only local folders and the cache are used; loading fails rather than downloading. Default true. */
  allowDownload?: boolean;
  /** Texts per model call while embedding passages; 16 by default. */
  batchSize?: number;
  onProgress?: (progress: ModelLoadProgress) => void;
}

/** A local embedder; `dispose` releases the ONNX session (tests, shutdown). */
export interface LocalEmbedder extends Embedder {
  dispose(): Promise<void>;
}

/**
 * The embedding model could not be loaded. `reason` is short and human (a missing file, no network),
 * for the one-line notice that tells the admin how to enable semantic search.
 */
export class EmbeddingModelUnavailableError extends Error {
  override name = 'EmbeddingModelUnavailableError';
  constructor(
    readonly model: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the embedding model ${model} could not be loaded (${reason})`, options);
  }
}

/** E5 models were trained with these prefixes; without them their vectors are noticeably worse. */
const E5_QUERY_PREFIX = 'query: ';
const E5_PASSAGE_PREFIX = 'passage: ';

/** True for E5-family model names (`intfloat/multilingual-e5-small`, `e5-base-v2`…), which need prefixes. */
export function isE5Model(name: string): boolean {
  return /(^|[/_.-])e5([_.-]|$)/i.test(name);
}

/** Same rule transformers.js applies; a folder name outside it cannot be addressed through localModelPath. */
const HUB_ID = /^(\b[\w\-.]+\b\/)?\b[\w\-.]{1,96}\b$/;

/** Where transformers.js should look, given the user's settings. */
function resolveLocation(options: LocalEmbedderOptions): { id: string; name: string; localModelPath: string; remote: boolean } {
  if (options.modelPath !== undefined) {
    const folder = resolve(options.modelPath);
    const base = basename(folder);
    // A copy of the configured model keeps its full name, so moving a downloaded model to an offline
    // machine does not look like a model change and force a re-ingest.
    const name = options.model.split('/').pop() === base ? options.model : base;
    // A valid id lets the library use its ordinary "local model" lookup; otherwise the absolute path itself works as an id.
    if (HUB_ID.test(base) && !base.includes('..') && !base.includes('--')) {
      return { id: base, name, localModelPath: dirname(folder), remote: false };
    }
    return { id: folder, name, localModelPath: dirname(folder), remote: false };
  }
  return { id: options.model, name: options.model, localModelPath: resolve(options.modelsDir), remote: options.allowDownload ?? true };
}

/** Turns a loading failure into a short reason an admin can act on. */
export function describeLoadFailure(error: unknown): string {
  if (error instanceof ModelFileNotFoundError) {
    const where = /"([^"]+)"/.exec(error.message)?.[1];
    if (!where) return error.message;
    return /^https?:/.test(where) ? `cannot download ${where}` : `missing file ${where}`;
  }
  const err = error as { message?: string; cause?: { code?: string; message?: string } };
  if (err?.message === 'fetch failed' || err?.cause?.code) {
    return `cannot reach ${new URL(env.remoteHost).host}: ${err.cause?.code ?? err.cause?.message ?? 'fetch failed'}`;
  }
  return String(err?.message ?? error).split('\n')[0]!;
}

function toVectors(data: Float32Array, count: number, dim: number): Float32Array[] {
  const out: Float32Array[] = [];
  // Copies, so callers may keep vectors after the tensor's buffer is reused or released.
  for (let i = 0; i < count; i++) out.push(data.slice(i * dim, (i + 1) * dim));
  return out;
}

/**
 * Loads a local transformers.js feature-extraction model (mean pooling, unit length) and wraps it as an
 * {@link Embedder}. With `modelPath`, the model is read from that folder with remote models disabled;
 * otherwise it comes from `modelsDir` (cache) or is downloaded once into it.
 * Throws {@link EmbeddingModelUnavailableError} when the model cannot be loaded.
 */
export async function createLocalEmbedder(options: LocalEmbedderOptions): Promise<LocalEmbedder> {
  const dtype = options.quantized === false ? 'fp32' : 'q8';
  const location = resolveLocation(options);
  const batchSize = Math.max(1, options.batchSize ?? 16);

  if (options.modelPath !== undefined && !existsSync(resolve(options.modelPath))) {
    throw new EmbeddingModelUnavailableError(location.name, `EMBEDDING_MODEL_PATH ${resolve(options.modelPath)} does not exist`);
  }

  // transformers.js keeps these settings globally; set every one each time so an earlier embedder's
  // offline mode does not leak into this one.
  env.allowLocalModels = true;
  env.allowRemoteModels = location.remote;
  env.localModelPath = location.localModelPath;
  env.cacheDir = resolve(options.modelsDir);
  // "Unable to load from local path" is expected before every download; keep stderr for real problems.
  env.logLevel = LogLevel.ERROR;

  let extractor: FeatureExtractionPipeline;
  try {
    extractor = await pipeline<'feature-extraction'>('feature-extraction', location.id, {
      dtype,
      cache_dir: resolve(options.modelsDir),
      local_files_only: !location.remote,
      progress_callback: (info) => {
        if (info.status === 'progress') options.onProgress?.({ file: info.file, loaded: info.loaded, total: info.total });
        else if (info.status === 'done') options.onProgress?.({ file: info.file, loaded: 1, total: 1 });
      },
    });
  } catch (error) {
    throw new EmbeddingModelUnavailableError(location.name, describeLoadFailure(error), { cause: error });
  }

  const e5 = isE5Model(location.name);
  const embedBatch = async (texts: string[]): Promise<Float32Array[]> => {
    const output = await extractor(texts, { pooling: 'mean', normalize: true });
    const dim = output.dims[output.dims.length - 1]!;
    return toVectors(output.data as Float32Array, texts.length, dim);
  };

  const hidden = (extractor.model.config as unknown as { hidden_size?: unknown }).hidden_size;
  const dimension = typeof hidden === 'number' && hidden > 0 ? hidden : (await embedBatch(['']))[0]!.length;

  return {
    modelId: `${location.name}@${dtype}`,
    dimension,
    async embedPassages(texts: string[]): Promise<Float32Array[]> {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const batch = texts.slice(i, i + batchSize).map((t) => (e5 ? E5_PASSAGE_PREFIX + t : t));
        out.push(...(await embedBatch(batch)));
      }
      return out;
    },
    async embedQuery(text: string): Promise<Float32Array> {
      const [vector] = await embedBatch([e5 ? E5_QUERY_PREFIX + text : text]);
      return vector!;
    },
    async dispose(): Promise<void> {
      await extractor.dispose();
    },
  };
}
