/**
 * What was learned about each fetched URL (feed or article page), kept in the index's SQLite file
 * so it survives re-ingests and is committed in the same transaction as the documents it produced:
 * validators are never saved for content that did not make it into the index.
 */
import type Database from 'better-sqlite3';

export interface UrlState {
  url: string;
  etag: string | null;
  lastModified: string | null;
  /** sha256 of the last body read. */
  bodyHash: string | null;
  /** For an article: the hash of its feed entry when it was last read (a changed entry is read again). */
  entryHash: string | null;
  /** For an article: it was indexed from the feed's description (its page failed): read it again next time. */
  fromDescription: boolean;
  checkedAt: string;
}

/**
 * Added beside the store's tables rather than in its schema: readers never look at it, and an
 * index made before it existed gains it on its next ingestion.
 */
const TABLE_SQL = `CREATE TABLE IF NOT EXISTS fetch_state (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  body_hash TEXT,
  entry_hash TEXT,
  from_description INTEGER NOT NULL DEFAULT 0,
  checked_at TEXT NOT NULL
)`;

interface Row {
  url: string;
  etag: string | null;
  last_modified: string | null;
  body_hash: string | null;
  entry_hash: string | null;
  from_description: number;
  checked_at: string;
}

/** Made by `IndexStore.fetchState()`; `put` and `delete` happen inside the store's write transaction. */
export class FetchState {
  readonly #db: Database.Database;
  readonly #mustBeWriting: () => void;

  constructor(db: Database.Database, mustBeWriting: () => void) {
    this.#db = db;
    this.#mustBeWriting = mustBeWriting;
    db.exec(TABLE_SQL);
  }

  get(url: string): UrlState | null {
    const row = this.#db.prepare('SELECT * FROM fetch_state WHERE url = ?').get(url) as Row | undefined;
    if (!row) return null;
    return {
      url: row.url,
      etag: row.etag,
      lastModified: row.last_modified,
      bodyHash: row.body_hash,
      entryHash: row.entry_hash,
      fromDescription: row.from_description === 1,
      checkedAt: row.checked_at,
    };
  }

  put(state: UrlState): void {
    this.#mustBeWriting();
    this.#db
      .prepare(
        `INSERT INTO fetch_state (url, etag, last_modified, body_hash, entry_hash, from_description, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, body_hash = excluded.body_hash,
           entry_hash = excluded.entry_hash, from_description = excluded.from_description, checked_at = excluded.checked_at`,
      )
      .run(state.url, state.etag, state.lastModified, state.bodyHash, state.entryHash, state.fromDescription ? 1 : 0, state.checkedAt);
  }

  delete(url: string): void {
    this.#mustBeWriting();
    this.#db.prepare('DELETE FROM fetch_state WHERE url = ?').run(url);
  }
}
