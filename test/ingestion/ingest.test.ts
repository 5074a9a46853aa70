import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IndexStore } from '../../src/store/store.js';
import { ingest } from '../../src/ingestion/ingest.js';
import { IndexBusyError } from '../../src/store/index-lock.js';
import type { IngestSummary } from '../../src/ingestion/types.js';
import { retrieveFrom } from '../helpers/briefing-index.js';
import { runProgram, tempDir, writeCorpus } from '../helpers/operations-helpers.js';
import { inspectIndex } from '../helpers/inspect-index.js';

/** One briefing about a province's harvest of a crop, as a JSONL line. */
function harvest(id: string, region: string, crop: string, tonnes: string): string {
  return JSON.stringify({
    id,
    title: `${region}: thu hoạch ${crop}`,
    text: `Sở Nông nghiệp tỉnh ${region} cho biết sản lượng ${crop} năm nay đạt ${tonnes} tấn, tăng so với cùng kỳ. Giá ${crop} ổn định.`,
    date: '2024-05-01',
    region,
    source: 'test',
  });
}

const markdown = (region: string, tonnes: string) =>
  `---\ntitle: ${region} thu hoạch cà phê\ndate: 2024-04-01\nregion: ${region}\n---\n\n` +
  `Sản lượng cà phê của ${region} đạt ${tonnes} tấn trong vụ này.\n`;

/** The passages a user asking `question` would be shown from the index as it is on disk now. */
function search(indexDir: string, question: string): Array<{ docId: string; text: string }> {
  return retrieveFrom(indexDir, question, 10).map((p) => ({ docId: p.docId, text: p.text }));
}

/** Every chunk text in the index, whether or not a question would find it. */
function allChunkText(indexDir: string): string {
  return inspectIndex(indexDir, (db) => (db.prepare('SELECT text FROM chunks').pluck().all() as string[]).join('\n'));
}

function documentCount(indexDir: string): number {
  const store = IndexStore.openForRead(indexDir);
  try {
    return store.stats().documents;
  } finally {
    store.close();
  }
}

const counts = (s: IngestSummary) => ({ added: s.added, updated: s.updated, unchanged: s.unchanged, removed: s.removed });

let tmp: { dir: string; cleanup: () => void };
let corpus: string;
let indexDir: string;
const run = (options: { prune?: boolean; inputs?: string[] } = {}) =>
  ingest({ inputs: options.inputs ?? [corpus], indexDir, prune: options.prune, embedder: null });

beforeEach(() => {
  tmp = tempDir('ingest-test-');
  corpus = path.join(tmp.dir, 'corpus');
  indexDir = path.join(tmp.dir, 'index');
  writeCorpus(corpus, {
    'nong-san.jsonl': [
      harvest('thanh-long', 'Bình Thuận', 'thanh long', '511'),
      harvest('sau-rieng', 'Đắk Lắk', 'sầu riêng', '622'),
      harvest('vai-thieu', 'Bắc Giang', 'vải thiều', '733'),
    ].join('\n'),
    'ca-phe.md': markdown('Gia Lai', '844'),
  });
});
afterEach(() => tmp.cleanup());

