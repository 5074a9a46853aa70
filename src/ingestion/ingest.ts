import { createHash } from 'node:crypto';
import { sha256 } from '../util/sha256.js';
import type { Log } from '../log.js';
import fs from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../retrieval/embedder.js';
import { META } from '../store/meta.js';
import { databasePath, IndexStore, isDatabaseError, type StoredDocument, type WriteTransaction } from '../store/store.js';
import type { DocumentSource, PreparedSource } from './document-source.js';
import { pauseForCrashTest } from './crash-test-pause.js';
import { acquireIndexLock } from '../store/index-lock.js';
import { streamFile, type DocumentStream, type LineMemory } from './load-file.js';
import { readRegularFile } from './read-regular-file.js';
import { idFromPath } from './loaders/doc-id.js';
import { DocumentPreparationError, DocumentPreparer } from './prepare-threads.js';
import { scanFiles } from './scan-files.js';
import type { IngestProgress, IngestSummary, SkippedFile, SourceDocument } from './types.js';
import { removeUnreferencedVectorFiles, updateVectorIndex, type VectorChanges } from './vector-update.js';
import { ExpectedError } from '../errors.js';
import { utf8String } from '../util/utf8-pack.js';

export interface IngestOptions {
  /** Files or folders to read (recursively). */
  inputs: string[];
  indexDir: string;
  /** Remove documents whose files no longer exist. */
  prune?: boolean;
  /** Fills the vector index when given; lexical-only when null. */
  embedder?: Embedder | null;
  onProgress?: IngestProgress;
  /** Documents from other sources than files (feeds, article URLs), indexed in the same run. */
  sources?: DocumentSource[];
  /** Where the run's warnings go (a preparation thread lost, old vector files left); default the global `log`. */
  logger?: Log;
}

/**
 * Bumped when loading (furniture stripping), chunking or indexing (tokens, sentences) changes, so
 * every document is re-processed once: unchanged JSONL lines are otherwise never parsed again.
 */
/** Within one file, a progress event every this many records. */
const RECORDS_PER_PROGRESS = 1000;

// 8: bounded chunks and tokens, control characters stripped; 9: records with a summary and no text are indexed;
// 10: a summary stating a figure the body does not leads the chunked text (see prepare-document.ts);
// 11: a year after "cùng kỳ" dates a document as the year after (src/text/dates.ts, storyYears).
const PIPELINE_VERSION = '11';

/**
 * Ingests briefings into an index, incrementally: an unchanged file is not read again, and within
 * a changed file only changed documents are re-chunked. The whole run is one transaction, so readers
 * (and a run killed half-way) only ever see the previous index or the complete new one.
 */
