import path from 'node:path';
import Database from 'better-sqlite3';
import { META } from '../../src/store/meta.js';

/**
 * Looks into an index folder's SQLite file as an admin with the sqlite3 shell would: read-only,
 * beside the store rather than through it, so tests check what was written without the store
 * opening its database handle to them.
 */
export function inspectIndex<T>(indexDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(indexDir, 'index.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Makes an index look as if another loading and chunking pipeline had filled it (an older program's). */
export function markIndexAsOlderPipeline(indexDir: string, version = 'older'): void {
  const db = new Database(path.join(indexDir, 'index.sqlite'), { fileMustExist: true });
  try {
    db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(version, META.pipelineVersion.name);
  } finally {
    db.close();
  }
}
