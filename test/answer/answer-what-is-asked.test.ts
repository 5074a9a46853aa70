import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexBriefings, type TestBriefing, harvestReports } from '../helpers/briefing-index.js';

/**
 * Briefings where a sentence shares the question's words and holds a figure or a name, but not
 * the one asked: another province's in an article listing province after province, a length for
 * "bao nhiêu tiền", a name away from the role asked.
 */
const BRIEFINGS: TestBriefing[] = [
  {
    // No region given: ingestion takes the first province of the lead, Bình Dương, for the whole article.
    id: 'tot-nghiep-cac-tinh',
    date: '2017-07-15',
    title: 'Tỷ lệ đỗ tốt nghiệp THPT cao, nhiều tỉnh thành đạt trên 99%',
    text:
      'Bình Dương có tỷ lệ tốt nghiệp đạt 99,83%. Theo Sở GD-ĐT Bình Dương, năm nay toàn tỉnh có 10.143 thí sinh dự thi. ' +
      'Nam Định có tỷ lệ tốt nghiệp đạt 99,53%. Trong đó 45/73 trường của tỉnh có tỷ lệ tốt nghiệp THPT đạt 100%.',
  },
  {
    id: 'cau-vuot-bien',
    region: 'Hải Phòng',
    date: '2017-05-01',
    title: 'Cầu vượt biển Tân Vũ - Lạch Huyện sắp thông xe',
    text:
      'Cầu vượt biển Tân Vũ - Lạch Huyện ở Hải Phòng dài 5,44 km, là cây cầu vượt biển dài nhất nước. ' +
      'Cây cầu có 4 làn xe, được xây trong ba năm.',
  },
  {
    id: 'cau-von',
    region: 'Hải Phòng',
    date: '2017-04-01',
    title: 'Hải Phòng đón dự án lớn',
    text: 'Xây cây cầu vượt biển dài nhất nước, ở Hải Phòng, tốn gần 12.000 tỷ đồng tiền vốn.',
  },
  {
    id: 'cau-bach-dang',
    region: 'Quảng Ninh',
    date: '2017-06-01',
    title: 'Cầu Bạch Đằng hợp long',
    text: 'Cầu Bạch Đằng ở Quảng Ninh dài 5,4 km, rộng 25 m, được xây trong ba năm.',
  },
  {
    id: 'cong-an-ha-noi',
    region: 'Hà Nội',
    date: '2017-07-07',
    title: 'HĐND TP Hà Nội chất vấn về trật tự xây dựng',
    text:
      'Công an TP Hà Nội đã khởi tố Nguyễn Trọng Huấn, giám đốc một công ty xây dựng, theo đề nghị của Giám đốc Công an TP Hà Nội. ' +
      'Trả lời chất vấn, Giám đốc Công an TP Hà Nội Đoàn Duy Khương cho hay sẽ xử lý nghiêm.',
  },
  {
    id: 'thoi-tiet-ha-noi',
    region: 'Hà Nội',
    date: '2017-06-01',
    title: 'Dự báo thời tiết Hà Nội',
    text: 'Thời tiết Hà Nội ngày mai nắng nóng, nhiệt độ cao nhất 37 độ C, chiều tối có mưa rào.',
  },
  {
    // No date given: the only year written is the comparison's ("so cùng kỳ năm 2016").
    id: 'khach-quoc-te-ha-noi',
    title: 'Doanh thu dịch vụ Hà Nội tăng mạnh',
    text:
      'Tổng mức bán lẻ và doanh thu dịch vụ của Hà Nội 5 tháng đầu năm đạt 917.793 tỷ đồng, tăng 7,4% so cùng kỳ năm 2016. ' +
      'Từ đầu năm đến nay, khách du lịch quốc tế đến Hà Nội ước đạt 1.516 nghìn lượt, tăng 15,1% so cùng kỳ.',
  },
  ...harvestReports(['Cà Mau', 'Lạng Sơn', 'Sơn La', 'Gia Lai', 'Bến Tre']),
];

let index: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  index = await indexBriefings('what-is-asked-test-', BRIEFINGS);
});
afterAll(() => index?.close());

const ask = (question: string) => index.ask(question).answer;

describe('an article listing province after province', () => {
  it("answers for the province asked, not with the next province's sentence that names none", () => {
    for (const question of ['Tỷ lệ tốt nghiệp THPT 2017 của Bình Dương là bao nhiêu?', 'ty le tot nghiep thpt 2017 cua binh duong la bn']) {
      const answer = ask(question);
      expect(answer.status).toBe('answered');
      expect(answer.answer).toContain('99,83%');
      expect(answer.answer).not.toContain('45/73');
    }
  });
});

describe('"bao nhiêu tiền" is answered with an amount of money', () => {
  it('gives the cost, not the length', () => {
    const answer = ask('Cây cầu vượt biển dài nhất nước ở Hải Phòng tốn bao nhiêu tiền xây?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('12.000 tỷ đồng');
    expect(answer.answer).not.toContain('5,44 km');
  });

  it('is refused when the passage gives only sizes, not what it cost', () => {
    const answer = ask('Xây cầu Bạch Đằng ở Quảng Ninh tốn bao nhiêu tiền?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toContain('5,4 km');
  });

  it('still answers "dài bao nhiêu" with the length', () => {
    expect(ask('Cầu vượt biển Tân Vũ - Lạch Huyện dài bao nhiêu km?').answer).toContain('5,44 km');
  });
});

describe('"là ai" reads the role past the place written inside it', () => {
  it('names the one called "Giám đốc Công an TP Hà Nội", not another person of the passage', () => {
    const answer = ask('Giám đốc Công an TP Hà Nội là ai?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('Đoàn Duy Khương');
    expect(answer.answer).not.toContain('Nguyễn Trọng Huấn');
  });
});

describe('an article whose only year is its comparison\'s ("so cùng kỳ năm 2016")', () => {
  it('is taken for an article of the year after, and answers for that year', () => {
    const answer = ask('Hà Nội đón bao nhiêu khách du lịch quốc tế trong 5 tháng đầu năm 2017?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('1.516 nghìn lượt');
    expect(answer.citations[0]?.date).toBe('2017');
  });
});

describe('"ngày mai" is the day after the asking day', () => {
  it("is not answered with an old briefing's forecast for its own next day: that is said, and the forecast cited as what there is", () => {
    for (const question of ['Thời tiết Hà Nội ngày mai thế nào?', 'thoi tiet ha noi ngay mai the nao']) {
      const answer = ask(question);
      expect(answer.status).toBe('not_found');
      expect(answer.answer).toMatch(/^Chưa có thông tin ngày mai của Hà Nội/);
    }
  });
});
