import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LexicalRetriever } from '../../src/retrieval/lexical-retriever.js';
import { IndexStore } from '../../src/store/store.js';
import { ingest } from '../../src/ingestion/ingest.js';
import { removeDiacritics } from '../../src/text/normalize.js';
import { countWords, splitSentences } from '../../src/text/sentences.js';
import { SHIPPED_CORPUS } from '../helpers/shipped-qa.js';
import { tempDir, writeCorpus } from '../helpers/operations-helpers.js';
import { inspectIndex } from '../helpers/inspect-index.js';

/** Briefings built so that only the accents, the tone placement or a whole number tells them apart. */
const BRIEFINGS = [
  {
    id: 'mua-khanh-hoa',
    region: 'Khánh Hòa',
    title: 'Khánh Hòa: mưa lớn kéo dài',
    text: 'Lượng mưa tại Khánh Hòa trong tháng 10 đạt 450 mm, gấp đôi trung bình nhiều năm. Mưa lớn gây ngập nhiều tuyến phố.',
  },
  {
    id: 'mua-da-nang',
    region: 'Đà Nẵng',
    title: 'Đà Nẵng: thời tiết tháng 10',
    text: 'Lượng mưa tại Đà Nẵng trong tháng 10 đạt 300 mm. Nhiệt độ trung bình giảm nhẹ.',
  },
  {
    id: 'suc-mua-da-nang',
    region: 'Đà Nẵng',
    title: 'Đà Nẵng: sức mua tăng',
    text: 'Sức mua hàng hóa tại Đà Nẵng tăng 12% so với cùng kỳ. Người dân mua sắm nhiều dịp cuối năm.',
  },
  {
    id: 'thuy-dien',
    region: 'Hòa Bình',
    title: 'Thuỷ điện Hoà Bình vượt kế hoạch',
    text: 'Nhà máy thuỷ điện Hoà Bình phát 1,2 tỷ kWh trong quý III, vượt kế hoạch năm.',
  },
  {
    id: 'kim-ngach',
    region: 'Bình Dương',
    title: 'Bình Dương: kim ngạch xuất khẩu',
    text: 'Kim ngạch xuất khẩu của Bình Dương tăng 140,3% so với cùng kỳ, đạt 3,055 tỷ USD.',
  },
  {
    id: 'doanh-nghiep',
    region: 'Bình Dương',
    title: 'Bình Dương: doanh nghiệp mới',
    text: 'Bình Dương có 140 doanh nghiệp mới và 3 khu công nghiệp mở rộng, vốn tăng so với cùng kỳ.',
  },
];

let tmp: { dir: string; cleanup: () => void };
let small: IndexStore;
let shipped: IndexStore;

beforeAll(async () => {
  tmp = tempDir('retrieval-test-');
  const corpus = path.join(tmp.dir, 'corpus');
  writeCorpus(corpus, { 'briefings.jsonl': BRIEFINGS.map((b) => JSON.stringify({ ...b, date: '2024-10-31', source: 'test' })).join('\n') });
  await ingest({ inputs: [corpus], indexDir: path.join(tmp.dir, 'small'), embedder: null });
  await ingest({ inputs: [SHIPPED_CORPUS], indexDir: path.join(tmp.dir, 'shipped'), embedder: null });
  small = IndexStore.openForRead(path.join(tmp.dir, 'small'));
  shipped = IndexStore.openForRead(path.join(tmp.dir, 'shipped'));
});
afterAll(() => {
  small?.close();
  shipped?.close();
  tmp?.cleanup();
});

const top = (store: IndexStore, question: string, k = 3) => new LexicalRetriever(store).retrieve(question, k).passages;

