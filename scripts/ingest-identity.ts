/**
 * `npx tsx scripts/ingest-identity.ts [--against REV] INPUT...`: proves that a change to ingestion
 * left its output alone. Ingests the inputs from scratch twice, lexical only, once with these
 * sources and once with the sources of git revision REV (default: HEAD), and compares what each index
 * holds: the documents, the chunks (ids, texts, hashes, stored terms, row ids) and every posting of
 * the full-text index (term, chunk, column, position), plus the statistics retrieval reads.
 * Prints one line per part and exits 1 when any part differs, naming the first chunk that does.
 * With --compare, compares two index folders already built instead (of the same inputs).
 *
 *   npx tsx scripts/ingest-identity.ts --against ec23d0b corpus data/sample-2000.jsonl
 *   npx tsx scripts/ingest-identity.ts --compare data/index-before data/index-after
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { reportFatal, UsageError } from '../src/cli/report-fatal.js';
import { databasePath } from '../src/store/store.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const USAGE = 'Usage: npx tsx scripts/ingest-identity.ts [--against REV] [--work DIR] INPUT... | --compare INDEX_DIR INDEX_DIR';

/** What an index is compared on, each part as the SQL that lists it in a fixed order. */
const PARTS: Record<string, string> = {
  // ingested_at is the run's clock, not its output.
  documents: 'SELECT id, file_path, title, summary, source, url, date, date_from_text, region, content_hash FROM documents ORDER BY rowid',
  chunks: 'SELECT rowid, id, doc_id, ordinal, text, content_hash, terms, terms_plain FROM chunks ORDER BY rowid',
  postings: 'SELECT term, doc, col, offset FROM temp.postings ORDER BY term, doc, col, offset',
  'frequent terms': 'SELECT term, df FROM frequent_terms ORDER BY term',
  statistics:
    "SELECT key, value FROM meta WHERE key IN ('schema_version', 'pipeline_version', 'average_chunk_length', 'frequent_terms_chunks') ORDER BY key",
};

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      against: { type: 'string', default: 'HEAD' },
      work: { type: 'string', default: path.join(ROOT, 'data/ingest-identity') },
      compare: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.compare) {
    if (positionals.length !== 2) throw new UsageError(`--compare takes two index folders. ${USAGE}`);
    return compare(positionals[0]!, positionals[1]!);
  }
  if (positionals.length === 0) throw new UsageError(`Name the files or folders to ingest. ${USAGE}`);
  const inputs = positionals.map((p) => path.resolve(p));
  for (const input of inputs) if (!fs.existsSync(input)) throw new UsageError(`No such file or folder: ${input}`);
  const work = path.resolve(values.work);
  const revision = git(['rev-parse', '--verify', `${values.against}^{commit}`]).trim();
  const baseTree = checkout(revision, path.join(work, `sources-${revision.slice(0, 12)}`));

  const indexes = { [revision.slice(0, 12)]: path.join(work, 'index-base'), 'these sources': path.join(work, 'index-current') };
  const trees = [baseTree, ROOT];
  const labels = Object.keys(indexes);
  for (const [i, label] of labels.entries()) {
    const started = performance.now();
    freshIngest(trees[i]!, inputs, indexes[label]!);
    console.error(`ingested with ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  return compare(indexes[labels[0]!]!, indexes[labels[1]!]!);
}

/** Compares two indexes part by part (see {@link PARTS}); 0 when they hold the same. */
function compare(baseDir: string, currentDir: string): number {
  const [base, current] = [baseDir, currentDir].map(openIndex);
  let same = true;
  for (const [part, sql] of Object.entries(PARTS)) {
    const a = digest(base!, sql);
    const b = digest(current!, sql);
    const equal = a.hash === b.hash && a.rows === b.rows;
    same &&= equal;
    console.log(
      `${equal ? 'same     ' : 'DIFFERENT'}  ${part}: ${a.rows.toLocaleString('en-US')} rows${equal ? '' : ` against ${b.rows.toLocaleString('en-US')}`}`,
    );
  }
  if (!same) {
    const first = firstDifferentChunk(base!, current!);
    if (first) console.log(`first chunk that differs: ${first}`);
  }
  return same ? 0 : 1;
}

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
}

/** The sources of `revision` in `dir` (extracted once), using this checkout's node_modules. */
function checkout(revision: string, dir: string): string {
  if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${revision} | tar -x -C "${dir}"`], { cwd: ROOT });
  fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(dir, 'node_modules'));
  return dir;
}

/** Ingests `inputs` into an emptied `indexDir` with the ingest CLI of the sources in `tree`. */
function freshIngest(tree: string, inputs: string[], indexDir: string): void {
  fs.rmSync(indexDir, { recursive: true, force: true });
  execFileSync(process.execPath, ['--import', 'tsx', path.join(tree, 'src/cli/ingest.ts'), ...inputs, '--index', indexDir], {
    cwd: tree,
    env: { ...process.env, EMBEDDINGS: 'none', LOG_LEVEL: 'warn' },
    // Its progress lines would bury the comparison; a failed run throws with what it printed.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

function openIndex(indexDir: string): Database.Database {
  const db = new Database(databasePath(indexDir), { readonly: true });
  // Every posting of the full-text index, as FTS5 itself lists them.
  db.exec("CREATE VIRTUAL TABLE temp.postings USING fts5vocab(main, 'chunks_fts', 'instance')");
  return db;
}

function digest(db: Database.Database, sql: string): { hash: string; rows: number } {
  const hash = createHash('sha256');
  let rows = 0;
  for (const row of db.prepare(sql).raw().iterate() as IterableIterator<unknown[]>) {
    hash.update(JSON.stringify(row));
    hash.update('\n');
    rows++;
  }
  return { hash: hash.digest('hex'), rows };
}

/** The id of the first chunk (in row order) whose stored row differs, or null. */
function firstDifferentChunk(a: Database.Database, b: Database.Database): string | null {
  const rowsB = b.prepare(PARTS.chunks!).raw().iterate() as IterableIterator<unknown[]>;
  for (const rowA of a.prepare(PARTS.chunks!).raw().iterate() as IterableIterator<unknown[]>) {
    const next = rowsB.next();
    if (next.done) return `${String(rowA[1])} (missing from the new index)`;
    if (JSON.stringify(rowA) !== JSON.stringify(next.value)) {
      rowsB.return?.();
      return String(rowA[1]);
    }
  }
  const extra = rowsB.next();
  return extra.done ? null : `${String(extra.value[1])} (only in the new index)`;
}

main().then((code) => (process.exitCode = code), reportFatal);
