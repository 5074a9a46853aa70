import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createQaService } from '../../src/answer/qa-service.js';
import type { QaService } from '../../src/answer/qa-service-types.js';
import { coreConfigSchema, type CoreConfig } from '../../src/config/core-config.js';
import { ingest } from '../../src/ingestion/ingest.js';

/** The project's shipped corpus folder. */
export const SHIPPED_CORPUS = path.resolve(import.meta.dirname, '../../corpus');

/** Core settings as a fresh install has them (no API key, no embeddings), with overrides. */
export function defaultConfig(overrides: Partial<CoreConfig> = {}): CoreConfig {
  return { ...coreConfigSchema.parse({ EMBEDDINGS: 'none' }), ...overrides };
}

/** Ingests the shipped corpus into a temporary index, as `npm run ingest` would; `cleanup()` removes it. */
export async function ingestShippedCorpus(): Promise<{ indexDir: string; cleanup(): void }> {
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipped-index-'));
  await ingest({ inputs: [SHIPPED_CORPUS], indexDir, embedder: null });
  return { indexDir, cleanup: () => fs.rmSync(indexDir, { recursive: true, force: true }) };
}

/**
 * Ingests the shipped corpus into a temporary index and opens the real question-answering
 * service on it, as a fresh install would after `npm run ingest`. `close()` removes the index.
 */
export async function createShippedQa(
  overrides: Partial<CoreConfig> = {},
): Promise<{ qa: QaService; indexDir: string; close(): Promise<void> }> {
  const { indexDir, cleanup } = await ingestShippedCorpus();
  return openQa(indexDir, SHIPPED_CORPUS, cleanup, overrides);
}

/** The real question-answering service over an ingested index; `close()` closes it, then runs `cleanup`. */
export async function openQa(
  indexDir: string,
  corpusDir: string,
  cleanup: () => void,
  overrides: Partial<CoreConfig> = {},
): Promise<{ qa: QaService; indexDir: string; close(): Promise<void> }> {
  const qa = await createQaService(defaultConfig({ INDEX_DIR: indexDir, CORPUS_DIR: corpusDir, ...overrides }));
  return {
    qa,
    indexDir,
    async close() {
      await qa.close();
      cleanup();
    },
  };
}