describe('finding the right briefing', () => {
  it.each([
    ['Lượng mưa ở Khánh Hòa tháng 10 là bao nhiêu?', 'mua-khanh-hoa'],
    ['luong mua o khanh hoa thang 10 la bao nhieu', 'mua-khanh-hoa'],
    ['Lượng mưa Khánh Hoà', 'mua-khanh-hoa'], // old tone placement in the question
    ['Sức mua ở Đà Nẵng tăng bao nhiêu?', 'suc-mua-da-nang'],
    ['suc mua o da nang tang bao nhieu', 'suc-mua-da-nang'],
    ['Lượng mưa ở Đà Nẵng tháng 10?', 'mua-da-nang'],
    ['Thủy điện Hòa Bình phát bao nhiêu điện?', 'thuy-dien'], // new tone placement, text has the old one
    ['thuy dien hoa binh phat bao nhieu dien', 'thuy-dien'],
  ])('"%s" → %s first', (question, docId) => {
    expect(top(small, question)[0]?.docId).toBe(docId);
  });

  it('uses the accents when the question has them: "mưa" (rain) is not "mua" (buy)', () => {
    const rain = top(small, 'Lượng mưa ở Đà Nẵng', 5);
    const buying = top(small, 'Sức mua ở Đà Nẵng', 5);
    expect(rain[0]?.docId).toBe('mua-da-nang');
    expect(buying[0]?.docId).toBe('suc-mua-da-nang');
    expect(rain.findIndex((p) => p.docId === 'suc-mua-da-nang')).not.toBe(0);
  });

  it('matches a whole figure: "140,3%" finds the passage with 140,3%, not one with 140 and 3', () => {
    expect(top(small, 'Kim ngạch tăng 140,3% ở đâu?')[0]?.docId).toBe('kim-ngach');
    expect(top(small, 'Tỉnh nào tăng 140,3%?')[0]?.docId).toBe('kim-ngach');
    expect(top(small, 'Tinh nao tang 140,3%?')[0]?.docId).toBe('kim-ngach');
  });

  it('returns at most k passages, best first, each with its source briefing', () => {
    for (const k of [1, 2, 4]) {
      const passages = top(small, 'Đà Nẵng tháng 10', k);
      expect(passages.length).toBeGreaterThan(0);
      expect(passages.length).toBeLessThanOrEqual(k);
      const scores = passages.map((p) => p.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const p of passages) expect(BRIEFINGS.find((b) => b.id === p.docId)?.title).toBe(p.title);
    }
  });

  it('returns nothing when no word of the question is in the index', () => {
    expect(top(small, 'xyzzy quokka')).toEqual([]);
    expect(top(small, '???')).toEqual([]);
  });
});

describe('finding the right passage in the shipped corpus', () => {
  /**
   * Questions made from the corpus itself: the first 12 words of a sentence in the second chunk
   * of every 8th document, asked as written and as typed without accents.
   */
  function sampleSentences(): string[] {
    const chunks = inspectIndex(
      path.join(tmp.dir, 'shipped'),
      (db) => db.prepare('SELECT text FROM chunks WHERE ordinal = 1 ORDER BY id').pluck().all() as string[],
    );
    return chunks
      .filter((_, i) => i % 8 === 0)
      .flatMap((text) =>
        splitSentences(text)
          .filter((s) => countWords(s) >= 12 && countWords(s) <= 40)
          .slice(0, 1),
      );
  }

  it('puts a passage containing the sentence in the top 3, with and without accents', () => {
    const sentences = sampleSentences();
    expect(sentences.length).toBeGreaterThan(25);
    const misses: string[] = [];
    for (const sentence of sentences) {
      const question = sentence.split(/\s+/).slice(0, 12).join(' ');
      for (const asked of [question, removeDiacritics(question).toLowerCase()]) {
        if (!top(shipped, asked).some((p) => p.text.includes(sentence))) misses.push(asked);
      }
    }
    expect(misses).toEqual([]);
  });

  it('finds the Hải Phòng briefing for its FDI figure, with or without accents', () => {
    for (const question of ['Hải Phòng thu hút FDI bao nhiêu?', 'hai phong thu hut fdi bao nhieu']) {
      const passages = top(shipped, question);
      expect(passages[0]?.docId).toBe('hai-phong-2023-10-19');
      expect(passages[0]?.text).toContain('140,3%');
    }
  });
});
