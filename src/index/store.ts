import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';
import { ftsColumns, indexedColumns, type ChunkIndexTerms } from './fts-terms.js';
import type { SentenceTerms } from './sentence-terms.js';
import type { IndexStats, Passage } from './types.js';
import { ExpectedError } from '../errors.js';

/** The index can't be used as it is; `message` tells the admin what to do. */
export class IndexError extends ExpectedError {
  override name = 'IndexError';
}

/** Where the SQLite database lives inside an index folder. */
export function databasePath(indexDir: string): string {
  return path.join(indexDir, 'index.sqlite');
}

export interface StoredDocument {
  id: string;
  filePath: string;
  title: string;
  summary: string | null;
  source: string | null;
  url: string | null;
  date: string | null;
  dateFromText: boolean;
  region: string | null;
  contentHash: string;
}

/** A passage as stored: with its store row id (the vector index's label) and its matching forms. */
export type StoredPassage = Passage & { rowid: number; terms: SentenceTerms };

interface ChunkRow {
  rowid: number;
  id: string;
  doc_id: string;
  text: string;
  title: string;
  source: string | null;
  url: string | null;
  date: string | null;
  date_from_text: number;
  region: string | null;
  terms: string;
  terms_plain: string;
}

/**
 * The embedded store: documents, chunks, their FTS5 index and index metadata, in one SQLite file
 * (WAL, so readers keep answering while one writer ingests).
 */
export class IndexStore {
  readonly db: Database.Database;
  readonly indexDir: string;
  readonly #statements = new Map<string, Database.Statement>();

  private constructor(indexDir: string, db: Database.Database) {
    this.indexDir = indexDir;
    this.db = db;
  }

  /** Opens (creating if needed) an index for writing. */
  static openForWrite(indexDir: string): IndexStore {
    fs.mkdirSync(indexDir, { recursive: true });
    const file = databasePath(indexDir);
    const db = openDatabase(file, false);
    try {
      // Another program's database must be refused before anything, even the switch to WAL, is written to it.
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      const ours = tables.includes('meta') && db.prepare("SELECT 1 FROM meta WHERE key = 'schema_version'").get() !== undefined;
      if (tables.length > 0 && !ours)
        throw foreignIndex(file, `it is a SQLite database of another program (tables: ${tables.slice(0, 5).join(', ')})`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      // One transaction, so a run killed while creating the tables never leaves a half-made, unrecognisable index.
      const version = db.transaction(() => {
        db.exec(SCHEMA_SQL);
        const found = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get('schema_version') as string | undefined;
        if (found === undefined) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema_version', SCHEMA_VERSION);
        return found ?? SCHEMA_VERSION;
      })();
      const store = new IndexStore(indexDir, db);
      store.outdated = version !== SCHEMA_VERSION;
      return store;
    } catch (error) {
      db.close();
      throw translateError(error, file);
    }
  }

  /** True when the index was made by another version of this program: ingestion rebuilds it. */
  outdated = false;

  /**
   * Replaces an outdated index's tables with empty current ones. Call inside the ingestion's
   * transaction, so readers keep the old index until the rebuilt one commits.
   */
  rebuildSchema(): void {
    this.#statements.clear();
    for (const table of ['chunks_vocab', 'chunks_fts', 'chunks', 'documents', 'files', 'embedding_cache', 'meta'])
      this.db.exec(`DROP TABLE IF EXISTS ${table}`);
    this.db.exec(SCHEMA_SQL);
    this.setMeta('schema_version', SCHEMA_VERSION);
    this.outdated = false;
  }

  /**
   * Empties the documents, chunks and full-text index (keeping metadata and cached embeddings), for
   * a run that must re-process everything: re-inserting into an empty FTS5 table is several times
   * faster than deleting and replacing every row. Returns the ids of the documents it held. Call
   * inside the ingestion's transaction.
   */
  clearContent(): Set<string> {
    const ids = new Set(this.statement('SELECT id FROM documents').pluck().all() as string[]);
    this.db.prepare("INSERT INTO chunks_fts(chunks_fts) VALUES('delete-all')").run();
    this.db.exec('DELETE FROM chunks; DELETE FROM documents; DELETE FROM files; DELETE FROM frequent_terms');
    this.deleteMeta('frequent_terms_chunks');
    return ids;
  }

  /** Opens an existing index read-only; a missing or empty index says to run ingestion. */
  static openForRead(indexDir: string): IndexStore {
    const file = databasePath(indexDir);
    if (!fs.existsSync(file))
      throw new IndexError(
        `No index at ${indexDir}. Build it first: npm run ingest${indexDir === 'data/index' ? '' : ` -- --index ${indexDir}`}`,
      );
    const db = openDatabase(file, true);
    try {
      const version = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get() as string | undefined;
      if (version !== SCHEMA_VERSION) {
        throw new IndexError(
          `The index ${file} was built by another version of this program (schema ${version ?? 'missing'}, expected ${SCHEMA_VERSION}). Run npm run ingest: it rebuilds the index.`,
        );
      }
      db.pragma('cache_size = -65536');
    } catch (error) {
      db.close();
      throw translateError(error, file);
    }
    return new IndexStore(indexDir, db);
  }

  /**
   * Runs `read` on one snapshot of the index: an ingestion that commits meanwhile (from another
   * process) is seen entirely or not at all. A question takes several reads (term counts, full-text
   * search, passages); on its own each would see the latest commit, and one question could find
   * rows of the old index and then fetch them from the new one, where they no longer exist.
   */
  snapshot<T>(read: () => T): T {
    return this.db.transaction(read)();
  }

  statement(sql: string): Database.Statement {
    let s = this.#statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.#statements.set(sql, s);
    }
    return s;
  }

