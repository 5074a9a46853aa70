import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractAnswer } from '../../src/answer/extractive-answerer.js';
import { LexicalRetriever } from '../../src/retrieval/lexical-retriever.js';
import { rankingOptions } from '../../src/retrieval/ranking-options.js';
import { parseQuestionFrame } from '../../src/text/question-frame.js';
import { indexBriefings, type TestBriefing, harvestReports } from '../helpers/briefing-index.js';

/**
 * Paraphrases: questions that share few words with the sentence holding the answer. The briefing's
 * title and its other sentences may say the rest.
 */
const BRIEFINGS: TestBriefing[] = [
  {
    id: 'mac-ca',
    region: 'Quảng Trị',
    date: '2017-06-20',
    title: '500 tỷ đồng giúp Quảng Trị phát triển cây mắc ca',
    text:
      'Tại hội thảo, lãnh đạo tỉnh đã ký kết gói tín dụng 500 tỷ đồng giúp Quảng Trị phát triển cây mắc ca. ' +
      'Ngân hàng Liên Việt rót nguồn tiền này cho nông dân trồng mới trên 2.000 ha.',
  },
  {
    id: 'ma-tuy-tau-hoa',
    region: 'Đồng Nai',
    date: '2017-05-30',
    title: 'Tử hình đối tượng vận chuyển 14 kg ma túy bằng tàu hỏa',
    text:
      'Đối tượng nhận vận chuyển 14 kg ma túy với tiền công 100 triệu đồng. ' +
      'Hắn đi tàu hỏa trên tuyến đường sắt Bắc - Nam, cần mẫn làm việc này nhiều lần.',
  },
  ...harvestReports(['Cà Mau', 'Lạng Sơn', 'Sơn La', 'Gia Lai', 'Bến Tre', 'Phú Yên']),
];

let index: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  index = await indexBriefings('paraphrase-test-', BRIEFINGS);
});
afterAll(() => index?.close());

describe('a sentence giving the figure its title headlines', () => {
  it('answers for its passage, whose other sentences say the rest of the question', () => {
    const question = 'Tỉnh Quảng Trị được ngân hàng rót bao nhiêu tiền để trồng mắc ca?';
    const answer = index.ask(question).answer;
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('500 tỷ đồng');
    // The same sentence alone does not cover the question: without the headline it is refused.
    const retriever = new LexicalRetriever(index.store);
    const { passages, query } = retriever.retrieve(question, 3);
    expect(extractAnswer(question, query, passages, rankingOptions({ headlineCoverageShare: 0 })).status).toBe('not_found');
  });

  it('does not count a headline figure of another kind than asked ("14 kg" for "bao nhiêu vốn")', () => {
    const answer = index.ask('Làm đường tàu hỏa cần bao nhiêu vốn?').answer;
    expect(answer.answer).not.toContain('100 triệu đồng');
  });
});

describe('a count of months in words', () => {
  it('is the part of the year asked ("Bốn tháng đầu năm 2017"), not words to match', () => {
    expect(parseQuestionFrame('Bốn tháng đầu năm 2017 nhập khẩu bao nhiêu ô tô?').period).toEqual({ months: 4, year: 2017 });
    expect(parseQuestionFrame('bon thang dau nam 2017 nhap khau bn o to').period).toEqual({ months: 4, year: 2017 });
    expect(parseQuestionFrame('Mười một tháng đầu năm nay xuất khẩu bao nhiêu?').period).toMatchObject({ months: 11 });
    // "năm tháng qua" is years and months, not five months.
    expect(parseQuestionFrame('Trong năm tháng qua có gì mới?').period?.months).toBeUndefined();
  });
});