describe('incremental ingestion', () => {
  it('does not re-process files that have not changed', async () => {
    const first = await run();
    expect(counts(first)).toEqual({ added: 4, updated: 0, unchanged: 0, removed: 0 });
    const second = await run();
    expect(counts(second)).toEqual({ added: 0, updated: 0, unchanged: 4, removed: 0 });
    expect(second.filesRead).toBe(2);
    expect(second.chunks).toBe(first.chunks);
  });

  it('updates a changed document: the new text is found and the old text is gone', async () => {
    await run();
    expect(search(indexDir, 'sản lượng sầu riêng Đắk Lắk')[0]!.text).toContain('622 tấn');
    fs.writeFileSync(
      path.join(corpus, 'nong-san.jsonl'),
      [
        harvest('thanh-long', 'Bình Thuận', 'thanh long', '511'),
        harvest('sau-rieng', 'Đắk Lắk', 'sầu riêng', '999'),
        harvest('vai-thieu', 'Bắc Giang', 'vải thiều', '733'),
      ].join('\n'),
    );
    const summary = await run();
    expect(counts(summary)).toEqual({ added: 0, updated: 1, unchanged: 3, removed: 0 });
    const found = search(indexDir, 'sản lượng sầu riêng Đắk Lắk');
    expect(found[0]).toMatchObject({ docId: 'sau-rieng' });
    expect(found[0]!.text).toContain('999 tấn');
    expect(found.some((p) => p.text.includes('622'))).toBe(false);
    expect(allChunkText(indexDir)).not.toContain('622 tấn');
  });

  it('forgets every word of an edited or deleted briefing: the full-text index is the one a fresh ingest of the new files builds', async () => {
    await run();
    fs.writeFileSync(
      path.join(corpus, 'nong-san.jsonl'),
      [
        harvest('thanh-long', 'Bình Thuận', 'thanh long', '511'),
        harvest('sau-rieng', 'Đắk Lắk', 'sầu riêng', '999'),
        harvest('vai-thieu', 'Bắc Giang', 'vải thiều', '733'),
      ].join('\n'),
    );
    fs.rmSync(path.join(corpus, 'ca-phe.md'));
    await run({ prune: true });
    const fresh = path.join(tmp.dir, 'fresh-index');
    await ingest({ inputs: [corpus], indexDir: fresh, embedder: null });

    // Term, number of chunks, number of occurrences: what ranking reads.
    const vocabulary = (dir: string) => {
      return inspectIndex(dir, (db) => db.prepare('SELECT term, doc, cnt FROM chunks_vocab ORDER BY term').raw().all());
    };
    expect(vocabulary(indexDir)).toEqual(vocabulary(fresh));
    expect(JSON.stringify(vocabulary(indexDir))).not.toMatch(/"(622|844)"/);
  });

  it('removes a document that was deleted from a JSONL file, and keeps the others', async () => {
    await run();
    fs.writeFileSync(
      path.join(corpus, 'nong-san.jsonl'),
      [harvest('thanh-long', 'Bình Thuận', 'thanh long', '511'), harvest('vai-thieu', 'Bắc Giang', 'vải thiều', '733')].join('\n'),
    );
    const summary = await run();
    expect(counts(summary)).toEqual({ added: 0, updated: 0, unchanged: 3, removed: 1 });
    expect(search(indexDir, 'sản lượng sầu riêng Đắk Lắk').some((p) => p.docId === 'sau-rieng')).toBe(false);
    expect(allChunkText(indexDir)).not.toContain('sầu riêng');
    expect(search(indexDir, 'sản lượng vải thiều Bắc Giang')[0]!.text).toContain('733 tấn');
  });

  it("keeps a deleted file's documents until ingestion runs with prune", async () => {
    await run();
    fs.rmSync(path.join(corpus, 'ca-phe.md'));
    const kept = await run();
    expect(kept.removed).toBe(0);
    expect(search(indexDir, 'cà phê Gia Lai')[0]?.text).toContain('844 tấn');
    const pruned = await run({ prune: true });
    expect(pruned.removed).toBe(1);
    expect(allChunkText(indexDir)).not.toContain('844 tấn');
    expect(documentCount(indexDir)).toBe(3);
  });

  it('in a JSONL file, parses again only the lines that changed, wherever the unchanged ones moved', async () => {
    await run();
    const changed = harvest('sau-rieng', 'Đắk Lắk', 'sầu riêng', '999');
    const added = harvest('ca-cao', 'Bến Tre', 'ca cao', '120');
    fs.writeFileSync(
      path.join(corpus, 'nong-san.jsonl'),
      [
        added,
        harvest('vai-thieu', 'Bắc Giang', 'vải thiều', '733'),
        changed,
        harvest('thanh-long', 'Bình Thuận', 'thanh long', '511'),
      ].join('\n'),
    );
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const summary = await run();
      expect(counts(summary)).toEqual({ added: 1, updated: 1, unchanged: 3, removed: 0 });
      const parsedLines = parse.mock.calls.map((c) => String(c[0])).filter((text) => text.startsWith('{"id"'));
      expect(parsedLines.sort()).toEqual([added, changed].sort());
    } finally {
      parse.mockRestore();
    }
    expect(search(indexDir, 'sản lượng ca cao Bến Tre')[0]!.text).toContain('120 tấn');
    expect(search(indexDir, 'sản lượng thanh long Bình Thuận')[0]!.text).toContain('511 tấn');
  });

  it('numbers the documents of JSONL lines without ids by line: a line inserted on top loses and duplicates nothing', async () => {
    const line = (crop: string, tonnes: string) =>
      JSON.stringify({ title: `Thu hoạch ${crop}`, text: `Sản lượng ${crop} năm nay đạt ${tonnes} tấn.` });
    writeCorpus(corpus, { 'tin.jsonl': [line('mía', '101'), line('ngô', '202')].join('\n') });
    await run();
    fs.writeFileSync(path.join(corpus, 'tin.jsonl'), [line('khoai', '303'), line('mía', '101'), line('ngô', '202')].join('\n'));
    const summary = await run();
    expect(summary.skipped).toEqual([]);
    const docs = inspectIndex(indexDir, (db) =>
      db
        .prepare(
          "SELECT id, (SELECT group_concat(text) FROM chunks WHERE doc_id = documents.id) AS text FROM documents WHERE id LIKE 'tin#%' ORDER BY id",
        )
        .all(),
    );
    expect(docs).toEqual([
      { id: 'tin#1', text: expect.stringContaining('303 tấn') },
      { id: 'tin#2', text: expect.stringContaining('101 tấn') },
      { id: 'tin#3', text: expect.stringContaining('202 tấn') },
    ]);
  });

  it('adds documents from another folder without dropping the ones already indexed', async () => {
    await run();
    const other = path.join(tmp.dir, 'other');
    writeCorpus(other, { 'lua.jsonl': harvest('lua-an-giang', 'An Giang', 'lúa', '955') });
    const summary = await run({ inputs: [other] });
    expect(counts(summary)).toEqual({ added: 1, updated: 0, unchanged: 0, removed: 0 });
    expect(documentCount(indexDir)).toBe(5);
  });
});

