import fs from 'node:fs';
import path from 'node:path';
import { coreConfigSchema } from '../src/config/core-config.js';
import { percentile } from '../src/cli/eval-data.js';
import { selectEmbedder } from '../src/retrieval/embedders/select-embedder.js';
import { HybridRetriever } from '../src/retrieval/hybrid-retriever.js';
import { LexicalRetriever } from '../src/retrieval/lexical-retriever.js';
import { IndexStore } from '../src/store/store.js';
import { withVectors } from '../src/store/passage-store.js';
import { VectorIndex } from '../src/store/vector-index.js';
import { recordedVectors, vectorFilePath } from '../src/store/vector-meta.js';
import { runIngestProcess } from '../src/ingestion/ingest-process.js';
import { buildTinyModel, measureEmbeddingThroughput } from '../test/helpers/tiny-model.js';

/** What the hybrid part of the benchmark measured. */
export interface HybridBench {
  chunks: number;
  ingestSeconds: number;
  embedded: number;
  embeddingChunksPerSecond: number;
  /** Search + fusion + re-ranking for an already embedded question, p50/p95. */
  hybridSearch: [number, number];
  /** Embedding one question with the model, p50/p95. */
  queryEmbedding: [number, number];
  /** Lexical retrieval on the same index, for comparison, p50/p95. */
  lexical: [number, number];
}

/**
 * Semantic search with the tiny test model (a hardware-independent smoke number: the real E5 model
 * is much slower per chunk, and is not downloaded by the benchmark). Ingests `inputs` with
 * embeddings into `indexDir`, measures embedding throughput, then hybrid retrieval latency with
 * precomputed question vectors, so the number is search and ranking alone.
 */
export async function benchHybrid(inputs: string[], workDir: string, questions: string[]): Promise<HybridBench> {
  const model = await buildTinyModel(path.join(workDir, 'models'), { id: 'bench-tiny' });
  const indexDir = path.join(workDir, 'index-hybrid');
  fs.rmSync(indexDir, { recursive: true, force: true });
  const config = { ...coreConfigSchema.parse({ EMBEDDINGS: 'local' }), EMBEDDING_MODEL_PATH: model.modelPath, INDEX_DIR: indexDir };
  const saved = { EMBEDDINGS: process.env.EMBEDDINGS, EMBEDDING_MODEL_PATH: process.env.EMBEDDING_MODEL_PATH };
  // The ingest child inherits this process's environment.
  process.env.EMBEDDINGS = 'local';
  process.env.EMBEDDING_MODEL_PATH = model.modelPath;
  let summary;
  try {
    summary = await runIngestProcess({ inputs, indexDir, prune: true });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }

  const { embedder } = await selectEmbedder(config);
  if (!embedder) throw new Error('the tiny embedding model could not be opened');
  const store = IndexStore.openForRead(indexDir);
  try {
    const sample = store.chunksForEmbedding(store.chunkRowids().slice(0, 2000)).map((c) => `${c.title}\n${c.text}`);
    const throughput = await measureEmbeddingThroughput(embedder, sample);

    const recorded = recordedVectors(store);
    if (!recorded) throw new Error('the hybrid index has no vectors');
    const vectors = await VectorIndex.load(vectorFilePath(indexDir, recorded.file), recorded.dimension, { modelId: recorded.model });
    const lexical = new LexicalRetriever(store);
    const hybrid = new HybridRetriever(withVectors(store, vectors), lexical, embedder, { lexical: 1, vector: 1 });
    const embedMs: number[] = [];
    const queryVectors: Float32Array[] = [];
    for (const q of questions) {
      const t = performance.now();
      queryVectors.push(await embedder.embedQuery(q));
      embedMs.push(performance.now() - t);
    }
    for (const [i, q] of questions.slice(0, 50).entries()) hybrid.searchWithVector(queryVectors[i]!, q, 5);
    const hybridMs: number[] = [];
    const lexicalMs: number[] = [];
    for (const [i, q] of questions.entries()) {
      let t = performance.now();
      hybrid.searchWithVector(queryVectors[i]!, q, 5);
      hybridMs.push(performance.now() - t);
      t = performance.now();
      lexical.retrieve(q, 5);
      lexicalMs.push(performance.now() - t);
    }
    const p = (xs: number[]): [number, number] => [percentile(xs, 50), percentile(xs, 95)];
    return {
      chunks: summary.chunks,
      ingestSeconds: summary.seconds,
      embedded: summary.embedded,
      embeddingChunksPerSecond: throughput.chunksPerSecond,
      hybridSearch: p(hybridMs),
      queryEmbedding: p(embedMs),
      lexical: p(lexicalMs),
    };
  } finally {
    store.close();
    await (embedder as { dispose?: () => Promise<void> }).dispose?.();
  }
}
