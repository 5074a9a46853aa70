import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexBriefings, type TestBriefing, harvestReports } from '../helpers/briefing-index.js';

/**
 * Which day, which part of the year: a "hôm nào" question and a sentence that says only a year; a
 * Tết figure in an undated article beside another year's monthly figure; "từ đầu năm đến nay" in
 * an article dated by its year only, or by a month that is not the one asked.
 */
const BRIEFINGS: TestBriefing[] = [
  {
    id: 'nha-ga-du-bao',
    region: 'Đà Nẵng',
    date: '2017-05-01',
    title: 'Nhà ga quốc tế Đà Nẵng sắp khánh thành',
    text: 'Sau khi khánh thành, nhà ga quốc tế của sân bay Đà Nẵng dự báo phục vụ 6 triệu khách vào năm 2030.',
  },
  {
    // Undated, about Đà Nẵng: the national Tết figure is in its second sentence.
    id: 'cpi-tet-da-nang',
    region: 'Đà Nẵng',
    title: 'Chỉ số CPI Đà Nẵng trong dịp Tết tăng mạnh',
    text:
      'Chỉ số giá tiêu dùng (CPI) của Đà Nẵng trong dịp Tết tăng đến 0,51%, nhóm giao thông tăng gần 3%. ' +
      'Số liệu của Tổng cục Thống kê vừa cho hay, chỉ số giá tiêu dùng (CPI) trong tháng Tết của cả nước tăng 0,46%.',
  },
  {
    id: 'cpi-thang-5',
    date: '2017-05-30',
    title: 'CPI tháng 5 đột ngột giảm mạnh',
    text: 'Chỉ số giá tiêu dùng cả nước giảm 0,53% trong tháng 5/2017. Trong khi đó, năm 2008, CPI tháng 5 cả nước tăng tới 3,91%.',
  },
  {
    id: 'cpi-du-lich-tet',
    date: '2017-02-28',
    title: 'CPI nhóm du lịch tăng mạnh trong dịp Tết',
    text: 'Nhu cầu du lịch tăng cao trong dịp Tết Nguyên đán nên chỉ số giá nhóm du lịch trọn gói tăng 2,1% so với cùng kỳ năm trước.',
  },
  {
    // No date given: dated 2017 from "so cùng kỳ năm 2016", no month.
    id: 'khach-quoc-te-ha-noi',
    title: 'Khách quốc tế đến Hà Nội tăng',
    text: 'Từ đầu năm đến nay, khách du lịch quốc tế đến Hà Nội ước đạt 1.516 nghìn lượt, tăng 15,1% so cùng kỳ năm 2016.',
  },
  {
    id: 'khach-quoc-te-da-nang',
    region: 'Đà Nẵng',
    date: '2017-09-25',
    title: 'Khách quốc tế đến Đà Nẵng tăng',
    text: 'Từ đầu năm đến nay, khách du lịch quốc tế đến Đà Nẵng ước đạt 2,1 triệu lượt, tăng 20% so cùng kỳ.',
  },
  ...harvestReports(['Cà Mau', 'Lạng Sơn', 'Sơn La', 'Gia Lai', 'Bến Tre']),
];

let index: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  index = await indexBriefings('days-parts-test-', BRIEFINGS);
});
afterAll(() => index?.close());

const ask = (question: string) => index.ask(question).answer;

describe('"hôm nào", "ngày nào" ask for a day', () => {
  it('are not answered with a sentence that says only a year', () => {
    for (const question of [
      'Nhà ga quốc tế của sân bay Đà Nẵng được khánh thành hôm nào?',
      'nha ga quoc te cua san bay da nang duoc khanh thanh ngay nao',
    ]) {
      const answer = ask(question);
      expect(answer.status, question).toBe('not_found');
      expect(answer.answer).not.toContain('2030');
    }
  });

  it('while "năm nào" is answered by the year', () => {
    const answer = ask('Nhà ga quốc tế của sân bay Đà Nẵng dự báo phục vụ 6 triệu khách vào năm nào?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('năm 2030');
  });
});

describe('a Tết figure in an undated article', () => {
  it('answers "tháng Tết 2017" for the whole country: another year\'s May figure does not withdraw it', () => {
    const { answer, passages } = index.ask('Trong tháng Tết 2017, CPI của cả nước tăng bao nhiêu?');
    // A passage that writes "Tết" is preferred, as one writing "tháng 5" is for "tháng 5".
    expect(passages.findIndex((p) => p.docId === 'cpi-tet-da-nang')).toBeLessThan(passages.findIndex((p) => p.docId === 'cpi-thang-5'));
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('0,46%');
    expect(answer.answer).not.toContain('2,1%');
  });
});

describe('"từ đầu năm đến nay" (the year to date)', () => {
  it('may answer "5 tháng đầu năm" when the article is dated by its year only', () => {
    const answer = ask('Hà Nội đón bao nhiêu khách du lịch quốc tế trong 5 tháng đầu năm 2017?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('1.516 nghìn lượt');
  });

  it('does not when the article is dated September: that is nine months', () => {
    const answer = ask('Đà Nẵng đón bao nhiêu khách du lịch quốc tế trong 5 tháng đầu năm 2017?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toMatch(/^2,1 triệu/);
  });
});
