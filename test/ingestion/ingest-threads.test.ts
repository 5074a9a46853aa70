import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IndexStore } from '../../src/store/store.js';
import { ingest } from '../../src/ingestion/ingest.js';
import { retrieveFrom } from '../helpers/briefing-index.js';
import { runProgram, tempDir, writeCorpus } from '../helpers/operations-helpers.js';
import { inspectIndex } from '../helpers/inspect-index.js';

/** Briefing `n` of a big export: its own district and figure, so each can be asked about. */
function briefing(n: number): string {
  return JSON.stringify({
    id: `tin-${n}`,
    title: `Huyện số ${n} báo cáo sản lượng lúa`,
    text:
      `Theo báo cáo, huyện số ${n} của tỉnh An Giang thu hoạch ${1000 + n} tấn lúa trong vụ đông xuân. ` +
      `${'Nông dân phấn khởi vì giá lúa ổn định, chi phí phân bón giảm so với năm trước. '.repeat(6)}` +
      `Vụ hè thu sẽ xuống giống sớm.`,
    date: '2024-03-01',
    source: 'test',
  });
}

/** Each chunk of a document as stored: text, content hash and matching forms. */
function storedChunks(indexDir: string, docId: string): unknown[] {
  return inspectIndex(indexDir, (db) =>
    db.prepare('SELECT id, ordinal, text, content_hash, terms, terms_plain FROM chunks WHERE doc_id = ? ORDER BY ordinal').raw().all(docId),
  );
}

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir('ingest-threads-test-');
});
afterEach(() => tmp.cleanup());

describe('ingesting a big export (documents prepared on a thread while earlier ones are written)', () => {
  const DOCUMENTS = 600;

  it('indexes every document, in the order of the file, as it indexes each one alone', async () => {
    const corpus = path.join(tmp.dir, 'corpus');
    writeCorpus(corpus, { 'xuat-khau.jsonl': Array.from({ length: DOCUMENTS }, (_, i) => briefing(i + 1)).join('\n') });
    const indexDir = path.join(tmp.dir, 'index');
    const summary = await ingest({ inputs: [corpus], indexDir, embedder: null });
    expect(summary.added).toBe(DOCUMENTS);

    // Row ids follow the file: the index is the same whichever thread prepared a document.
    const order = inspectIndex(indexDir, (db) => db.prepare('SELECT doc_id FROM chunks WHERE ordinal = 0 ORDER BY rowid').pluck().all());
    expect(order).toEqual(Array.from({ length: DOCUMENTS }, (_, i) => `tin-${i + 1}`));

    // A late document (prepared on the thread) is stored exactly as when it is ingested alone.
    const aloneCorpus = path.join(tmp.dir, 'alone');
    writeCorpus(aloneCorpus, { 'xuat-khau.jsonl': briefing(577) });
    const alone = path.join(tmp.dir, 'alone-index');
    await ingest({ inputs: [aloneCorpus], indexDir: alone, embedder: null });
    expect(storedChunks(indexDir, 'tin-577')).toEqual(storedChunks(alone, 'tin-577'));
    expect(storedChunks(indexDir, 'tin-577').length).toBeGreaterThan(0);

    expect(retrieveFrom(indexDir, 'Huyện số 577 thu hoạch bao nhiêu tấn lúa?', 5)[0]!.text).toContain('1577 tấn');
  });

  it('runs to the end from the command line, where nothing but the thread is left to wait for', async () => {
    const corpus = path.join(tmp.dir, 'corpus');
    writeCorpus(corpus, { 'xuat-khau.jsonl': Array.from({ length: DOCUMENTS }, (_, i) => briefing(i + 1)).join('\n') });
    const indexDir = path.join(tmp.dir, 'index');
    const program = runProgram('src/cli/ingest.ts', [corpus, '--index', indexDir]);
    const { code } = await program.exited;
    expect(program.stderr()).not.toMatch(/error/i);
    expect(code).toBe(0);
    const store = IndexStore.openForRead(indexDir);
    expect(store.stats().documents).toBe(DOCUMENTS);
    store.close();
  }, 120_000);
});
