import { createHash } from 'node:crypto';
import { sha256 } from '../util/sha256.js';
import fs from 'node:fs';
import type { Embedder } from '../index/embedder.js';
import { IndexStore, type StoredDocument } from '../index/store.js';
import { pauseForCrashTest } from './crash-test-pause.js';
import { acquireIndexLock } from './index-lock.js';
import { streamFile, type LineMemory } from './load-file.js';
import { idFromPath } from './loaders/doc-id.js';
import { DocumentPreparer } from './prepare-threads.js';
import { scanFiles, type ScannedFile } from './scan-files.js';
import type { IngestProgress, IngestSummary, SkippedFile, SourceDocument } from './types.js';
import { removeUnreferencedVectorFiles, updateVectorIndex, type VectorChanges } from './vector-update.js';

export interface IngestOptions {
  /** Files or folders to read (recursively). */
  inputs: string[];
  indexDir: string;
  /** Remove documents whose files no longer exist. */
  prune?: boolean;
  /** Fills the vector index when given; lexical-only when null. */
  embedder?: Embedder | null;
  onProgress?: IngestProgress;
}

/**
 * Bumped when loading (furniture stripping), chunking or indexing (tokens, sentences) changes, so
 * every document is re-processed once: unchanged JSONL lines are otherwise never parsed again.
 */
const PIPELINE_VERSION = '7';

/**
 * Ingests briefings into an index, incrementally: an unchanged file is not read again, and within
 * a changed file only changed documents are re-chunked. The whole run is one transaction, so readers
 * (and a run killed half-way) only ever see the previous index or the complete new one.
 */
