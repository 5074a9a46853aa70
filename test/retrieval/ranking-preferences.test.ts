import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexBriefings } from '../helpers/briefing-index.js';

/**
 * Briefings that say nearly the same thing about different places and years, so that only the
 * place, the time or the age of a briefing can decide which one answers.
 */
const BRIEFINGS = [
  {
    id: 'fdi-nghe-an-2021',
    region: 'Nghệ An',
    date: '2021-06-30',
    title: 'Nghệ An: kinh tế 6 tháng',
    text: 'Vốn FDI đăng ký mới đạt 210 triệu USD, tăng 35%. Xuất khẩu ổn định.',
  },
  {
    id: 'fdi-nghe-an-2024',
    region: 'Nghệ An',
    date: '2024-06-30',
    title: 'Nghệ An: kinh tế 6 tháng',
    text: 'Vốn FDI đăng ký mới đạt 480 triệu USD, tăng 62%. Xuất khẩu ổn định.',
  },
  {
    id: 'fdi-bac-ninh-2024',
    region: 'Bắc Ninh',
    date: '2024-06-30',
    title: 'Bắc Ninh: kinh tế 6 tháng',
    text: 'Vốn FDI đăng ký mới đạt 1,2 tỷ USD, tăng 80%. FDI vào điện tử dẫn đầu, FDI vào chế biến tăng.',
  },
  // Its only date is in the text, and it is an old one: that says nothing about the briefing's age.
  {
    id: 'du-lich-lao-cai',
    region: 'Lào Cai',
    title: 'Lào Cai: du lịch Sa Pa',
    text: 'Khu du lịch Sa Pa được công nhận năm 1993. Năm nay Sa Pa đón 2,5 triệu lượt khách du lịch, tăng 20%.',
  },
  {
    id: 'du-lich-ha-giang',
    region: 'Hà Giang',
    date: '2022-12-31',
    title: 'Hà Giang: du lịch cao nguyên đá',
    text: 'Hà Giang đón 2,1 triệu lượt khách du lịch, tăng 15%.',
  },
];

let index: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  index = await indexBriefings('ranking-test-', BRIEFINGS);
});
afterAll(() => index?.close());

const ask = (question: string) => index.ask(question);

describe('what the question says about place and time', () => {
  it('answers for the province the question names, even against a briefing that repeats the words more', () => {
    for (const question of ['FDI Nghệ An tăng bao nhiêu?', 'fdi nghe an tang bao nhieu']) {
      const { passages, answer } = ask(question);
      expect(passages[0]?.docId.startsWith('fdi-nghe-an')).toBe(true);
      expect(answer.citations[0]?.docId.startsWith('fdi-nghe-an')).toBe(true);
    }
  });

  it('prefers the briefing of the year the question names', () => {
    const { answer } = ask('FDI Nghệ An năm 2021 tăng bao nhiêu?');
    expect(answer.answer).toContain('35%');
    expect(answer.citations[0]?.docId).toBe('fdi-nghe-an-2021');
  });

  it('lets the newer briefing win when the question names no time', () => {
    const { answer } = ask('FDI Nghệ An tăng bao nhiêu?');
    expect(answer.answer).toContain('62%');
    expect(answer.citations[0]?.date).toBe('2024-06-30');
  });

  it("says it has no figure for the province asked, and which province's figure it has, rather than pass that one off", () => {
    const { answer } = ask('FDI Cà Mau tăng bao nhiêu?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).toMatch(/^Chưa có số liệu của Cà Mau .*; bản tin có số liệu của (Nghệ An|Bắc Ninh): .* \[1\]\.$/);
    expect(answer.citations).toHaveLength(1);
  });

  it('does not treat a date found in the text as the briefing being old', () => {
    const { passages } = ask('Sa Pa đón bao nhiêu khách du lịch?');
    expect(passages[0]?.docId).toBe('du-lich-lao-cai');
    // "năm 1993" is history the story tells, not when it was written: the briefing stays undated.
    expect(passages[0]?.date).toBeNull();
  });
});

describe('a question after the latest news about a place', () => {
  it.each(['Tin mới nhất về Nghệ An?', 'tin moi nhat ve nghe an', 'Tình hình Nghệ An thế nào?', 'Nghệ An có gì mới?', 'Nghệ An'])(
    '"%s" lists the newest briefings about that place, newest first, each with its date and cited',
    (question) => {
      const { answer } = ask(question);
      expect(answer.status).toBe('answered');
      expect(answer.answer.split('\n')[0]).toBe('Tin mới nhất về Nghệ An:');
      expect(answer.citations.map((c) => c.docId)).toEqual(['fdi-nghe-an-2024', 'fdi-nghe-an-2021']);
      expect(answer.answer).toContain('30/06/2024 — ');
      expect(answer.answer).toContain('Vốn FDI đăng ký mới đạt 480 triệu USD, tăng 62% [1].');
    },
  );

  it('"Có tin gì mới?" without a place lists the newest briefings of all, a date found in the text counting last', () => {
    for (const question of ['Có tin gì mới?', 'co tin gi moi']) {
      const { answer } = ask(question);
      expect(answer.answer.split('\n')[0]).toBe('Tin mới nhất:');
      expect(answer.citations.map((c) => c.docId)).toEqual(['fdi-bac-ninh-2024', 'fdi-nghe-an-2024', 'du-lich-ha-giang']);
    }
  });

  it('keeps to the year the question names', () => {
    const { answer } = ask('Tin Nghệ An năm 2021');
    expect(answer.citations.map((c) => c.docId)).toEqual(['fdi-nghe-an-2021']);
  });

  it('says plainly when there is no briefing about the place', () => {
    const { answer } = ask('Tin mới nhất về Cà Mau?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).toContain('chưa có bản tin nào về Cà Mau');
  });

  it('still answers a question about a fact of the place with the fact, not a list', () => {
    const { answer } = ask('FDI của Nghệ An tăng bao nhiêu?');
    expect(answer.answer).toContain('62%');
    expect(answer.answer).not.toContain('Tin mới nhất');
  });
});
