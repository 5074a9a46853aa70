import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaService } from '../../src/answer/qa-service-types.js';
import type { Answer } from '../../src/answer/types.js';
import { extractFigures } from '../../src/text/normalize.js';
import { createShippedQa } from '../helpers/shipped-qa.js';
import { inspectIndex } from '../helpers/inspect-index.js';

/** The reference briefing's document id: its file name in corpus/ without the extension. */
const HAI_PHONG = 'hai-phong-2023-10-19';
const TOP_K = 5;

let shipped: Awaited<ReturnType<typeof createShippedQa>>;
let qa: QaService;
/** Titles of the indexed documents, to check what the citations say about their source. */
let titles: Map<string, string>;

beforeAll(async () => {
  shipped = await createShippedQa({ TOP_K });
  qa = shipped.qa;
  titles = inspectIndex(
    shipped.indexDir,
    (db) =>
      new Map((db.prepare('SELECT id, title FROM documents').all() as Array<{ id: string; title: string }>).map((d) => [d.id, d.title])),
  );
});
afterAll(async () => shipped?.close());

/** The [n] markers of an answer's text. */
const markers = (answer: Answer) => [...answer.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));

/** What every answered question must satisfy, whatever it asked: its claims point at real, shown sources. */
function expectGrounded(answer: Answer): void {
  expect(answer.status).toBe('answered');
  expect(answer.citations.length).toBeGreaterThan(0);
  expect(answer.citations.map((c) => c.n)).toEqual(answer.citations.map((_, i) => i + 1));
  expect(markers(answer).length).toBeGreaterThan(0);
  for (const n of markers(answer))
    expect(
      answer.citations.some((c) => c.n === n),
      `[${n}] points at no citation`,
    ).toBe(true);
  for (const c of answer.citations) {
    expect(titles.get(c.docId), `citation [${c.n}] names an unknown document`).toBe(c.title);
    // A citation may quote several sentences of one passage, joined by " … ", and a very long one is cut with "…".
    for (const quote of c.text.split(' … ').map((q) => q.replace(/…$/, ''))) {
      expect(
        answer.passages.some((p) => p.docId === c.docId && p.text.includes(quote)),
        `citation [${c.n}] quotes text not in a retrieved passage: ${quote}`,
      ).toBe(true);
    }
  }
  // No figure in the answer that its cited sentences do not contain.
  const cited = new Set(answer.citations.flatMap((c) => extractFigures(c.text)));
  for (const f of extractFigures(answer.answer.replace(/\[\d+\]/g, ''))) expect(cited, `figure ${f} is in no cited sentence`).toContain(f);
}

describe('answering from the shipped corpus', () => {
  it.each(['FDI tăng bao nhiêu?', 'fdi tang bao nhieu'])('"%s" answers with 140,3% and cites the Hải Phòng briefing', async (question) => {
    const answer = await qa.ask(question);
    expectGrounded(answer);
    expect(answer.answer).toContain('140,3%');
    const citation = answer.citations.find((c) => c.text.includes('140,3%'));
    expect(citation?.docId).toBe(HAI_PHONG);
    expect(citation?.source).toBe('TTXVN');
    expect(citation?.date).toBe('2023-10-19');
    expect(markers(answer)).toContain(citation?.n);
  });

  it.each([
    'Kết quả các trận bóng đá trên sao Hỏa tuần trước thế nào?',
    'ket qua bong da tren sao hoa tuan truoc',
    'Đội nào vô địch giải bóng đá liên hành tinh trên sao Hỏa?',
    'Who won the football match on Mars yesterday?',
    // Its syllables are all in the corpus, in other words: "đá" of "bãi Đá Nhảy", "thắng" of "thắng cảnh".
    'Bóng đá Việt Nam thắng mấy bàn?',
  ])('"%s" is not in the corpus: not_found, and nothing cited', async (question) => {
    const answer = await qa.ask(question);
    expect(answer.status).toBe('not_found');
    expect(answer.citations).toEqual([]);
    expect(answer.answer.trim()).not.toBe('');
    expect(markers(answer)).toEqual([]);
  });

  it('answers questions made from briefing titles with grounded, cited sentences', async () => {
    const ids = [...titles.keys()].sort().filter((_, i) => i % 25 === 0);
    expect(ids.length).toBeGreaterThan(10);
    let answered = 0;
    for (const id of ids) {
      const answer = await qa.ask(`${titles.get(id)}?`);
      if (answer.status !== 'answered') continue;
      answered++;
      expectGrounded(answer);
    }
    expect(answered).toBeGreaterThan(ids.length / 2);
  });

  it('shows at most TOP_K passages, best first, and says the answer was extractive and lexical', async () => {
    const answer = await qa.ask('Xuất khẩu của Hải Phòng 9 tháng năm 2023 đạt bao nhiêu?');
    expect(answer.passages.length).toBeGreaterThan(0);
    expect(answer.passages.length).toBeLessThanOrEqual(TOP_K);
    const scores = answer.passages.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(answer.mode).toEqual({ retrieval: 'lexical', answer: 'extractive' });
  });

  it('answers a question asked twice the same way', async () => {
    const first = await qa.ask('fdi tang bao nhieu');
    const second = await qa.ask('fdi tang bao nhieu');
    expect({ ...second, timings: null }).toEqual({ ...first, timings: null });
  });
});
