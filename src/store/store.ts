import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';
import { ftsColumns, type ChunkValues } from './fts-terms.js';
import { FetchState } from './fetch-state.js';
import { META, REMOVED_DOCUMENT_PREFIX, removedDocumentKey, type MetaKey } from './meta.js';
import type { PassageStatistics, PassageStore, VectorNeighbour } from './passage-store.js';
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

/** Where a first build of an index is written until it commits (see {@link IndexStore.openForBuild}). */
function buildingPath(indexDir: string): string {
  return path.join(indexDir, 'index.sqlite.building');
}

/** Flushes a file (or a folder's entries) to the disk. */
function syncToDisk(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
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

/** A document as `npm run docs -- list` shows it. */
export interface DocumentRow {
  id: string;
  title: string;
  date: string | null;
  region: string | null;
  source: string | null;
  url: string | null;
  file: string;
}

/** Documents per region or per source, most first (`npm run docs -- stats`). */
export interface DocumentCount {
  name: string;
  documents: number;
}

/** What the write function of {@link IndexStore.write} is given besides the store. */
export interface WriteTransaction {
  /**
   * Runs `work` in a savepoint of the write transaction: when it throws, what it wrote is undone
   * and the error goes on to the caller, which may carry on with the transaction. A database
   * error (a full disk) is passed on without undoing: SQLite may have rolled the whole transaction
   * back already, and `write` then rolls back the rest. `beforeUndo` runs just before the undoing,
   * with nothing in between: the place to drop writes still queued for this savepoint.
   */
  savepoint<T>(name: string, work: () => Promise<T>, beforeUndo?: () => void): Promise<T>;
}

/**
 * The embedded store: documents, chunks, their FTS5 index and index metadata, in one SQLite file
 * (WAL, so readers keep answering while one writer ingests). The database handle is its own:
 * writes happen inside {@link write}, one transaction; retrieval reads through {@link PassageStore}.
 */
export class IndexStore implements PassageStore {
  #db: Database.Database;
  readonly indexDir: string;
  readonly #statements = new Map<string, Database.Statement>();
  #writing = false;
  /** True while this is a first build, written to its own file (see {@link openForBuild}). */
  #building = false;

  private constructor(indexDir: string, db: Database.Database) {
    this.indexDir = indexDir;
    this.#db = db;
  }

  /** Opens (creating if needed) an index for writing. */
  static openForWrite(indexDir: string): IndexStore {
    fs.mkdirSync(indexDir, { recursive: true });
    return IndexStore.#open(indexDir, databasePath(indexDir), false);
  }

  /**
   * Opens a first build of an index (its folder has no database yet) for writing. The build goes
   * to a file of its own, which {@link publishBuild} gives the index's name once committed: nobody
   * reads it meanwhile, so it is written without a write-ahead log or syncs (every page written
   * once instead of twice, one sync at the end), and a run that fails or is killed leaves no index
   * behind, only that file, which the next build replaces.
   */
  static openForBuild(indexDir: string): IndexStore {
    fs.mkdirSync(indexDir, { recursive: true });
    const file = buildingPath(indexDir);
    fs.rmSync(file, { force: true });
    const store = IndexStore.#open(indexDir, file, true);
    store.#building = true;
    return store;
  }

  static #open(indexDir: string, file: string, building: boolean): IndexStore {
    const db = openDatabase(file, false);
    try {
      // Another program's database must be refused before anything, even the switch to WAL, is written to it.
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      const ours = tables.includes('meta') && db.prepare('SELECT 1 FROM meta WHERE key = ?').get(META.schemaVersion.name) !== undefined;
      if (tables.length > 0 && !ours)
        throw foreignIndex(file, `it is a SQLite database of another program (tables: ${tables.slice(0, 5).join(', ')})`);
      if (building) {
        // The journal in memory still rolls back a file's savepoint and a failed run.
        db.pragma('journal_mode = MEMORY');
        db.pragma('synchronous = OFF');
        db.pragma('locking_mode = EXCLUSIVE');
      } else {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
      }
      db.pragma('foreign_keys = ON');
      // One transaction, so a run killed while creating the tables never leaves a half-made, unrecognisable index.
      const version = db.transaction(() => {
        db.exec(SCHEMA_SQL);
        const found = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META.schemaVersion.name) as string | undefined;
        if (found === undefined) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(META.schemaVersion.name, SCHEMA_VERSION);
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

  /**
   * After the commit of a first build (see {@link openForBuild}): syncs its file, switches it to WAL
   * like every index, and gives it the index's name, so readers find the whole index or none; this
   * store then goes on as one opened by {@link openForWrite}. Does nothing for other stores.
   */
  publishBuild(): void {
    if (!this.#building) return;
    this.#building = false;
    const building = buildingPath(this.indexDir);
    const file = databasePath(this.indexDir);
    this.#statements.clear();
    this.#db.close();
    // WAL is a setting of the file: readers open it so from the start.
    const db = openDatabase(building, false);
    db.pragma('journal_mode = WAL');
    db.close();
    syncToDisk(building);
    fs.renameSync(building, file);
    syncToDisk(this.indexDir);
    this.#db = IndexStore.openForWrite(this.indexDir).#db;
  }

  /** True when the index was made by another version of this program: ingestion rebuilds it. */
  outdated = false;

  /**
   * Replaces an outdated index's tables with empty current ones. Call inside the ingestion's
   * transaction, so readers keep the old index until the rebuilt one commits.
   */
  rebuildSchema(): void {
    this.#mustBeWriting();
    this.#statements.clear();
    for (const table of ['chunks_vocab', 'chunks_fts', 'chunks', 'documents', 'files', 'embedding_cache', 'meta'])
      this.#db.exec(`DROP TABLE IF EXISTS ${table}`);
    this.#db.exec(SCHEMA_SQL);
    this.setMeta(META.schemaVersion, SCHEMA_VERSION);
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
    this.#change("INSERT INTO chunks_fts(chunks_fts) VALUES('delete-all')").run();
    this.#db.exec('DELETE FROM chunks; DELETE FROM documents; DELETE FROM files; DELETE FROM frequent_terms');
    this.deleteMeta(META.frequentTermsChunks);
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
      const version = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META.schemaVersion.name) as string | undefined;
      if (version !== SCHEMA_VERSION) {
        throw new IndexError(
          `The index ${file} was built by another version of this program ` +
            `(schema ${version ?? 'missing'}, expected ${SCHEMA_VERSION}). Run npm run ingest: it rebuilds the index.`,
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
    return this.#db.transaction(read)();
  }

  /**
   * Runs `work` in one write transaction (`BEGIN IMMEDIATE` … `COMMIT`): readers see the index as
   * it was until the commit, then all of what `work` wrote; when `work` throws (or the process
   * dies), nothing of it. Every write method of the store must be called from within `work`.
   */
  async write<T>(work: (tx: WriteTransaction) => Promise<T> | T): Promise<T> {
    if (this.#writing) throw new Error('IndexStore.write: a write transaction is already open');
    this.#db.exec('BEGIN IMMEDIATE');
    this.#writing = true;
    try {
      const result = await work({ savepoint: (name, fn, beforeUndo) => this.#savepoint(name, fn, beforeUndo) });
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
      throw error;
    } finally {
      this.#writing = false;
    }
  }

  async #savepoint<T>(name: string, work: () => Promise<T>, beforeUndo?: () => void): Promise<T> {
    if (!/^\w+$/.test(name)) throw new Error(`IndexStore: savepoint name ${name} is not a plain word`);
    this.#db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      this.#db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      if (!isDatabaseError(error)) {
        beforeUndo?.();
        this.#db.exec(`ROLLBACK TO ${name}`);
        this.#db.exec(`RELEASE ${name}`);
      }
      throw error;
    }
  }

  /** A statement that changes the index: only inside {@link write}. */
  #change(sql: string): Database.Statement {
    this.#mustBeWriting();
    return this.statement(sql);
  }

  #mustBeWriting(): void {
    if (!this.#writing) throw new Error('IndexStore: writes happen inside store.write()');
  }

  private statement(sql: string): Database.Statement {
    let s = this.#statements.get(sql);
    if (!s) {
      s = this.#db.prepare(sql);
      this.#statements.set(sql, s);
    }
    return s;
  }

  meta<T>(key: MetaKey<T>): T | null {
    const value = this.statement('SELECT value FROM meta WHERE key = ?').pluck().get(key.name) as string | undefined;
    return value === undefined ? null : key.parse(value);
  }

  setMeta<T>(key: MetaKey<T>, value: T): void {
    this.#change('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
      key.name,
      key.format(value),
    );
  }

  deleteMeta(key: MetaKey<unknown>): void {
    this.#change('DELETE FROM meta WHERE key = ?').run(key.name);
  }

  /** The committed generation (see {@link META.generation}); null before the first ingestion. */
  generation(): number | null {
    return this.meta(META.generation);
  }

  /** Starts a new generation: serving readers move to it after the commit. */
  bumpGeneration(): void {
    this.setMeta(META.generation, (this.generation() ?? 0) + 1);
  }

  /** What was learned about fetched URLs (feeds), kept in this file and committed with the documents. */
  fetchState(): FetchState {
    return new FetchState(this.#db, () => this.#mustBeWriting());
  }

  /** The documents an admin took out, by id. */
  removedDocuments(): string[] {
    return (this.statement('SELECT key FROM meta WHERE key LIKE ?').pluck().all(`${REMOVED_DOCUMENT_PREFIX}%`) as string[]).map((k) =>
      k.slice(REMOVED_DOCUMENT_PREFIX.length),
    );
  }

  /** The file an admin-removed document came from, or null when it was not removed. */
  removedDocumentFile(id: string): string | null {
    return this.meta(removedDocumentKey(id));
  }

  /** Documents, newest first, filtered by region, earliest date and source (case-insensitive). */
  listDocuments(filter: { region?: string; since?: string; source?: string }): DocumentRow[] {
    return this.statement(
      `SELECT id, title, date, region, source, url, file_path AS file FROM documents
       WHERE (@region IS NULL OR region = @region) AND (@since IS NULL OR date >= @since) AND (@source IS NULL OR lower(source) = lower(@source))
       ORDER BY date DESC, id`,
    ).all({ region: filter.region ?? null, since: filter.since ?? null, source: filter.source ?? null }) as DocumentRow[];
  }

  /** The texts of a document's chunks, in order. */
  chunkTexts(docId: string): string[] {
    return this.statement('SELECT text FROM chunks WHERE doc_id = ? ORDER BY ordinal').pluck().all(docId) as string[];
  }

  /** Documents per region (`-` for none), most first. */
  documentsPerRegion(): DocumentCount[] {
    return this.statement(
      "SELECT coalesce(region, '-') AS name, count(*) AS documents FROM documents GROUP BY region ORDER BY documents DESC",
    ).all() as DocumentCount[];
  }

  /** Documents per source (`-` for none), most first. */
  documentsPerSource(): DocumentCount[] {
    return this.statement(
      "SELECT coalesce(source, '-') AS name, count(*) AS documents FROM documents GROUP BY source ORDER BY documents DESC",
    ).all() as DocumentCount[];
  }

  /**
   * FTS5 candidates for a MATCH expression, best first, with FTS5's bm25 given `weights` for the
   * columns (uni, uni_plain, bi_plain): lower `bm25` is better, as FTS5 ranks.
   */
  lexicalCandidates(match: string, weights: readonly [number, number, number], limit: number): Array<{ rowid: number; bm25: number }> {
    return this.statement(
      'SELECT rowid, bm25(chunks_fts, ?, ?, ?) AS bm25 FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY bm25 LIMIT ?',
    ).all(...weights, match, limit) as Array<{ rowid: number; bm25: number }>;
  }

  /** Facts retrieval keeps per generation: chunk count, newest given date, average chunk length, common terms' frequencies. */
  statistics(): PassageStatistics {
    return {
      chunks: this.chunkCount(),
      newestGivenDate: this.newestGivenDate(),
      averageChunkLength: this.averageChunkLength(),
      frequentTerms: this.frequentTerms(),
    };
  }

  fileHash(filePath: string): string | null {
    return (this.statement('SELECT hash FROM files WHERE path = ?').pluck().get(filePath) as string | undefined) ?? null;
  }

  setFileHash(filePath: string, hash: string): void {
    this.#change('INSERT INTO files (path, hash) VALUES (?, ?) ON CONFLICT(path) DO UPDATE SET hash = excluded.hash').run(filePath, hash);
  }

  /** Forgets a file's hash, so that the next ingestion reads it again. */
  forgetFileHash(filePath: string): void {
    this.#change('DELETE FROM files WHERE path = ?').run(filePath);
  }

  /**
   * Takes a document out and records the file it came from (`npm run docs -- remove`); it stays
   * out while that file is unchanged.
   */
  removeDocumentByAdmin(doc: StoredDocument): void {
    this.removeDocument(doc.id);
    this.setMeta(removedDocumentKey(doc.id), doc.filePath);
  }

  /** Lets an admin-removed document back in: its file is read again at the next ingestion. */
  restoreDocument(id: string, file: string): void {
    this.deleteMeta(removedDocumentKey(id));
    this.forgetFileHash(file);
  }

  knownFiles(): string[] {
    return this.statement('SELECT path FROM files').pluck().all() as string[];
  }

  /** Forgets a file and removes its documents; returns the removed chunk rowids. */
  removeFile(filePath: string): { documents: number; chunkRowids: number[] } {
    const ids = this.documentIdsOfFile(filePath);
    const rowids = ids.flatMap((id) => this.removeDocument(id));
    this.forgetFileHash(filePath);
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
      'SELECT id, file_path AS filePath, title, summary, source, url, date, date_from_text AS dateFromText, region, ' +
        'content_hash AS contentHash FROM documents WHERE id = ?',
    ).get(id) as (Omit<StoredDocument, 'dateFromText'> & { dateFromText: number }) | undefined;
    return row ? { ...row, dateFromText: row.dateFromText === 1 } : null;
  }

  /** Removes a document with its chunks and their FTS entries; returns the removed chunk rowids. */
  removeDocument(id: string): number[] {
    this.#counted = null;
    const chunks = this.statement('SELECT rowid, terms, terms_plain FROM chunks WHERE doc_id = ?').raw().all(id) as Array<
      [number, string, string]
    >;
    // A contentless table forgets a row by being given the values it indexed (see ftsColumns).
    const delFts = this.#change("INSERT INTO chunks_fts (chunks_fts, rowid, uni, uni_plain, bi_plain) VALUES ('delete', ?, ?, ?, ?)");
    for (const [rowid, accented, plain] of chunks) {
      const t = ftsColumns({ accented, plain });
      delFts.run(rowid, t.uni, t.uniPlain, t.biPlain);
    }
    const rowids = chunks.map(([rowid]) => rowid);
    this.#change('DELETE FROM chunks WHERE doc_id = ?').run(id);
    this.#change('DELETE FROM documents WHERE id = ?').run(id);
    return rowids;
  }

  /**
   * Inserts a document and its chunks (the caller removed any previous version); returns chunk
   * rowids. Each chunk comes with the values to write (see `chunkValues`), made where the caller
   * likes, as strings or as their UTF-8 bytes.
   */
  insertDocument(
    doc: StoredDocument,
    chunks: Array<{ id: string; ordinal: number; contentHash: string; values: ChunkValues }>,
    ingestedAt: string,
  ): number[] {
    this.#change(
      'INSERT INTO documents (id, file_path, title, summary, source, url, date, date_from_text, region, content_hash, ingested_at) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
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
    // A value given as UTF-8 bytes is bound as a blob: CAST makes it the TEXT those bytes spell, unchanged.
    const insChunk = this.#change(
      'INSERT INTO chunks (id, doc_id, ordinal, text, content_hash, terms, terms_plain) ' +
        'VALUES (?, ?, ?, CAST(? AS TEXT), ?, CAST(? AS TEXT), CAST(? AS TEXT))',
    );
    const insFts = this.#change(
      'INSERT INTO chunks_fts (rowid, uni, uni_plain, bi_plain) VALUES (?, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))',
    );
    const rowids: number[] = [];
    for (const { id, ordinal, contentHash, values } of chunks) {
      const rowid = Number(insChunk.run(id, doc.id, ordinal, values.text, contentHash, values.accented, values.plain).lastInsertRowid);
      insFts.run(rowid, values.uni, values.uniPlain, values.biPlain);
      if (this.#counted) {
        this.#counted.chunks++;
        this.#counted.length += values.plainLength;
      }
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
    const rowids = this.#db
      .prepare(
        `SELECT c.rowid FROM documents d JOIN chunks c ON c.doc_id = d.id AND c.ordinal = 0
         WHERE ${where.join(' AND ')}
         ORDER BY d.date_from_text, d.date DESC, d.id LIMIT ?`,
      )
      .pluck()
      .all(...regions, ...(year === undefined ? [] : [`${year}%`]), k) as number[];
    return this.passagesByRowid(rowids);
  }

  /**
   * The row ids of every chunk of the briefings dated `year`, or null when they are more than
   * `maxChunks` (the year is then too common to single out). Two steps, because the join filtered
   * on the date scans every chunk when the year is rare.
   */
  chunksDated(year: number, maxChunks: number): number[] | null {
    const ids = this.statement('SELECT id FROM documents WHERE date >= ? AND date < ? LIMIT ?')
      .pluck()
      .all(String(year), String(year + 1), maxChunks + 1) as string[];
    const rowids: number[] = [];
    const chunksOf = this.statement('SELECT rowid FROM chunks WHERE doc_id = ?').pluck();
    for (const id of ids) {
      rowids.push(...(chunksOf.all(id) as number[]));
      if (rowids.length > maxChunks) return null;
    }
    return rowids;
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
    const before = this.meta(META.frequentTermsChunks) ?? -1;
    if (before >= 0 && Math.abs(chunks - before) <= before * 0.05) return;
    this.#change('DELETE FROM frequent_terms').run();
    this.#change('INSERT INTO frequent_terms (term, df) SELECT term, doc FROM chunks_vocab WHERE doc > ?').run(
      frequentTermThreshold(chunks),
    );
    // The average chunk length for bm25 (see streamLength: the spaces of the plain stream). A fill
    // that lost nothing on the way (no removal, no rolled-back file) counted it while inserting:
    // the scan re-reads every chunk's stream (a second on the news corpus).
    const counted = this.#counted;
    this.#counted = null;
    const average =
      counted && counted.chunks === chunks && chunks > 0
        ? counted.length / chunks
        : (this.statement("SELECT avg(length(terms_plain) - length(replace(terms_plain, ' ', ''))) FROM chunks").pluck().get() as
            number | null);
    if (average) this.setMeta(META.averageChunkLength, average);
    this.setMeta(META.frequentTermsChunks, chunks);
  }

  /** The chunks' average length as of the last {@link refreshStatistics}, or null. */
  averageChunkLength(): number | null {
    return this.meta(META.averageChunkLength);
  }

  /**
   * Tells FTS5 that an empty index is being filled (a first ingestion, or a refill after a pipeline
   * change): it then merges no segments as it goes, only when {@link FILL_CRISIS_MERGE} of them pile
   * up at one level, since the run ends with an 'optimize' that rewrites the index in one piece anyway
   * ({@link tidyFullTextIndex}, which also puts FTS5's defaults back for later runs). Call in the
   * ingestion's transaction, before the first insert. Only how the index is laid out on the way
   * differs: the postings, and so every result, are the same.
   */
  beginFill(): void {
    this.#filling = true;
    this.#counted = this.chunkCount() === 0 ? { chunks: 0, length: 0 } : null;
    // Merges read back what was written: a larger page cache than SQLite's 2 MiB keeps most of it at hand.
    this.#db.pragma(`cache_size = -${FILL_CACHE_KIB}`);
    this.#setFts5Option('automerge', 0);
    this.#setFts5Option('crisismerge', FILL_CRISIS_MERGE);
  }

  #filling = false;
  /** The chunks inserted since an empty {@link beginFill}, and their plain streams' total length; null once any is removed. */
  #counted: { chunks: number; length: number } | null = null;

  /** Sets an FTS5 option of the full-text table (stored with it, in the transaction). */
  #setFts5Option(name: 'automerge' | 'crisismerge', value: number): void {
    // Written into the statement: FTS5 takes only an integer, and a bound JavaScript number is a real.
    this.#change(`INSERT INTO chunks_fts(chunks_fts, rank) VALUES('${name}', ${Math.trunc(value)})`).run();
  }

  /**
   * Keeps full-text queries fast after writes. FTS5 adds a segment per batch of inserts and keeps
   * deletions as tombstones until segments merge; after a re-ingest that replaced every chunk,
   * queries ran 40% slower. A run that changed more than a tenth of the chunks rewrites the index in
   * one piece (about 10 s per 100k chunks); smaller runs do a bounded amount of merging.
   */
  tidyFullTextIndex(changedChunks: number): void {
    if (this.#filling) {
      this.#filling = false;
      this.#setFts5Option('automerge', FTS5_DEFAULT_AUTOMERGE);
      this.#setFts5Option('crisismerge', FTS5_DEFAULT_CRISIS_MERGE);
    }
    if (changedChunks === 0) return;
    if (changedChunks > this.chunkCount() * 0.1) this.#change("INSERT INTO chunks_fts(chunks_fts) VALUES('optimize')").run();
    else this.#change("INSERT INTO chunks_fts(chunks_fts, rank) VALUES('merge', 500)").run();
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
    return this.#db
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
    this.#change('INSERT OR REPLACE INTO embedding_cache (content_hash, model, vector) VALUES (?, ?, ?)').run(
      contentHash,
      model,
      Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength),
    );
  }

  /** Newest date given with a briefing (dates found in text are not trusted for recency). */
  newestGivenDate(): string | null {
    return (this.statement('SELECT max(date) FROM documents WHERE date_from_text = 0').pluck().get() as string | null) ?? null;
  }

  /** The SQLite file holds no vectors: they are in the vector file, joined by `withVectors` (passage-store.ts). */
  vectorNeighbours(): VectorNeighbour[] {
    return [];
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
      lastIngestAt: this.meta(META.lastIngestAt),
      embeddingModel: this.meta(META.embeddingModel),
    };
  }

  close(): void {
    if (this.#db.open) this.#db.close();
    // A first build that did not commit leaves nothing behind.
    if (this.#building) fs.rmSync(buildingPath(this.indexDir), { force: true });
  }
}

/**
 * While an empty index is filled, FTS5 merges segments only when this many wait at one level (its
 * default is 16, with merges as it goes): filling the 144k chunks of the news corpus took 30 s of
 * FTS5 work with the defaults, 21 s with this (and 0.7 s more for the final optimize).
 */
const FILL_CRISIS_MERGE = 64;
/** The writer's page cache while an empty index is filled, in KiB (SQLite's default is 2 MiB): about a fifth less FTS5 work on the news corpus. */
const FILL_CACHE_KIB = 32 * 1024;
/** FTS5's own defaults (see its 'automerge' and 'crisismerge' options), put back once a fill is done. */
const FTS5_DEFAULT_AUTOMERGE = 4;
const FTS5_DEFAULT_CRISIS_MERGE = 16;

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

/** An error raised by SQLite (its codes are SQLITE_…): the index itself is in trouble, not one file. */
export function isDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_') || code === 'ENOSPC');
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