describe('files that cannot be ingested', () => {
  it('a JSONL line in another encoding is skipped with its line number, and the rest of the file is ingested', async () => {
    const good = Buffer.from(`${harvest('lua', 'An Giang', 'lúa', '955')}\n`);
    const latin1 = Buffer.from(`${JSON.stringify({ id: 'cafe', title: 'Café', text: 'Café Buôn Ma Thuột được mùa.' })}\n`, 'latin1');
    fs.writeFileSync(path.join(corpus, 'tron.jsonl'), Buffer.concat([good, latin1]));
    const summary = await run();
    expect(summary.skipped).toEqual([{ path: 'tron.jsonl', reason: 'line 2 skipped: not valid UTF-8 text (save the file as UTF-8)' }]);
    expect(search(indexDir, 'sản lượng lúa An Giang')[0]!.text).toContain('955 tấn');
  });

  it('are listed in the summary with a reason, and the good files are still ingested', async () => {
    writeCorpus(corpus, { 'hong.json': '{"title": "thiếu ngoặc"', 'rong.txt': '  \n', 'anh.png': '\x89PNG\r\n' });
    const missing = path.join(tmp.dir, 'khong-co');
    const summary = await run({ inputs: [corpus, missing] });
    expect(summary.filesRead).toBe(2);
    expect(summary.added).toBe(4);
    const reasons = new Map(summary.skipped.map((s) => [s.path, s.reason]));
    expect([...reasons.keys()].sort()).toEqual(['anh.png', 'hong.json', 'rong.txt', missing].sort());
    for (const reason of reasons.values()) expect(reason.length).toBeGreaterThan(5);
    expect(reasons.get(missing)).toMatch(/no such file/);
    expect(reasons.get('anh.png')).toMatch(/unsupported/);
  });

  it('a file that disappears during the run is reported, and its documents already indexed are kept', async () => {
    await run();
    fs.writeFileSync(path.join(corpus, 'ca-phe.md'), markdown('Gia Lai', '855'));
    const summary = await ingest({
      inputs: [corpus],
      indexDir,
      embedder: null,
      // Deleted after the scan listed it, before it is read (files are read in name order).
      onProgress: (event) => {
        if (event.phase === 'read' && event.file === 'ca-phe.md') fs.rmSync(path.join(corpus, 'nong-san.jsonl'));
      },
    });
    expect(summary.skipped.map((s) => s.path)).toEqual(['nong-san.jsonl']);
    expect(summary.skipped[0]!.reason).toMatch(/ENOENT|not found/);
    expect(counts(summary)).toEqual({ added: 0, updated: 1, unchanged: 0, removed: 0 });
    expect(search(indexDir, 'sản lượng vải thiều Bắc Giang')[0]!.text).toContain('733 tấn');
    expect(search(indexDir, 'cà phê Gia Lai')[0]!.text).toContain('855 tấn');
  });
});