export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const release = acquireIndexLock(options.indexDir);
  await pauseForCrashTest('locked');
  // A first ingestion builds the index in a file of its own, named the index at commit.
  const store = fs.existsSync(databasePath(options.indexDir))
    ? IndexStore.openForWrite(options.indexDir)
    : IndexStore.openForBuild(options.indexDir);
  const progress = options.onProgress ?? (() => {});
  const summary: IngestSummary = {
    filesRead: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    chunks: 0,
    embedded: 0,
    skipped: [],
    seconds: 0,
  };
  const vectorChanges: VectorChanges = { added: [], removed: [] };
  const preparer = new DocumentPreparer({ logger: options.logger });
  try {
    const scanned = scanFiles(options.inputs);
    const files = scanned.files;
    summary.skipped.push(...scanned.skipped);
    progress({ phase: 'scan', done: files.length, total: files.length });
    const pipelineChanged = store.meta(META.pipelineVersion) !== PIPELINE_VERSION;
    const ingestedAt = new Date().toISOString();
    const claimed = new Map<string, string>(); // document id → file (or source) that provided it in this run
    // Sources are read before the transaction: their reading is slow (network), and readers never wait on it anyway.
    const sources = options.sources ?? [];
    const prepared: PreparedSource[] = [];
    for (const source of sources)
      prepared.push(...(await source.prepare(store, { reprocess: pipelineChanged || store.outdated, progress })));
    // The run's writes: one transaction (store.write), so readers see the old index until the commit.
    const writeRun = async (tx: WriteTransaction) => {
      // An index made by another version is rebuilt from scratch, in this same transaction; one made
      // with another chunking or indexing pipeline is emptied and refilled (cached embeddings kept).
      if (store.outdated) store.rebuildSchema();
      // (Only when this run reads every file the index knows: other files' documents must survive.)
      const previous =
        pipelineChanged && readsEveryKnownFile(store, [...files.map((f) => f.absPath), ...prepared.map((p) => p.key)])
          ? store.clearContent()
          : null;
      // A first ingestion, or a refill: FTS5 need not keep its segments merged on the way.
      if (store.chunkCount() === 0) store.beginFill();
      const run: RunState = {
        store,
        tx,
        preparer,
        summary,
        claimed,
        previous,
        ingestedAt,
        vectorChanges,
        keepText: Boolean(options.embedder),
      };
      for (const [i, file] of files.entries()) {
        progress({ phase: 'read', done: i, total: files.length, file: file.relPath });
        await isolated(run, file.relPath, async (current) => {
          const read = readRegularFile(file.absPath);
          if (!read.ok) {
            summary.skipped.push({ path: file.relPath, reason: read.reason });
            return;
          }
          const fileHash = sha256(read.bytes);
          if (!pipelineChanged && store.fileHash(file.absPath) === fileHash) {
            summary.filesRead++;
            const ids = store.documentIdsOfFile(file.absPath);
            summary.unchanged += ids.length;
            for (const id of ids) claim(run, current, id, file.relPath);
            return;
          }
          const before = store.documentHashesOfFile(file.absPath);
          const loaded = await streamFile(file.absPath, file.relPath, read.bytes, lineMemory(before, file.relPath));
          if (!loaded.ok) {
            summary.skipped.push({ path: file.relPath, reason: loaded.reason });
            return;
          }
          // One big JSONL export is one file: progress within it is counted in records.
          const onRecords = (records: number) => progress({ phase: 'read', done: i, total: files.length, file: file.relPath, records });
          const applied = await applyStream(run, current, file.absPath, file.relPath, loaded.stream, before, onRecords);
          // A file that lost an id to another is read again every run: the clash is reported each time,
          // and its copy is indexed as soon as the other file drops the id.
          if (applied !== 'unusable') store.setFileHash(file.absPath, applied === 'lost-clash' ? READ_AGAIN : fileHash);
        });
        await pauseForCrashTest('file-written');
      }
      for (const source of prepared) {
        if (!source.loaded.ok) {
          summary.skipped.push({ path: source.key, reason: source.loaded.reason });
          continue;
        }
        const stream = source.loaded.stream;
        await isolated(run, source.key, async (current) => {
          const applied = await applyStream(run, current, source.key, source.key, stream, store.documentHashesOfFile(source.key));
          if (applied === 'unusable') return;
          store.setFileHash(source.key, applied === 'lost-clash' ? READ_AGAIN : source.hash);
          source.commit();
        });
      }
      if (options.prune) {
        for (const known of store.knownFiles()) {
          // A key that is not a path (a feed's URL) is pruned only by the kind of source it belongs to.
          if (path.isAbsolute(known) ? fs.existsSync(known) : !sources.some((s) => s.unlisted(known))) continue;
          const removed = store.removeFile(known);
          summary.removed += removed.documents;
          vectorChanges.removed.push(...removed.chunkRowids);
        }
      }
      // Documents of the emptied index that no file provides any more.
      if (previous) summary.removed += previous.size;
      store.tidyFullTextIndex(vectorChanges.added.length + vectorChanges.removed.length);
      store.refreshStatistics();
      summary.embedded = await updateVectorIndex(store, options.embedder ?? null, vectorChanges, progress, { logger: options.logger });
      progress({ phase: 'commit', done: files.length, total: files.length });
      store.setMeta(META.pipelineVersion, PIPELINE_VERSION);
      store.setMeta(META.lastIngestAt, ingestedAt);
      store.bumpGeneration();
      await pauseForCrashTest('before-commit');
    };
    try {
      await store.write(writeRun);
      store.publishBuild();
      await pauseForCrashTest('committed');
      await removeUnreferencedVectorFiles(store, { logger: options.logger });
    } catch (error) {
      // (store.write has rolled back what the run wrote.)
      throw isDiskFull(error)
        ? new DiskFullError(
            `The disk holding the index ${options.indexDir} is full: this ingestion changed ` +
              `nothing, and the previous index still serves. Free some space, then run again.`,
          )
        : error;
    }
    summary.chunks = store.chunkCount();
    for (const source of sources) source.report?.(summary);
  } finally {
    await preparer.close();
    store.close();
    release();
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** What the documents of one file or source are indexed into, shared through a run. */
interface RunState {
  store: IndexStore;
  /** The run's write transaction: each file or source is indexed in a savepoint of it. */
  tx: WriteTransaction;
  /** Prepares documents (metadata, chunks, terms) ahead of their writes, on a thread for big runs. */
  preparer: DocumentPreparer;
  summary: IngestSummary;
  /** Document id → file (or source) that provided it in this run. */
  claimed: Map<string, string>;
  /** The documents of an index emptied for refilling, or null. */
  previous: Set<string> | null;
  ingestedAt: string;
  vectorChanges: VectorChanges;
  /** Whether chunk texts are kept for embedding. */
  keepText: boolean;
}

function claim(run: RunState, current: FileProgress, id: string, label: string): void {
  run.claimed.set(id, label);
  current.claimed.push(id);
}

/**
 * Runs the indexing of one file or source so that its failure (a bug on some strange input) costs
 * that file only: what it changed is undone, its previous documents stay, and the run goes on.
 * Database errors (a full disk) stop the run.
 */
async function isolated(run: RunState, label: string, work: (current: FileProgress) => Promise<void>): Promise<void> {
  const { tx, preparer, summary, vectorChanges, claimed } = run;
  const undo = {
    summary: { ...summary, skipped: summary.skipped.length },
    added: vectorChanges.added.length,
    removed: vectorChanges.removed.length,
  };
  const current: FileProgress = { id: null, claimed: [] };
  try {
    // The savepoint undoes this file's writes when it fails. Documents of this file still waiting
    // to be written must not land after that: they are dropped first.
    await tx.savepoint(
      'ingest_file',
      () => work(current),
      () => preparer.discard(),
    );
  } catch (error) {
    // SQLite may already have rolled the whole transaction back (a full disk): the run ends in the caller.
    if (isDatabaseError(error)) throw error;
    Object.assign(summary, { ...undo.summary, skipped: summary.skipped.slice(0, undo.summary.skipped) });
    vectorChanges.added.length = undo.added;
    vectorChanges.removed.length = undo.removed;
    for (const id of current.claimed) claimed.delete(id);
    const failed = error instanceof DocumentPreparationError ? error : null;
    const id = failed?.documentId ?? current.id;
    const what = id === null ? '' : ` at document "${id}"`;
    const why = failed ? failed.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    summary.skipped.push({ path: label, reason: `could not be indexed${what} (${why}); its previous documents are kept` });
  }
}

/**
 * Indexes the documents of one file or source (`key`, shown as `label`), whose documents were
 * `before`, and removes those it no longer provides. 'unusable' when nothing in it was usable (its
 * previous documents then stay); 'lost-clash' when another file provides one of its ids first.
 */
async function applyStream(
  run: RunState,
  current: FileProgress,
  key: string,
  label: string,
  stream: DocumentStream,
  before: Map<string, string>,
  onRecords?: (records: number) => void,
): Promise<'applied' | 'lost-clash' | 'unusable'> {
  const { store, preparer, summary, claimed, previous, vectorChanges } = run;
  const keep = new Set<string>();
  let lostClash = false;
  let records = 0;
  for (const item of stream.items) {
    if (++records % RECORDS_PER_PROGRESS === 0) onRecords?.(records);
    const id = 'unchanged' in item ? item.unchanged : item.document.id;
    current.id = id;
    const other = claimed.get(id);
    if (other !== undefined) {
      summary.skipped.push({
        path: label,
        reason: `document id "${id}" is also in ${other}, which comes first: that copy is indexed, not this one`,
      });
      lostClash = true;
      continue;
    }
    claim(run, current, id, label);
    keep.add(id);
    if ('unchanged' in item) {
      summary.unchanged++;
      continue;
    }
    const outcome = await upsertDocument(run, { raw: item.document, key, hashInFile: before.get(id), lineHash: item.lineHash });
    // After a pipeline change emptied the index, a document it held comes back as an update.
    const wasIndexed = outcome === 'added' && previous !== null && previous.delete(id);
    summary[wasIndexed ? 'updated' : outcome]++;
  }
  current.id = null;
  // The file's documents are all in the index before anything below looks at what it holds.
  await preparer.drain();
  // A file with nothing usable changed nothing (it had no document to add), and its previous
  // documents stay: a broken export must not empty the index. (Not on a run that refilled the
  // index after a pipeline change: that file's documents are then gone and counted as removed.)
  const failure = stream.failure();
  if (failure) {
    summary.skipped.push({ path: label, reason: failure });
    return 'unusable';
  }
  summary.filesRead++;
  for (const warning of stream.warnings) summary.skipped.push({ path: label, reason: warning });
  // Documents this file used to hold but no longer does.
  for (const id of before.keys()) {
    if (keep.has(id)) continue;
    vectorChanges.removed.push(...store.removeDocument(id));
    summary.removed++;
  }
  return lostClash ? 'lost-clash' : 'applied';
}

/** Where the ingestion of one file has got to: the document being read, and the ids it has claimed. */
interface FileProgress {
  id: string | null;
  claimed: string[];
}

/** The disk holding the index filled up during ingestion; nothing was changed. */
export class DiskFullError extends ExpectedError {
  override name = 'DiskFullError';
}

function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/**
 * Stored as a file's hash so that it never matches: the file is read again on the next run (it
 * lost a document id to another file, or another file took one of its documents).
 */
const READ_AGAIN = 'read-again';

/** True when `files` include every file the index knows: only then may a run empty and refill it. */
function readsEveryKnownFile(store: IndexStore, files: string[]): boolean {
  const scanned = new Set(files);
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
/** One document of a file or source: as read, where it comes from, and what the index and the file knew of it. */
interface DocumentUpdate {
  raw: SourceDocument;
  /** The file (or source key) providing it. */
  key: string;
  /** Its content hash as last indexed from this file, when it was. */
  hashInFile: string | undefined;
  /** The hash of its JSONL line, which stands for its content hash. */
  lineHash: string | undefined;
}

async function upsertDocument(
  run: RunState,
  { raw, key: filePath, hashInFile, lineHash }: DocumentUpdate,
): Promise<'added' | 'updated' | 'unchanged'> {
  const { store, preparer, ingestedAt, vectorChanges: changes, keepText } = run;
  // Hashed as read, before metadata extraction: extraction is a pure function of these fields (and
  // the pipeline version), so an unchanged document is neither extracted nor chunked again.
  const contentHash =
    lineHash ?? sha256(JSON.stringify([PIPELINE_VERSION, raw.title, raw.text, raw.summary, raw.url, raw.date, raw.region, raw.source]));
  if (hashInFile === contentHash) return 'unchanged';
  // Known under another file (moved there, or that file comes later in the order), or changed.
  // (Ids are unique within a run, so the documents still waiting to be written cannot change this.)
  const owner = hashInFile !== undefined ? filePath : store.document(raw.id)?.filePath;
  // The file that had it is read again next run, so its copy is reported as a clash, or indexed again if this file drops it.
  if (owner !== undefined && owner !== filePath && store.fileHash(owner) !== null) store.setFileHash(owner, READ_AGAIN);
  const existing = owner !== undefined;
  await preparer.add(raw, ({ document: doc, chunks }) => {
    if (existing) changes.removed.push(...store.removeDocument(doc.id));
    const stored: StoredDocument = {
      id: doc.id,
      filePath,
      title: doc.title,
      summary: doc.summary ?? null,
      source: doc.source ?? null,
      url: doc.url ?? null,
      date: doc.date ?? null,
      dateFromText: doc.dateFromText ?? false,
      region: doc.region ?? null,
      contentHash,
    };
    const rowids = store.insertDocument(stored, chunks, ingestedAt);
    // Without an embedder nothing reads the texts, and holding them until the end of the run would
    // keep every article of the corpus in memory at once.
    rowids.forEach((rowid, i) =>
      changes.added.push({
        rowid,
        contentHash: chunks[i]!.contentHash,
        text: keepText ? `${doc.title}\n${utf8String(chunks[i]!.values.text)}` : '',
      }),
    );
  });
  return existing ? 'updated' : 'added';
}

export type { SkippedFile };
