import type { ReindexRunner } from '../../../src/ingestion/reindex.js';
import type { IngestProgress, IngestSummary } from '../../../src/ingestion/types.js';

/** A scriptable /reindex for bot tests that need no child process: `reindexWith` decides the run. */
export class FakeReindexer implements ReindexRunner {
  reindexWith: (onProgress?: IngestProgress) => Promise<IngestSummary> = async (onProgress) => {
    onProgress?.({ phase: 'read', done: 1, total: 1 });
    return { filesRead: 1, added: 0, updated: 1, unchanged: 0, removed: 0, chunks: 3, embedded: 0, skipped: [], seconds: 0.1 };
  };
  /** How many runs were asked for. */
  calls = 0;

  reindex(onProgress?: IngestProgress): Promise<IngestSummary> {
    this.calls++;
    return this.reindexWith(onProgress);
  }

  async stop(): Promise<void> {}
}