describe('an ingestion that fails half-way', () => {
  it('leaves the previous index answering exactly as before, and the next run succeeds', async () => {
    await run();
    const before = search(indexDir, 'sản lượng thanh long Bình Thuận');
    expect(before[0]!.text).toContain('511 tấn');
    // Both files change; the run dies after the first file was written into its transaction.
    writeCorpus(corpus, {
      'ca-phe.md': markdown('Gia Lai', '877'),
      'nong-san.jsonl': [
        harvest('thanh-long', 'Bình Thuận', 'thanh long', '566'),
        harvest('vai-thieu', 'Bắc Giang', 'vải thiều', '733'),
      ].join('\n'),
    });
    let reads = 0;
    const crash = ingest({
      inputs: [corpus],
      indexDir,
      embedder: null,
      onProgress: (event) => {
        if (event.phase === 'read' && ++reads === 2) throw new Error('disk unplugged');
      },
    });
    await expect(crash).rejects.toThrow('disk unplugged');
    expect(search(indexDir, 'sản lượng thanh long Bình Thuận')).toEqual(before);
    expect(search(indexDir, 'cà phê Gia Lai')[0]!.text).toContain('844 tấn');
    expect(documentCount(indexDir)).toBe(4);

    const next = await run();
    expect(counts(next)).toEqual({ added: 0, updated: 2, unchanged: 1, removed: 1 });
    expect(search(indexDir, 'sản lượng thanh long Bình Thuận')[0]!.text).toContain('566 tấn');
  });
});

describe('two ingestions at once on the same index', () => {
  it('the second refuses with a message saying another ingestion is running, and the first is unharmed', async () => {
    await run();
    const first = runProgram('src/cli/ingest.ts', [corpus, '--index', indexDir], { INGEST_TEST_PAUSE_AT: 'locked' });
    try {
      await first.waitForOutput(/INGEST_PAUSED_AT locked/);
      const busy = /Another ingestion \(pid \d+\) is already running on .*Wait for it to finish/;
      await expect(run()).rejects.toThrow(IndexBusyError);
      await expect(run()).rejects.toThrow(busy);

      const second = runProgram('src/cli/ingest.ts', [corpus, '--index', indexDir]);
      const { code } = await second.exited;
      expect(code).not.toBe(0);
      expect(second.stderr()).toMatch(busy);
      expect(second.stderr()).not.toMatch(/\n\s+at /); // a message, not a stack trace
    } finally {
      first.child.kill('SIGKILL');
      await first.exited;
    }
    // The killed run left its lock behind; the next ingestion takes it over and the index still works.
    expect(counts(await run())).toEqual({ added: 0, updated: 0, unchanged: 4, removed: 0 });
    expect(search(indexDir, 'cà phê Gia Lai')[0]!.text).toContain('844 tấn');
  });
});
