import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeChunkTexts, prepareDocument, type PreparedDocument } from '../../src/ingestion/prepare-document.js';
import type { SourceDocument } from '../../src/ingestion/types.js';
import { IndexStore, type StoredDocument } from '../../src/store/store.js';
import { inspectIndex } from '../helpers/inspect-index.js';

// What the preparation thread sends (the chunks' texts as UTF-8 bytes) must make the same index as
// the strings a document prepared on the main thread has.

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'chunk-values-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const briefings: SourceDocument[] = [
  {
    id: 'hp',
    title: 'Hải Phòng: kinh tế 9 tháng năm 2023',
    date: '2023-10-19',
    text:
      'Vốn đầu tư trực tiếp nước ngoài (FDI) tăng 140,3% so với cùng kỳ. Thu ngân sách đạt 75.600 tỷ đồng.\n\n' +
      'Ông Nguyễn Văn Tùng, Chủ tịch UBND TP. Hải Phòng, cho biết “tăng trưởng vẫn ổn định”…',
  },
  {
    id: 'dn',
    title: 'Đà Nẵng đón khách quốc tế',
    date: '2023-10-20',
    text: 'Đà Nẵng đón 1,2 triệu lượt khách quốc tế trong 9 tháng. Ảnh: 🌊 biển Mỹ Khê.',
  },
];

function stored(doc: SourceDocument): StoredDocument {
  return {
    id: doc.id,
    filePath: `/briefings/${doc.id}.txt`,
    title: doc.title,
    summary: null,
    source: null,
    url: null,
    date: doc.date ?? null,
    dateFromText: false,
    region: doc.region ?? null,
    contentHash: doc.id,
  };
}

async function build(name: string, prepared: PreparedDocument[], options: { fill: boolean; removeFirst?: boolean }): Promise<string> {
  const dir = path.join(root, name);
  const store = IndexStore.openForWrite(dir);
  try {
    await store.write(() => {
      if (options.fill) store.beginFill();
      for (const p of prepared) store.insertDocument(stored(p.document), p.chunks, '2023-10-21T00:00:00Z');
      if (options.removeFirst) store.removeDocument(prepared[0]!.document.id);
      store.tidyFullTextIndex(1);
      store.refreshStatistics();
    });
  } finally {
    store.close();
  }
  return dir;
}

const prepareAll = () => briefings.map(prepareDocument);
const rows = (dir: string) =>
  inspectIndex(dir, (db) =>
    db
      .prepare(
        'SELECT id, text, typeof(text) AS t1, terms, typeof(terms) AS t2, terms_plain, typeof(terms_plain) AS t3 FROM chunks ORDER BY rowid',
      )
      .all(),
  );
const matches = (dir: string, query: string) =>
  inspectIndex(dir, (db) => db.prepare('SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rowid').pluck().all(query));
const averageLength = (dir: string) =>
  inspectIndex(dir, (db) => Number(db.prepare("SELECT value FROM meta WHERE key = 'average_chunk_length'").pluck().get()));

describe('chunks written from their UTF-8 bytes', () => {
  it('are stored as the same text, and found by the same words, as chunks written from strings', async () => {
    const fromStrings = await build('strings', prepareAll(), { fill: true });
    const encoded = prepareAll();
    encodeChunkTexts(encoded);
    expect(encoded[0]!.chunks[0]!.values.text).toBeInstanceOf(Uint8Array);
    const fromBytes = await build('bytes', encoded, { fill: true });

    const written = rows(fromBytes);
    expect(written).toEqual(rows(fromStrings));
    expect(written.every((r) => (r as { t1: string }).t1 === 'text' && (r as { t2: string }).t2 === 'text')).toBe(true);
    expect((written[0] as { text: string }).text).toContain('140,3%');
    for (const query of ['uni : tăng', 'uni_plain : fdi', 'bi_plain : "khach_quoc"', 'uni : "140,3"']) {
      expect(matches(fromBytes, query)).toEqual(matches(fromStrings, query));
      expect(matches(fromBytes, query).length).toBeGreaterThan(0);
    }
  });

  it('give the average chunk length counted while filling an empty index, the same as reading every chunk back', async () => {
    const counted = await build('counted', prepareAll(), { fill: true });
    const scanned = await build('scanned', prepareAll(), { fill: false });
    expect(averageLength(counted)).toBeGreaterThan(5);
    expect(averageLength(counted)).toBe(averageLength(scanned));
    // A document removed during the fill: its length is no longer in the average.
    const afterRemoval = await build('removed', prepareAll(), { fill: true, removeFirst: true });
    const onlySecond = await build('only-second', prepareAll().slice(1), { fill: false });
    expect(averageLength(afterRemoval)).toBe(averageLength(onlySecond));
  });
});
