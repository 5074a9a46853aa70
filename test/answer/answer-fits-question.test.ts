import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexBriefings, type TestBriefing } from '../helpers/briefing-index.js';

/**
 * Briefings where the same metric is reported for several provinces and periods, beside sentences
 * that share the question's words without holding what it asks for.
 */
const BRIEFINGS: TestBriefing[] = [
  {
    id: 'xk-quang-ninh-6t',
    region: 'Quảng Ninh',
    date: '2017-07-05',
    title: 'Quảng Ninh: kinh tế 6 tháng đầu năm 2017',
    text:
      'Kim ngạch xuất khẩu 6 tháng đầu năm 2017 của tỉnh đạt 1,12 tỷ USD, tăng 8,5% so với cùng kỳ năm 2016. ' +
      'Du lịch tiếp tục tăng trưởng.',
  },
  {
    id: 'xk-thanh-hoa-6t',
    region: 'Thanh Hóa',
    date: '2017-07-06',
    title: 'Thanh Hóa: kinh tế 6 tháng đầu năm 2017',
    text: 'Kim ngạch xuất khẩu 6 tháng đầu năm 2017 của tỉnh đạt 1,45 tỷ USD, tăng 12,3% so với cùng kỳ năm 2016. Thu hút đầu tư khởi sắc.',
  },
  {
    id: 'cpi-ca-nuoc',
    date: '2017-07-01',
    title: 'Chỉ số giá tiêu dùng tháng 6',
    text: 'Chỉ số giá tiêu dùng (CPI) cả nước tháng 6/2017 giảm 0,17% so với tháng trước. Giá xăng dầu giảm mạnh.',
  },
  {
    id: 'grdp-da-nang-6t',
    region: 'Đà Nẵng',
    date: '2017-07-04',
    title: 'Kinh tế 6 tháng đầu năm 2017',
    text:
      'Tổng sản phẩm trên địa bàn (GRDP) 6 tháng đầu năm 2017 của thành phố tăng 8,2%, đứng thứ 5 cả nước. ' +
      'Chỉ số sản xuất công nghiệp của cả nước 6 tháng đầu năm 2017 tăng 6,9%.',
  },
  {
    id: 'dan-so-sao-hoa',
    date: '2017-03-02',
    title: 'Khám phá sao Hỏa',
    text: 'Các nhà khoa học cho rằng dân số sao Hỏa trong tương lai sẽ phụ thuộc vào nguồn nước. Sao Hỏa là hành tinh đỏ của hệ Mặt Trời.',
  },
  {
    id: 'chu-tich-tinh',
    region: 'Nghệ An',
    date: '2017-04-10',
    title: 'Nghệ An kiện toàn bộ máy',
    text: 'Chủ tịch UBND tỉnh Nghệ An chủ trì hội nghị về cải cách hành chính. Hội nghị kéo dài một ngày.',
  },
  {
    id: 'sach-hai-phong',
    region: 'Hải Phòng',
    date: '2017-04-23',
    title: 'Hải Phòng: ngày sách',
    text: 'Ngày hội đọc sách năm nay bán được 12.000 cuốn sách, tăng 20%. Nhiều bạn trẻ tham gia.',
  },
];

let index: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  index = await indexBriefings('fits-test-', BRIEFINGS);
});
afterAll(() => index?.close());

const ask = (question: string) => index.ask(question).answer;

describe('an answer fits the place asked', () => {
  it('answers each province with its own figure for the same metric', () => {
    expect(ask('Kim ngạch xuất khẩu 6 tháng đầu năm 2017 của Quảng Ninh đạt bao nhiêu?').answer).toContain('1,12 tỷ USD');
    expect(ask('Kim ngạch xuất khẩu 6 tháng đầu năm 2017 của Thanh Hóa đạt bao nhiêu?').answer).toContain('1,45 tỷ USD');
    expect(ask('Kim ngạch xuất khẩu 6 tháng đầu năm 2017 của Thanh Hóa đạt bao nhiêu?').citations[0]?.docId).toBe('xk-thanh-hoa-6t');
  });

  it("does not give another province's figure, nor the whole country's, for a province", () => {
    const other = ask('Kim ngạch xuất khẩu 6 tháng đầu năm 2017 của Nghệ An đạt bao nhiêu?');
    expect(other.status).toBe('not_found');
    expect(other.answer).toMatch(/^Chưa có số liệu 6 tháng đầu năm 2017 của Nghệ An/);
    const national = ask('CPI tháng 6/2017 của Đà Nẵng giảm bao nhiêu?');
    expect(national.status).toBe('not_found');
    expect(national.answer).toContain('của cả nước');
  });

  it('reads "đứng thứ 5 cả nước" as the province\'s rank, not as a figure for the whole country', () => {
    const grdp = ask('GRDP 6 tháng đầu năm 2017 của Đà Nẵng tăng bao nhiêu?');
    expect(grdp.status).toBe('answered');
    expect(grdp.answer).toContain('8,2%');
    expect(grdp.citations[0]?.docId).toBe('grdp-da-nang-6t');
    // The next sentence, in the same Đà Nẵng briefing, is the country's figure all the same.
    const industry = ask('Chỉ số sản xuất công nghiệp 6 tháng đầu năm 2017 của Đà Nẵng tăng bao nhiêu?');
    expect(industry.status).toBe('not_found');
    expect(industry.answer).toContain('của cả nước');
  });
});

