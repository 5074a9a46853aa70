import path from 'node:path';
import { IndexStore } from '../../src/index/store.js';
import { ingest } from '../../src/ingestion/ingest.js';
import { tempDir, writeCorpus } from '../operations-helpers.js';

/** A briefing as a test writes it: the JSONL fields, `source` added. */
export type TestBriefing = { id: string; title: string; text: string; region?: string; date?: string };

/**
 * Ingests `briefings` (as one JSONL file, lexical only) into a temporary index and opens it for
 * reading. `close()` closes the store and removes the folder.
 */
export async function indexBriefings(prefix: string, briefings: TestBriefing[]): Promise<{ store: IndexStore; close(): void }> {
  const tmp = tempDir(prefix);
  const corpus = path.join(tmp.dir, 'corpus');
  const indexDir = path.join(tmp.dir, 'index');
  writeCorpus(corpus, { 'briefings.jsonl': briefings.map((b) => JSON.stringify({ ...b, source: 'test' })).join('\n') });
  await ingest({ inputs: [corpus], indexDir, embedder: null });
  const store = IndexStore.openForRead(indexDir);
  return {
    store,
    close() {
      store.close();
      tmp.cleanup();
    },
  };
}
