import type { Embedder } from '../retrieval/embedder.js';
import type { IndexStore } from '../store/store.js';
import { removeStaleVectorFiles, VectorIndex, VectorIndexFileError } from '../store/vector-index.js';
import { forgetVectors, recordedVectors, recordVectors, vectorFilePath, type RecordedVectors } from '../store/vector-meta.js';
import { errorForLog, log, type Log } from '../log.js';
import type { IngestProgress } from './types.js';

/** Chunks added and removed by an ingestion run, for the vector index. */
export interface VectorChanges {
  added: Array<{ rowid: number; contentHash: string; text: string }>;
  removed: number[];
}

/** Texts per embedder call: big enough to batch well, small enough for a lively progress bar. */
const EMBED_BATCH = 64;
/** Chunks fetched from the store at a time, so a full rebuild never holds the corpus text in memory. */
const FETCH_BATCH = 500;

/**
 * Brings the vector index in line with the store's chunks, inside the ingestion transaction:
 * - no embedder: vectors are left alone when no chunk changed, otherwise dropped (they would no
 *   longer cover every chunk); the embedding cache keeps them for the next run with a model;
 * - same model as recorded: removed chunks' vectors are marked deleted, new chunks are embedded;
 * - another model (or no vectors yet, or an unreadable file): a new index for every chunk.
 * Vectors come from the cache (content hash + model) when present; only the rest are embedded.
 * The new generation file is saved before the caller commits, and recorded in the same
 * transaction, so a run that dies before COMMIT leaves the previous file referenced and intact.
 * Returns the number of chunks actually embedded. `options.logger`: where its warnings go (the global {@link log} when absent).
 */
export async function updateVectorIndex(
  store: IndexStore,
  embedder: Embedder | null,
  changes: VectorChanges,
  progress: IngestProgress,
  options: { logger?: Log } = {},
): Promise<number> {
  const logger = options.logger ?? log;
  const recorded = recordedVectors(store);
  const changed = changes.added.length > 0 || changes.removed.length > 0;
  if (!embedder) {
    if (recorded && changed) {
      forgetVectors(store);
      logger.warn(
        { event: 'vectors-dropped', model: recorded.model },
        `Semantic search turned off for this index: documents changed during a lexical-only ` +
          `ingestion. Ingest again with embeddings on to restore it (cached vectors are reused).`,
      );
    }
    return 0;
  }
  const sameModel = recorded !== null && recorded.model === embedder.modelId && recorded.dimension === embedder.dimension;
  // Nothing changed, but the file is still checked: the warning for a damaged file tells the admin
  // to re-ingest, so a re-ingest must rebuild it rather than report "nothing to do".
  const previous = sameModel ? await loadRecorded(store, recorded, logger) : null;
  if (previous && !changed) return 0;

  const index = previous ?? VectorIndex.create(embedder.dimension, store.chunkCount() + 16, { modelId: embedder.modelId });
  // Reconciled against the store rather than replayed from `changes`: this also repairs an index
  // left behind by an earlier run, and a fresh index simply has every chunk missing.
  const rowids = store.chunkRowids();
  const live = new Set(rowids);
  for (const label of index.labels()) if (!live.has(label)) index.remove(label);
  const missing = rowids.filter((rowid) => !index.has(rowid));
  const embedded = await addVectors(store, embedder, index, missing, changes, progress);

  const file = await index.saveAtomic(store.indexDir);
  recordVectors(store, { file, model: embedder.modelId, dimension: embedder.dimension });
  return embedded;
}

/**
 * After the ingestion transaction committed: deletes vector files the index no longer references
 * (earlier generations, files of runs that died before committing). Never throws: a file left
 * behind wastes space but breaks nothing, and the ingestion itself has succeeded.
 * `options.logger`: where a failure is logged (the global {@link log} when absent).
 */
export async function removeUnreferencedVectorFiles(store: IndexStore, options: { logger?: Log } = {}): Promise<void> {
  const recorded = recordedVectors(store);
  try {
    await removeStaleVectorFiles(store.indexDir, recorded ? [recorded.file] : []);
  } catch (error) {
    (options.logger ?? log).warn({ event: 'vector-cleanup-failed', err: errorForLog(error) }, 'Could not remove old vector index files');
  }
}

/** The recorded vector index, or null (to rebuild) when its file cannot be used. */
async function loadRecorded(store: IndexStore, recorded: RecordedVectors, logger: Log): Promise<VectorIndex | null> {
  try {
    return await VectorIndex.load(vectorFilePath(store.indexDir, recorded.file), recorded.dimension, { modelId: recorded.model });
  } catch (error) {
    if (!(error instanceof VectorIndexFileError)) throw error;
    logger.warn(
      { event: 'vectors-rebuilt', err: errorForLog(error) },
      'Rebuilding the vector index for every chunk (cached vectors are reused)',
    );
    return null;
  }
}

/** Adds a vector for each missing chunk, from the cache or the embedder; returns how many were embedded. */
async function addVectors(
  store: IndexStore,
  embedder: Embedder,
  index: VectorIndex,
  missing: number[],
  changes: VectorChanges,
  progress: IngestProgress,
): Promise<number> {
  // The text ingestion hashed for the chunks it just added; older chunks are read back from the store.
  const justAdded = new Map(changes.added.map((a) => [a.rowid, a]));
  let done = 0;
  let embedded = 0;
  progress({ phase: 'embed', done, total: missing.length });
  for (let start = 0; start < missing.length; start += FETCH_BATCH) {
    const batch = missing.slice(start, start + FETCH_BATCH);
    const fromStore = store
      .chunksForEmbedding(batch.filter((rowid) => !justAdded.has(rowid)))
      .map((c) => ({ rowid: c.rowid, contentHash: c.contentHash, text: `${c.title}\n${c.text}` }));
    const chunks = [...batch.flatMap((rowid) => justAdded.get(rowid) ?? []), ...fromStore];

    // Chunks with the same text share one embedding (and one model call).
    const toEmbed = new Map<string, { text: string; rowids: number[] }>();
    for (const chunk of chunks) {
      const cached = store.cachedEmbedding(chunk.contentHash, embedder.modelId);
      if (cached) {
        index.add(chunk.rowid, cached);
        done++;
        continue;
      }
      const pending = toEmbed.get(chunk.contentHash);
      if (pending) pending.rowids.push(chunk.rowid);
      else toEmbed.set(chunk.contentHash, { text: chunk.text, rowids: [chunk.rowid] });
    }
    progress({ phase: 'embed', done, total: missing.length });

    const entries = [...toEmbed.entries()];
    for (let i = 0; i < entries.length; i += EMBED_BATCH) {
      const group = entries.slice(i, i + EMBED_BATCH);
      const vectors = await embedder.embedPassages(group.map(([, e]) => e.text));
      if (vectors.length !== group.length)
        throw new Error(`The embedder ${embedder.modelId} returned ${vectors.length} vectors for ${group.length} texts`);
      group.forEach(([contentHash, entry], j) => {
        const vector = vectors[j]!;
        store.cacheEmbedding(contentHash, embedder.modelId, vector);
        for (const rowid of entry.rowids) index.add(rowid, vector);
        done += entry.rowids.length;
        embedded += entry.rowids.length;
      });
      progress({ phase: 'embed', done, total: missing.length });
    }
  }
  return embedded;
}
