import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractAnswer } from '../../src/answer/extractive-answerer.js';
import { answerKindOf as expectedAnswerKind } from '../../src/text/question-frame.js';
import { indexBriefings } from '../helpers/briefing-index.js';

/** Briefings whose answering sentences do not repeat the question's wording, beside ones that do without answering. */
const BRIEFINGS = [
  {
    id: 'phao-hoa',
    title: 'Cuộc thi bắn pháo hoa quốc tế khai mạc',
    text: 'Chủ đề pháo hoa năm nay là Những miền di sản. Tám đội tham gia trình diễn trên sông.',
  },
  {
    id: 'khach-san',
    title: 'Khách sạn ven sông kín phòng',
    text: 'Khách sạn ven sông kín phòng vì cuộc thi bắn pháo hoa quốc tế năm nay. Giá phòng tăng 30%.',
  },
  {
    id: 'vai-thieu',
    region: 'Bắc Giang',
    title: 'Bắc Giang mở rộng thị trường vải thiều',
    text:
      'Phó Chủ tịch UBND tỉnh Bắc Giang Dương Văn Thái chủ trì hội nghị tiêu thụ vải. ' +
      'Thương lái từ Lào Cai và Lạng Sơn đến thu mua vải thiều sớm.',
  },
  {
    id: 'may-gat',
    title: 'Cơ giới hoá đồng ruộng',
    text: 'Máy gặt đập liên hợp do Công ty Cơ khí Cửu Long sản xuất. Năm nay, máy gặt đập liên hợp bán được 1.200 chiếc, tăng 15%.',
  },
];

let index: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  index = await indexBriefings('sentence-choice-', BRIEFINGS);
});
afterAll(() => index?.close());

const ask = (question: string) => index.ask(question).answer;

describe('which sentence answers', () => {
  it(
    "counts a briefing's title as part of its sentences, so the sentence that answers " +
      "beats another briefing's sentence that only repeats the question",
    () => {
      for (const question of [
        'Cuộc thi bắn pháo hoa quốc tế năm nay có chủ đề gì?',
        'cuoc thi ban phao hoa quoc te nam nay co chu de gi',
      ]) {
        const answer = ask(question);
        expect(answer.answer).toContain('Những miền di sản');
        expect(answer.citations[0]?.docId).toBe('phao-hoa');
      }
    },
  );

  it('reads "máy" (a machine) as a subject, not as "mấy" (how many)', () => {
    for (const question of [
      'Máy gặt đập liên hợp do công ty nào sản xuất?',
      'may gat dap lien hop do cong ty nao san xuat',
      'Thời gian chạy trên máy Turing là gì?',
      'may tinh la gi',
    ]) {
      expect(expectedAnswerKind(question), question).not.toBe('quantity');
    }
    for (const question of ['Có mấy người bị thương?', 'co may nguoi bi thuong', 'Tăng mấy phần trăm?', 'xuat khau tang may phan tram']) {
      expect(expectedAnswerKind(question), question).toBe('quantity');
    }
    expect(ask('Máy gặt đập liên hợp do công ty nào sản xuất?').answer).toContain('Cửu Long');
  });

  it('answers for the place asked only from sentences that name it, when the briefing is about another province', () => {
    for (const question of ['Ai là Phó Chủ tịch UBND tỉnh Lào Cai?', 'ai la pho chu tich ubnd tinh lao cai']) {
      const answer = ask(question);
      expect(answer.status, question).toBe('not_found');
      // Not passed off as the answer: said to be another province's.
      expect(answer.answer).toMatch(/^Chưa có thông tin của Lào Cai .*; bản tin có thông tin của Bắc Giang: /);
    }
    expect(ask('Thương lái từ Lào Cai đến thu mua gì?').answer).toContain('thu mua vải thiều');
  });

  it('still prefers the sentence with the figure when the question asks "mấy", with or without marks', () => {
    for (const question of ['Máy gặt đập liên hợp bán được mấy chiếc?', 'may gat dap lien hop ban duoc may chiec']) {
      expect(ask(question).answer).toContain('1.200 chiếc');
    }
  });

  it('gives the same answers from passages as retrieved (with their stored tokens) and as an LLM fallback gets them (text only)', () => {
    const questions = [
      'Chủ đề pháo hoa năm nay là gì?',
      'Giá phòng tăng bao nhiêu?',
      'Máy gặt đập liên hợp bán được mấy chiếc?',
      'may gat dap lien hop ban duoc may chiec',
      'Thương lái từ Lào Cai đến thu mua gì?',
    ];
    for (const question of questions) {
      const { passages, query } = index.ask(question);
      expect(passages.every((p) => p.terms.accented.length > 0)).toBe(true);
      const textOnly = passages.map(({ terms: _terms, ...passage }) => passage);
      expect(extractAnswer(question, query, textOnly), question).toEqual(extractAnswer(question, query, passages));
    }
  });
});
