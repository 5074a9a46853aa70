import '../config/load-dotenv.js';
import { loadCoreConfig } from '../config/core-config.js';
import { IndexError, IndexStore } from '../store/store.js';
import { acquireIndexLock } from '../store/index-lock.js';
import { quietLogsForCli } from '../log.js';
import { canonicalRegion } from '../text/regions.js';
import { parseCommandLine } from './command-line.js';
import { formatNumber } from '../text/format-vi.js';
import { reportFatal, UsageError } from './report-fatal.js';

const USAGE =
  'Usage: npm run docs -- list [--region R] [--since YYYY-MM-DD] [--source S] | show ID | remove ID [--restore] | stats   [--index DIR] [--json]';

/**
 * `npm run docs`: what the bot knows, without touching SQLite. `list` and `show` read; `remove`
 * takes a document out of the index (under the ingestion lock, in one transaction, so a serving bot
 * moves to the new generation at its next question) until its file changes or `--restore`.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(USAGE, {
    index: { type: 'string' },
    region: { type: 'string' },
    since: { type: 'string' },
    source: { type: 'string' },
    restore: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  const [command, id, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`Unexpected argument ${extra[0]}. ${USAGE}`);
  const indexDir = values.index ?? loadCoreConfig().INDEX_DIR;
  const print = (human: string, data: unknown) => console.log(values.json ? JSON.stringify(data) : human);

  switch (command) {
    case 'list': {
      if (values.since !== undefined && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(values.since))
        throw new UsageError(`--since must be a date such as 2023-10-01 (got "${values.since}"). ${USAGE}`);
      const region = values.region === undefined ? undefined : (canonicalRegion(values.region) ?? values.region);
      const rows = withStore(indexDir, (store) => store.listDocuments({ region, since: values.since, source: values.source }));
      if (values.json) for (const row of rows) console.log(JSON.stringify(row));
      else {
        for (const r of rows) console.log([r.id, r.date ?? '-', r.region ?? '-', r.source ?? '-', r.title].join('\t'));
        console.error(`${formatNumber(rows.length)} document${rows.length === 1 ? '' : 's'}`);
      }
      return;
    }
    case 'show': {
      const wanted = requireId(id);
      const doc = withStore(indexDir, (store) => {
        const found = store.document(wanted);
        if (!found) return null;
        const chunks = store.chunkTexts(wanted);
        return { ...found, chunks };
      });
      if (!doc) throw new UsageError(`No document with id ${wanted} in ${indexDir} (npm run docs -- list shows the ids).`);
      const { chunks, contentHash: _hash, ...fields } = doc;
      print(
        [
          `${doc.title}`,
          `id: ${doc.id}   date: ${doc.date ?? '-'}${doc.dateFromText ? ' (read from the text)' : ''} ` +
            `  region: ${doc.region ?? '-'}   source: ${doc.source ?? '-'}`,
          `file: ${doc.filePath}${doc.url ? `   url: ${doc.url}` : ''}`,
          `${formatNumber(chunks.length)} passages:`,
          ...chunks.map((text, i) => `[${i + 1}] ${text}`),
        ].join('\n'),
        { ...fields, passages: chunks },
      );
      return;
    }
    case 'remove': {
      const wanted = requireId(id);
      const message = await (values.restore ? restoreDocument(indexDir, wanted) : removeDocument(indexDir, wanted));
      print(message, { id: wanted, restored: values.restore, message });
      return;
    }
    case 'stats': {
      const stats = withStore(indexDir, (store) => ({
        ...store.stats(),
        regions: store.documentsPerRegion(),
        sources: store.documentsPerSource(),
        removed: store.removedDocuments(),
      }));
      const top = (list: Array<{ name: string; documents: number }>) =>
        list
          .slice(0, 10)
          .map((r) => `${r.name} ${formatNumber(r.documents)}`)
          .join(', ') + (list.length > 10 ? `, … (${list.length} in all)` : '');
      print(
        [
          `Documents: ${formatNumber(stats.documents)}   passages: ${formatNumber(stats.chunks)}`,
          `Newest date: ${stats.newestDate ?? '-'}   last ingestion: ${stats.lastIngestAt ?? '-'}   embeddings: ${stats.embeddingModel ?? 'none (lexical)'}`,
          `Regions: ${top(stats.regions)}`,
          `Sources: ${top(stats.sources)}`,
          `Removed by an admin: ${stats.removed.length === 0 ? 'none' : stats.removed.join(', ')}`,
        ].join('\n'),
        stats,
      );
      return;
    }
    default:
      throw new UsageError(`${command === undefined ? 'No command given' : `Unknown command ${command}`}. ${USAGE}`);
  }
}

function requireId(id: string | undefined): string {
  if (!id) throw new UsageError(`Give the document id. ${USAGE}`);
  return id;
}

function withStore<T>(indexDir: string, read: (store: IndexStore) => T): T {
  const store = IndexStore.openForRead(indexDir);
  try {
    return store.snapshot(() => read(store));
  } finally {
    store.close();
  }
}

/**
 * Takes a document out. It stays out while its file is unchanged (ingestion skips unchanged files,
 * and reads a changed one whole); the file it came from is recorded for `--restore`.
 */
function removeDocument(indexDir: string, id: string): Promise<string> {
  return underLock(indexDir, (store) => {
    const doc = store.document(id);
    if (!doc) throw new UsageError(`No document with id ${id} in ${indexDir} (npm run docs -- list shows the ids).`);
    store.removeDocumentByAdmin(doc);
    return `Removed ${id} (${doc.title}). It stays out of the index until ${doc.filePath} changes, or: npm run docs -- remove ${id} --restore`;
  });
}

/** Lets a removed document back in: its file is read again at the next ingestion. */
function restoreDocument(indexDir: string, id: string): Promise<string> {
  return underLock(indexDir, (store) => {
    const file = store.removedDocumentFile(id);
    if (file === null) throw new UsageError(`${id} was not removed with npm run docs -- remove, so there is nothing to restore.`);
    // Forgetting the file's hash makes the next ingestion read it again, and find the document.
    store.restoreDocument(id, file);
    return `${id} will be indexed again by the next npm run ingest (it reads ${file} again).`;
  });
}

/** One write under the ingestion lock, in one transaction that serving bots see as a new generation. */
async function underLock(indexDir: string, write: (store: IndexStore) => string): Promise<string> {
  const release = acquireIndexLock(indexDir);
  let store: IndexStore | null = null;
  try {
    store = IndexStore.openForWrite(indexDir);
    if (store.outdated)
      throw new IndexError(`The index at ${indexDir} was built by another version of this program. Run npm run ingest first.`);
    const writable = store;
    return await writable.write(() => {
      const message = write(writable);
      writable.refreshStatistics();
      writable.bumpGeneration();
      return message;
    });
  } finally {
    store?.close();
    release();
  }
}

quietLogsForCli();
main().catch(reportFatal);
