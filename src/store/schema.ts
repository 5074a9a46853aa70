/** Bumped whenever the layout changes; an index of another version must be re-ingested. */
export const SCHEMA_VERSION = '6';

/**
 * The store's tables. FTS5 is contentless (the text lives in `chunks`); a row is deleted by giving
 * FTS5 the values it indexed, rebuilt from the chunk's stored terms (see `ftsColumns`). It keeps no
 * row lengths (`columnsize=0`): re-ranking normalises bm25 by length itself, from the stored terms,
 * for its few candidates, where FTS5 read a length for every row a question matched. Syllable
 * pairs are indexed once, without diacritics: an accented pair column doubled ingestion time for no
 * measurable gain, since a pair of syllables is nearly unambiguous without its marks.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
  path TEXT PRIMARY KEY,
  hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY,
  file_path TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT,
  source TEXT,
  url TEXT,
  date TEXT,
  date_from_text INTEGER NOT NULL DEFAULT 0,
  region TEXT,
  content_hash TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_file ON documents(file_path);
CREATE INDEX IF NOT EXISTS documents_region ON documents(region, date);
CREATE TABLE IF NOT EXISTS chunks (
  rowid INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  text TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  -- The heading and sentences as matching tokens (see sentence-terms.ts), accented and plain.
  terms TEXT NOT NULL,
  terms_plain TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
  uni, uni_plain, bi_plain,
  content='', columnsize=0,
  tokenize="unicode61 remove_diacritics 0 tokenchars '_.,/'"
);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_vocab USING fts5vocab(chunks_fts, 'row');
-- Document frequencies of the common terms, refreshed when the index has grown or shrunk noticeably:
-- FTS5's vocabulary counts a term by walking all its postings, milliseconds for a common syllable.
CREATE TABLE IF NOT EXISTS frequent_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS embedding_cache (
  content_hash TEXT NOT NULL,
  model TEXT NOT NULL,
  vector BLOB NOT NULL,
  PRIMARY KEY (content_hash, model)
) WITHOUT ROWID;
`;