  getMeta(key: string): string | null {
    return (this.statement('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
  }

  setMeta(key: string, value: string): void {
    this.statement('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  deleteMeta(key: string): void {
    this.statement('DELETE FROM meta WHERE key = ?').run(key);
  }

  fileHash(filePath: string): string | null {
    return (this.statement('SELECT hash FROM files WHERE path = ?').pluck().get(filePath) as string | undefined) ?? null;
  }

  setFileHash(filePath: string, hash: string): void {
    this.statement('INSERT INTO files (path, hash) VALUES (?, ?) ON CONFLICT(path) DO UPDATE SET hash = excluded.hash').run(filePath, hash);
  }

  knownFiles(): string[] {
    return this.statement('SELECT path FROM files').pluck().all() as string[];
  }

  /** Forgets a file and removes its documents; returns the removed chunk rowids. */
  removeFile(filePath: string): { documents: number; chunkRowids: number[] } {
    const ids = this.documentIdsOfFile(filePath);
    const rowids = ids.flatMap((id) => this.removeDocument(id));
    this.statement('DELETE FROM files WHERE path = ?').run(filePath);
    return { documents: ids.length, chunkRowids: rowids };
  }

  documentIdsOfFile(filePath: string): string[] {
    return this.statement('SELECT id FROM documents WHERE file_path = ?').pluck().all(filePath) as string[];
  }

  /** Content hashes of the documents a file provided, by document id (one query for a whole file). */
  documentHashesOfFile(filePath: string): Map<string, string> {
    const rows = this.statement('SELECT id, content_hash FROM documents WHERE file_path = ?').raw().all(filePath) as Array<
      [string, string]
    >;
    return new Map(rows);
  }

  document(id: string): StoredDocument | null {
    const row = this.statement(
      'SELECT id, file_path AS filePath, title, summary, source, url, date, date_from_text AS dateFromText, region, content_hash AS contentHash FROM documents WHERE id = ?',
    ).get(id) as (Omit<StoredDocument, 'dateFromText'> & { dateFromText: number }) | undefined;
    return row ? { ...row, dateFromText: row.dateFromText === 1 } : null;
  }

  /** Removes a document with its chunks and their FTS entries; returns the removed chunk rowids. */
  removeDocument(id: string): number[] {
    const chunks = this.statement('SELECT rowid, terms, terms_plain FROM chunks WHERE doc_id = ?').raw().all(id) as Array<
      [number, string, string]
    >;
    // A contentless table forgets a row by being given the values it indexed (see ftsColumns).
    const delFts = this.statement("INSERT INTO chunks_fts (chunks_fts, rowid, uni, uni_plain, bi_plain) VALUES ('delete', ?, ?, ?, ?)");
    for (const [rowid, accented, plain] of chunks) {
      const t = ftsColumns({ accented, plain });
      delFts.run(rowid, t.uni, t.uniPlain, t.biPlain);
    }
    const rowids = chunks.map(([rowid]) => rowid);
    this.statement('DELETE FROM chunks WHERE doc_id = ?').run(id);
    this.statement('DELETE FROM documents WHERE id = ?').run(id);
    return rowids;
  }

  /**
   * Inserts a document and its chunks (the caller removed any previous version); returns chunk
   * rowids. Each chunk comes with its terms (see `chunkIndexTerms`), made where the caller likes.
   */
  insertDocument(
    doc: StoredDocument,
    chunks: Array<{ id: string; ordinal: number; text: string; contentHash: string; terms: ChunkIndexTerms }>,
    ingestedAt: string,
  ): number[] {
    this.statement(
      'INSERT INTO documents (id, file_path, title, summary, source, url, date, date_from_text, region, content_hash, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      doc.id,
      doc.filePath,
      doc.title,
      doc.summary,
      doc.source,
      doc.url,
      doc.date,
      doc.dateFromText ? 1 : 0,
      doc.region,
      doc.contentHash,
      ingestedAt,
    );
    const insChunk = this.statement(
      'INSERT INTO chunks (id, doc_id, ordinal, text, content_hash, terms, terms_plain) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insFts = this.statement('INSERT INTO chunks_fts (rowid, uni, uni_plain, bi_plain) VALUES (?, ?, ?, ?)');
    const rowids: number[] = [];
    for (const chunk of chunks) {
      const { terms } = chunk;
      const rowid = Number(
        insChunk.run(chunk.id, doc.id, chunk.ordinal, chunk.text, chunk.contentHash, terms.accented, terms.plain).lastInsertRowid,
      );
      const t = indexedColumns(terms);
      insFts.run(rowid, t.uni, t.uniPlain, t.biPlain);
      rowids.push(rowid);
    }
    return rowids;
  }

  /**
   * Chunks with their document metadata and matching forms, by rowid, in the order asked. Unknown
   * rowids are skipped.
   */
  passagesByRowid(rowids: number[]): StoredPassage[] {
    if (rowids.length === 0) return [];
    // One statement for any number of rowids: preparing one per list length cost more than the reads.
    const rows = this.statement(
      `SELECT c.rowid, c.id, c.doc_id, c.text, c.terms, c.terms_plain, d.title, d.source, d.url, d.date, d.date_from_text, d.region
       FROM chunks c JOIN documents d ON d.id = c.doc_id WHERE c.rowid IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(rowids)) as ChunkRow[];
    const byRowid = new Map(rows.map((r) => [r.rowid, r]));
    return rowids.flatMap((rowid) => {
      const r = byRowid.get(rowid);
      if (!r) return [];
      const terms: SentenceTerms = { accented: r.terms, plain: r.terms_plain };
      return [
        {
          rowid,
          docId: r.doc_id,
          chunkId: r.id,
          score: 0,
          text: r.text,
          title: r.title,
          source: r.source,
          url: r.url,
          date: r.date,
          region: r.region,
          dateFromText: r.date_from_text === 1,
          terms,
        },
      ];
    });
  }

  /**
   * The opening passages of the newest briefings about any of `regions` (all places when empty;
   * dated `year`, when given): what is new there. Briefings whose date was given come first, newest
   * first; a date found in the text may be any date the article mentions.
   */
  newestAbout(regions: string[], k: number, year?: number): StoredPassage[] {
    // Undated documents are never "the newest": their age is unknown.
    const where = [
      'd.date IS NOT NULL',
      ...(regions.length > 0 ? [`d.region IN (${regions.map(() => '?').join(',')})`] : []),
      ...(year === undefined ? [] : ['d.date LIKE ?']),
    ];
    const rowids = this.db
      .prepare(
        `SELECT c.rowid FROM documents d JOIN chunks c ON c.doc_id = d.id AND c.ordinal = 0
         WHERE ${where.join(' AND ')}
         ORDER BY d.date_from_text, d.date DESC, d.id LIMIT ?`,
      )
      .pluck()
      .all(...regions, ...(year === undefined ? [] : [`${year}%`]), k) as number[];
    return this.passagesByRowid(rowids);
  }

  /** Number of chunks containing a term in any column, from the FTS5 vocabulary. */
  documentFrequency(term: string): number {
    return (this.statement('SELECT doc FROM chunks_vocab WHERE term = ?').pluck().get(term) as number | undefined) ?? 0;
  }

  /** The stored frequencies of common terms (see {@link refreshStatistics}). */
  frequentTerms(): Map<string, number> {
    const rows = this.statement('SELECT term, df FROM frequent_terms').raw().all() as Array<[string, number]>;
    return new Map(rows);
  }

  /**
   * Recomputes the common terms' frequencies and the chunks' average length when the number of
   * chunks has changed by more than 5% since the last time (a full vocabulary scan: about a second
   * per 100k chunks). Small re-ingests skip it; the stored figures then lag by at most 5%, and rarer
   * terms are always counted exactly.
   */
  refreshStatistics(): void {
    const chunks = this.chunkCount();
    const before = Number(this.getMeta('frequent_terms_chunks') ?? '-1');
    if (before >= 0 && Math.abs(chunks - before) <= before * 0.05) return;
    this.db.exec('DELETE FROM frequent_terms');
    this.statement('INSERT INTO frequent_terms (term, df) SELECT term, doc FROM chunks_vocab WHERE doc > ?').run(
      frequentTermThreshold(chunks),
    );
    // The average chunk length for bm25 (see streamLength: the spaces of the plain stream).
    const average = this.statement("SELECT avg(length(terms_plain) - length(replace(terms_plain, ' ', ''))) FROM chunks").pluck().get() as
      number | null;
    if (average) this.setMeta('average_chunk_length', String(average));
    this.setMeta('frequent_terms_chunks', String(chunks));
  }

  /** The chunks' average length as of the last {@link refreshStatistics}, or null. */
  averageChunkLength(): number | null {
    const value = this.getMeta('average_chunk_length');
    return value === null ? null : Number(value);
  }

  /**
   * Keeps full-text queries fast after writes. FTS5 adds a segment per batch of inserts and keeps
   * deletions as tombstones until segments merge; after a re-ingest that replaced every chunk,
   * queries ran 40% slower. A run that changed more than a tenth of the chunks rewrites the index in
   * one piece (about 10 s per 100k chunks); smaller runs do a bounded amount of merging.
   */
  tidyFullTextIndex(changedChunks: number): void {
    if (changedChunks === 0) return;
    if (changedChunks > this.chunkCount() * 0.1) this.db.prepare("INSERT INTO chunks_fts(chunks_fts) VALUES('optimize')").run();
    else this.db.prepare("INSERT INTO chunks_fts(chunks_fts, rank) VALUES('merge', 500)").run();
  }

  chunkCount(): number {
    return this.statement('SELECT count(*) FROM chunks').pluck().get() as number;
  }

  /** Every chunk's rowid (the vector index's labels), without loading any text. */
  chunkRowids(): number[] {
    return this.statement('SELECT rowid FROM chunks').pluck().all() as number[];
  }

  /** Content hash, title and text of the given chunks (for embedding the few a vector index lacks). */
  chunksForEmbedding(rowids: number[]): Array<{ rowid: number; contentHash: string; text: string; title: string }> {
    if (rowids.length === 0) return [];
    return this.db
      .prepare(
        `SELECT c.rowid AS rowid, c.content_hash AS contentHash, c.text AS text, d.title AS title
         FROM chunks c JOIN documents d ON d.id = c.doc_id WHERE c.rowid IN (${rowids.map(() => '?').join(',')})`,
      )
      .all(...rowids) as Array<{ rowid: number; contentHash: string; text: string; title: string }>;
  }

  cachedEmbedding(contentHash: string, model: string): Float32Array | null {
    const buf = this.statement('SELECT vector FROM embedding_cache WHERE content_hash = ? AND model = ?')
      .pluck()
      .get(contentHash, model) as Buffer | undefined;
    return buf ? new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)) : null;
  }

  cacheEmbedding(contentHash: string, model: string, vector: Float32Array): void {
    this.statement('INSERT OR REPLACE INTO embedding_cache (content_hash, model, vector) VALUES (?, ?, ?)').run(
      contentHash,
      model,
      Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength),
    );
  }

  /** Newest date given with a briefing (dates found in text are not trusted for recency). */
  newestGivenDate(): string | null {
    return (this.statement('SELECT max(date) FROM documents WHERE date_from_text = 0').pluck().get() as string | null) ?? null;
  }

  stats(): IndexStats {
    return this.snapshot(() => this.#stats());
  }

  #stats(): IndexStats {
    const documents = this.statement('SELECT count(*) FROM documents').pluck().get() as number;
    const newestDate = (this.statement('SELECT max(date) FROM documents').pluck().get() as string | null) ?? null;
    return {
      documents,
      chunks: this.chunkCount(),
      newestDate,
      lastIngestAt: this.getMeta('last_ingest_at'),
      embeddingModel: this.getMeta('embedding_model'),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** A term in more chunks than this is "common": its count is stored rather than recounted per question. */
export function frequentTermThreshold(chunks: number): number {
  return Math.max(50, Math.floor(chunks * 0.003));
}

function openDatabase(file: string, readonly: boolean): Database.Database {
  try {
    const db = new Database(file, { readonly, fileMustExist: readonly, timeout: 5000 });
    // Reading one page proves the file is a database, so a foreign file fails here, not mid-question.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    throw translateError(error, file);
  }
}

function foreignIndex(file: string, why: string): IndexError {
  return new IndexError(`The index file ${file} cannot be used (${why}). Delete the index folder and re-ingest: npm run ingest`);
}

/** Turns SQLite's low-level errors about a bad file into a message naming the file and the fix. */
function translateError(error: unknown, file: string): Error {
  if (error instanceof IndexError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/not a database|malformed|corrupt|no such table|file is encrypted/i.test(message)) {
    return foreignIndex(file, `it is corrupt or not an index: ${message}`);
  }
  return error instanceof Error ? error : new Error(message);
}
