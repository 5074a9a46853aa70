import fs from 'node:fs';
import type { CoreConfig } from '../config/core-config.js';
import type { Embedder } from '../retrieval/embedder.js';
import type { ModelLoadProgress } from '../retrieval/embedders/local-embedder.js';
import { databasePath, IndexStore } from '../store/store.js';
import { recordedVectors } from '../store/vector-meta.js';

/** Where the notices go; stderr unless a test captures them. */
export interface EmbedderForIngestOptions {
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Model files smaller than this (configs, tokenizers) load in a blink: no progress shown for them. */
const MIN_REPORTED_BYTES = 1_000_000;

/**
 * The embedder ingestion fills the vector index with, per EMBEDDINGS; null in lexical mode, after
 * printing one line that says so and how to turn semantic search on. Shows the model's download
 * progress, and says when the model differs from the one the index's vectors were made with (the
 * run then re-embeds every chunk). EMBEDDINGS=local or openai that cannot be used is an error.
 */
export async function openEmbedderForIngest(
  config: CoreConfig,
  indexDir: string,
  options: EmbedderForIngestOptions = {},
): Promise<Embedder | null> {
  const stderr = options.stderr ?? process.stderr;
  // Imported only now: transformers.js takes a while to load, and only this path needs it.
  const { selectEmbedder } = await import('../retrieval/embedders/select-embedder.js');
  const progress = modelLoadProgress(stderr);
  const choice = await selectEmbedder(config, { onProgress: progress });
  if (choice.notice) stderr.write(`${choice.notice}\n`);
  if (choice.embedder) {
    const previous = indexedModel(indexDir);
    if (previous && previous !== choice.embedder.modelId) {
      stderr.write(
        `Embedding model changed: the index's vectors were made with ${previous}; this run re-embeds every chunk with ${choice.embedder.modelId}.\n`,
      );
    }
  }
  return choice.embedder;
}

/** The model the index's vectors were made with, if the index exists and has vectors. */
function indexedModel(indexDir: string): string | null {
  if (!fs.existsSync(databasePath(indexDir))) return null;
  let store: IndexStore | null = null;
  try {
    store = IndexStore.openForRead(indexDir);
    return recordedVectors(store)?.model ?? null;
  } catch {
    return null; // an unusable index is reported by the ingestion itself, with what to do
  } finally {
    store?.close();
  }
}

/**
 * Download progress of the model's large files: a line rewritten in place on a terminal, a line
 * every 10% otherwise (so logs of scheduled runs stay short).
 */
function modelLoadProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }): (progress: ModelLoadProgress) => void {
  const lastStep = new Map<string, number>();
  const tty = stream.isTTY === true;
  return ({ file, loaded, total }) => {
    if (total < MIN_REPORTED_BYTES) return;
    const percent = Math.min(100, Math.floor((loaded / total) * 100));
    const step = tty ? percent : Math.floor(percent / 10);
    if (lastStep.get(file) === step) return;
    lastStep.set(file, step);
    const line = `Embedding model ${file}: ${percent}% of ${(total / 1e6).toFixed(0)} MB`;
    if (!tty) stream.write(`${line}\n`);
    else stream.write(`\r${line}${percent === 100 ? '\n' : ''}`);
  };
}
