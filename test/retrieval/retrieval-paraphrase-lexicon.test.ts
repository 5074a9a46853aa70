import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractAnswer } from '../../src/answer/extractive-answerer.js';
import { LexicalRetriever } from '../../src/retrieval/lexical-retriever.js';
import { rankingOptions } from '../../src/retrieval/ranking-options.js';
import { indexBriefings, type TestBriefing, harvestReports } from '../helpers/briefing-index.js';

/**
 * Questions in everyday words over briefings in the news register: the paraphrase lexicon
 * (src/text/paraphrases.ts) lets "rót vào", "tốn kém" find and be answered by "thu hút đầu tư
 * nước ngoài", "kinh phí", while the question's own words still decide what is refused.
 */
const BRIEFINGS: TestBriefing[] = [
  {
    id: 'fdi-hung-yen',
    region: 'Hưng Yên',
    date: '2017-07-05',
    title: 'Kinh tế Hưng Yên 6 tháng đầu năm',
    text: 'Sáu tháng đầu năm, tỉnh thu hút đầu tư nước ngoài FDI đạt 310 triệu USD, tăng 25%.',
  },
  {
    id: 'lua-hung-yen',
    region: 'Hưng Yên',
    date: '2017-07-06',
    title: 'Nông dân Hưng Yên vào vụ mùa',
    text: 'Nhà nông Hưng Yên đầu tư vào giống lúa mới cho vụ mùa.',
  },
  {
    id: 'cau-thi-nai',
    region: 'Bình Định',
    date: '2017-08-10',
    title: 'Bình Định khởi công công trình giao thông',
    text: 'Cầu Thị Nại mới có tổng kinh phí 1.200 tỷ đồng, từ nguồn vốn ngân sách. Cầu dài 2,5 km, nối trung tâm với bán đảo.',
  },
  // The bridge is in the news for other things: its name says less than the question's other words.
  ...['đông xe dịp lễ', 'lên đèn trang trí', 'đón khách tham quan', 'được sơn lại lan can'].map((news, i) => ({
    id: `cau-thi-nai-${i}`,
    region: 'Bình Định',
    date: `2017-0${i + 2}-15`,
    title: `Cầu Thị Nại ${news}`,
    text: `Cầu Thị Nại ${news}, người dân phấn khởi.`,
  })),
  {
    id: 'fdi-vinh-phuc',
    region: 'Vĩnh Phúc',
    date: '2017-10-01',
    title: 'Kinh tế 9 tháng',
    text: 'Thu hút đầu tư nước ngoài FDI đạt 500 triệu USD, tăng 40%.',
  },
  {
    id: 'lua-kem',
    region: 'Thái Bình',
    date: '2017-05-02',
    title: 'Lúa chiêm xuân',
    text: 'Giống lúa cũ cho năng suất kém, nông dân tốn nhiều công chăm sóc mà vẫn lỗ.',
  },
  ...harvestReports(['Cà Mau', 'Lạng Sơn', 'Sơn La', 'Gia Lai', 'Bến Tre', 'Phú Yên', 'Nam Định', 'Hà Nam']),
];

const OFF = { expansionCandidates: 0, expansionWeight: 0, expansionCoverage: 0, expansionAnswerCoverage: 0 };

let index: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  index = await indexBriefings('paraphrase-lexicon-test-', BRIEFINGS);
});
afterAll(() => index?.close());

describe('retrieval with the paraphrase lexicon', () => {
  it('ranks the passage saying it in the news register first ("nhà đầu tư ngoại rót vào" → "thu hút đầu tư nước ngoài FDI")', () => {
    const question = 'Nhà đầu tư ngoại rót vào Hưng Yên bao nhiêu?';
    const top = (options: Record<string, number>) =>
      new LexicalRetriever(index.store, rankingOptions(options)).retrieve(question, 1).passages[0]?.docId;
    expect(top({})).toBe('fdi-hung-yen');
    // Without the lexicon, the farmers' "nhà đầu tư … vào" wins on the question's own words.
    expect(top(OFF)).toBe('lua-hung-yen');
  });

  it("finds a province's own briefing that says it only in the news words", () => {
    // "rót vào" shares no word with "Thu hút đầu tư nước ngoài FDI"; the briefing is about the place asked.
    const question = 'Vĩnh Phúc được rót vào bao nhiêu tiền?';
    const ids = new LexicalRetriever(index.store).retrieve(question, 3).passages.map((p) => p.docId);
    expect(ids[0]).toBe('fdi-vinh-phuc');
  });
});

describe('answers with the paraphrase lexicon', () => {
  it('lets a sentence saying "kinh phí" answer a question saying "tốn kém"', () => {
    const question = 'Cầu Thị Nại tốn kém bao nhiêu?';
    const answer = index.ask(question).answer;
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('1.200 tỷ đồng');
    // Only the question's own words would leave "tốn kém" uncovered: refused.
    const retriever = new LexicalRetriever(index.store, rankingOptions(OFF));
    const { passages, query } = retriever.retrieve(question, 3);
    expect(extractAnswer(question, query, passages, retriever.ranking).status).toBe('not_found');
  });

  it('still refuses what the briefings do not hold, however it is worded', () => {
    expect(index.ask('Làm cầu lên sao Hỏa tốn kém bao nhiêu?').answer.status).toBe('not_found');
  });
});