describe('an answer fits the period asked', () => {
  it('says the period asked is missing, what period the briefings have, and cites it', () => {
    for (const question of [
      'Kim ngạch xuất khẩu 5 tháng đầu năm 2017 của Quảng Ninh đạt bao nhiêu?',
      'kim ngach xuat khau 5 thang dau nam 2017 cua quang ninh dat bn',
    ]) {
      const answer = ask(question);
      expect(answer.status, question).toBe('not_found');
      expect(answer.answer).toMatch(
        new RegExp(
          /^Chưa có số liệu 5 tháng đầu năm 2017 của Quảng Ninh trong các bản tin hiện có; /.source +
            /bản tin có số liệu 6 tháng đầu năm 2017: .*1,12 tỷ USD.* \[1\]\.$/.source,
        ),
      );
      expect(answer.citations.map((c) => c.docId)).toEqual(['xk-quang-ninh-6t']);
    }
  });

  it('does not answer a quarter or a year with another', () => {
    expect(ask('Kim ngạch xuất khẩu quý I/2017 của Quảng Ninh đạt bao nhiêu?').status).toBe('not_found');
    expect(ask('Kim ngạch xuất khẩu 6 tháng đầu năm 2016 của Quảng Ninh đạt bao nhiêu?').status).toBe('not_found');
  });
});

describe('an answer holds the kind of answer asked', () => {
  it('never answers "bao nhiêu" with a sentence that has no figure', () => {
    const answer = ask('Dân số sao Hỏa năm 2017 là bao nhiêu người?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toContain('nguồn nước');
  });

  it('never answers "là ai" with a sentence that names no one', () => {
    const answer = ask('Chủ tịch UBND tỉnh Nghệ An là ai?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toContain('cải cách hành chính');
  });
});

describe('chat spelling', () => {
  it('gives questions typed without diacritics, with abbreviations and a typo, the answer of the accented question', () => {
    const accented = ask('Ngày hội đọc sách ở Hải Phòng bán được bao nhiêu cuốn sách?');
    expect(accented.answer).toContain('12.000 cuốn');
    for (const question of [
      'ngay hoi doc sach o hai phong ban dc bn cuon sach',
      'ngay hoi doc sahc o hai phong ban duoc bn cuon sach',
      'Kim ngach xuat khau 6 thang dau nam 2017 cua tinh Thanh Hoa dat bn',
    ]) {
      const plain = ask(question);
      expect(plain.status, question).toBe('answered');
    }
    expect(ask('ngay hoi doc sahc o hai phong ban dc bn cuon').answer).toBe(accented.answer);
  });
});

describe('the newest briefings', () => {
  let undated: Awaited<ReturnType<typeof indexBriefings>>;
  beforeAll(async () => {
    undated = await indexBriefings('newest-test-', [
      { id: 'dated-old', date: '2017-05-01', title: 'Tin tháng 5', text: 'Hội chợ mở cửa.' },
      { id: 'dated-new', date: '2017-06-01', title: 'Tin tháng 6', text: 'Hội chợ đóng cửa.' },
      { id: 'no-date', title: 'Tin không ngày', text: 'Một bài viết không ghi ngày.' },
      // The only date it writes is of its story's past: not when it was published.
      { id: 'old-date-in-text', title: 'Kỷ niệm', text: 'Ngày 22/5/1984, nhà máy được thành lập. Năm 2017 nhà máy mở rộng.' },
    ]);
  });
  afterAll(() => undated?.close());

  it('"Có tin gì mới?" lists only dated briefings, newest first', () => {
    const { answer } = undated.ask('Có tin gì mới?');
    expect(answer.citations.map((c) => c.docId)).toEqual(['dated-new', 'dated-old', 'old-date-in-text']);
    expect(answer.citations[2]?.date).toBe('2017');
  });
});

describe('the reference briefing', () => {
  // The reference briefing exactly as published (a copy of ../shared/data/seed), so this runs in any clone.
  const seedPath = path.join(import.meta.dirname, '../fixtures/seed/hai-phong-2023-10-19.txt');
  it('still answers "FDI tăng bao nhiêu?" with 140,3% when a newer, unrelated briefing is added', async () => {
    const text = fs.readFileSync(seedPath, 'utf8');
    const both = await indexBriefings('seed-test-', [
      { id: 'seed', title: 'Hải Phòng 9 tháng 2023', text },
      {
        id: 'newer',
        date: '2024-05-02',
        region: 'Đà Nẵng',
        title: 'Đà Nẵng đón khách dịp lễ',
        text: 'Đà Nẵng đón 300.000 lượt khách dịp nghỉ lễ, tăng 15%. Doanh thu du lịch đạt 1.200 tỷ đồng.',
      },
    ]);
    try {
      const { answer } = both.ask('FDI tăng bao nhiêu?');
      expect(answer.answer).toContain('140,3%');
      expect(answer.citations[0]?.docId).toBe('seed');
    } finally {
      both.close();
    }
  });
});