export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const release = acquireIndexLock(options.indexDir);
  await pauseForCrashTest('locked');
  const store = IndexStore.openForWrite(options.indexDir);
  const progress = options.onProgress ?? (() => {});
  const summary: IngestSummary = { filesRead: 0, added: 0, updated: 0, unchanged: 0, removed: 0, chunks: 0, embedded: 0, skipped: [], seconds: 0 };
  const vectorChanges: VectorChanges = { added: [], removed: [] };
  const preparer = new DocumentPreparer();
  try {
    const { files, missing } = scanFiles(options.inputs);
    for (const m of missing) summary.skipped.push({ path: m, reason: 'no such file or folder' });
    progress({ phase: 'scan', done: files.length, total: files.length });
    const pipelineChanged = store.getMeta('pipeline_version') !== PIPELINE_VERSION;
    const ingestedAt = new Date().toISOString();
    const claimed = new Map<string, string>(); // document id → file that provided it in this run
    store.db.exec('BEGIN IMMEDIATE');
    try {
      // An index made by another version is rebuilt from scratch, in this same transaction; one made
      // with another chunking or indexing pipeline is emptied and refilled (cached embeddings kept).
      if (store.outdated) store.rebuildSchema();
      // (Only when this run reads every file the index knows: other files' documents must survive.)
      const previous = pipelineChanged && readsEveryKnownFile(store, files) ? store.clearContent() : null;
      for (const [i, file] of files.entries()) {
        progress({ phase: 'read', done: i, total: files.length, file: file.relPath });
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(file.absPath);
        } catch (error) {
          summary.skipped.push({ path: file.relPath, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
          continue;
        }
        const fileHash = sha256(bytes);
        if (!pipelineChanged && store.fileHash(file.absPath) === fileHash) {
          summary.filesRead++;
          const ids = store.documentIdsOfFile(file.absPath);
          summary.unchanged += ids.length;
          for (const id of ids) claimed.set(id, file.relPath);
          continue;
        }
        const before = store.documentHashesOfFile(file.absPath);
        const loaded = await streamFile(file.absPath, file.relPath, bytes, lineMemory(before, file.relPath));
        if (!loaded.ok) {
          summary.skipped.push({ path: file.relPath, reason: loaded.reason });
          continue;
        }
        const keep = new Set<string>();
        for (const item of loaded.stream.items) {
          const id = 'unchanged' in item ? item.unchanged : item.document.id;
          const other = claimed.get(id);
          if (other !== undefined) {
            summary.skipped.push({ path: file.relPath, reason: `document id "${id}" is also in ${other}; kept the first` });
            continue;
          }
          claimed.set(id, file.relPath);
          keep.add(id);
          if ('unchanged' in item) {
            summary.unchanged++;
            continue;
          }
          const outcome = await upsertDocument(store, preparer, item.document, file.absPath, before.get(id), item.lineHash, ingestedAt, vectorChanges, Boolean(options.embedder));
          // After a pipeline change emptied the index, a document it held comes back as an update.
          const wasIndexed = outcome === 'added' && previous !== null && previous.delete(id);
          summary[wasIndexed ? 'updated' : outcome]++;
        }
        // The file's documents are all in the index before anything below looks at what it holds.
        await preparer.drain();
        // A file with nothing usable changed nothing (it had no document to add), and its previous
        // documents stay: a broken export must not empty the index. (Not on a run that refilled the
        // index after a pipeline change: that file's documents are then gone and counted as removed.)
        const failure = loaded.stream.failure();
        if (failure) {
          summary.skipped.push({ path: file.relPath, reason: failure });
          continue;
        }
        summary.filesRead++;
        for (const warning of loaded.stream.warnings) summary.skipped.push({ path: file.relPath, reason: warning });
        // Documents this file used to hold but no longer does.
        for (const id of before.keys()) {
          if (keep.has(id)) continue;
          vectorChanges.removed.push(...store.removeDocument(id));
          summary.removed++;
        }
        store.setFileHash(file.absPath, fileHash);
        await pauseForCrashTest('file-written');
      }
      if (options.prune) {
        for (const known of store.knownFiles()) {
          if (fs.existsSync(known)) continue;
          const removed = store.removeFile(known);
          summary.removed += removed.documents;
          vectorChanges.removed.push(...removed.chunkRowids);
        }
      }
      // Documents of the emptied index that no file provides any more.
      if (previous) summary.removed += previous.size;
      store.tidyFullTextIndex(vectorChanges.added.length + vectorChanges.removed.length);
      store.refreshStatistics();
      summary.embedded = await updateVectorIndex(store, options.embedder ?? null, vectorChanges, progress);
      progress({ phase: 'commit', done: files.length, total: files.length });
      store.setMeta('pipeline_version', PIPELINE_VERSION);
      store.setMeta('last_ingest_at', ingestedAt);
      store.setMeta('generation', String(Number(store.getMeta('generation') ?? '0') + 1));
      await pauseForCrashTest('before-commit');
      store.db.exec('COMMIT');
      await pauseForCrashTest('committed');
      await removeUnreferencedVectorFiles(store);
    } catch (error) {
      if (store.db.inTransaction) store.db.exec('ROLLBACK');
      throw error;
    }
    summary.chunks = store.chunkCount();
  } finally {
    await preparer.close();
    store.close();
    release();
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** True when `files` include every file the index knows: only then may a run empty and refill it. */
function readsEveryKnownFile(store: IndexStore, files: ScannedFile[]): boolean {
  const scanned = new Set(files.map((f) => f.absPath));
  return store.knownFiles().every((f) => scanned.has(f));
}

/**
 * How a `.jsonl` file's lines are recognised as unchanged: by a hash of the line's bytes (and the
 * pipeline version), stored as the content hash of the document the line gave. Only documents with
 * an id of their own qualify: one named after its line number (`file#12`) must be parsed again,
 * since the same line elsewhere in the file is another document.
 */
function lineMemory(before: Map<string, string>, relPath: string): LineMemory {
  const byHash = new Map<string, string>();
  const numberedPrefix = `${idFromPath(relPath)}#`;
  const numbered = (id: string) => id.startsWith(numberedPrefix) && /^\d+$/.test(id.slice(numberedPrefix.length));
  for (const [id, hash] of before) if (!numbered(id)) byHash.set(hash, id);
  return {
    hash: (line) => createHash('sha256').update(PIPELINE_VERSION).update('\n').update(line).digest('hex'),
    unchanged: (hash) => byHash.get(hash),
  };
}

/**
 * Adds or replaces one document; returns what happened for the summary. `hashInFile` is the
 * document's content hash when this same file provided it last time; `lineHash`, for a document
 * read from a `.jsonl` line, is the hash of that line, which then serves as its content hash. The
 * document is written once `preparer` has prepared it, after the documents given before it: wait
 * for `preparer.drain()` before reading what the index holds.
 */
async function upsertDocument(store: IndexStore, preparer: DocumentPreparer, raw: SourceDocument, filePath: string, hashInFile: string | undefined, lineHash: string | undefined, ingestedAt: string, changes: VectorChanges, keepText: boolean): Promise<'added' | 'updated' | 'unchanged'> {
  // Hashed as read, before metadata extraction: extraction is a pure function of these fields (and
  // the pipeline version), so an unchanged document is neither extracted nor chunked again.
  const contentHash = lineHash ?? sha256(JSON.stringify([PIPELINE_VERSION, raw.title, raw.text, raw.summary, raw.url, raw.date, raw.region, raw.source]));
  if (hashInFile === contentHash) return 'unchanged';
  // Known under another file (moved there), or changed.
  // (Ids are unique within a run, so the documents still waiting to be written cannot change this.)
  const existing = hashInFile !== undefined || store.document(raw.id) !== null;
  await preparer.add(raw, ({ document: doc, chunks }) => {
    if (existing) changes.removed.push(...store.removeDocument(doc.id));
    const stored: StoredDocument = {
      id: doc.id, filePath, title: doc.title, summary: doc.summary ?? null, source: doc.source ?? null, url: doc.url ?? null,
      date: doc.date ?? null, dateFromText: doc.dateFromText ?? false, region: doc.region ?? null, contentHash,
    };
    const rowids = store.insertDocument(stored, chunks, ingestedAt);
    // Without an embedder nothing reads the texts, and holding them until the end of the run would
    // keep every article of the corpus in memory at once.
    rowids.forEach((rowid, i) => changes.added.push({ rowid, contentHash: chunks[i]!.contentHash, text: keepText ? `${doc.title}\n${chunks[i]!.text}` : '' }));
  });
  return existing ? 'updated' : 'added';
}

export type { SkippedFile };
