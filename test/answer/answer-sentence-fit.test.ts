import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexBriefings, type TestBriefing } from '../helpers/briefing-index.js';

/**
 * Briefings where the passage that answers is found but a neighbouring sentence shares the
 * question's words: the answer must come from the sentence that says what was asked (its period,
 * its person, an amount rather than a date).
 */
const BRIEFINGS: TestBriefing[] = [
  {
    id: 'cpi-hai-thang',
    date: '2017-06-30',
    title: 'CPI giảm hai tháng liên tiếp',
    text:
      'Chỉ số giá tiêu dùng tháng 6/2017 tiếp tục giảm, theo Tổng cục Thống kê. ' +
      'Trong tháng 5, CPI đã giảm 0,53% so với tháng trước. Sang tháng 6, CPI giảm tiếp 0,17% so với tháng trước.',
  },
  {
    id: 'kien-giang-xuan',
    region: 'Kiên Giang',
    date: '2017-02-08',
    title: 'Kiên Giang đón hơn 200 ngàn lượt du khách',
    text:
      'Nhân dịp Xuân Đinh Dậu, tổng lượt khách đến tham quan các khu, điểm du lịch trên địa bàn tỉnh Kiên Giang ' +
      'ước đạt 211.834 lượt, tăng 36,9% so với cùng kỳ.',
  },
  {
    id: 'xuat-khau-go',
    date: '2017-07-02',
    title: 'Xuất khẩu nông lâm thủy sản nửa đầu năm',
    text:
      'Tính chung 6 tháng đầu năm, giá trị xuất khẩu gỗ và sản phẩm gỗ ước đạt khoảng 3,6 tỷ USD, ' +
      'tăng 13,2% so với cùng kỳ năm trước. ' +
      'Riêng tháng 6, xuất khẩu gỗ đạt 609 triệu USD.',
  },
  {
    id: 'so-gd-ha-noi',
    region: 'Hà Nội',
    date: '2017-02-10',
    title: 'Hà Nội yêu cầu xử nghiêm vụ bạo hành trẻ mầm non',
    text:
      'Ông Lê Ngọc Quang, Phó Giám đốc Sở GD-ĐT Hà Nội phụ trách khối mầm non, đã yêu cầu nhà trường báo cáo giải trình. ' +
      'Ông Nguyễn Hữu Độ - Giám đốc Sở GD-ĐT Hà Nội cho biết vụ việc mới xảy ra tại lớp mầm non Sen Vàng.',
  },
  {
    id: 'trom-vang',
    region: 'TP Hồ Chí Minh',
    date: '2017-06-02',
    title: 'Bảo vệ trung tâm thương mại trộm vàng',
    text:
      'Đào Nguyên Anh thừa nhận đã thực hiện vụ trộm vàng tại trung tâm thương mại Parkson Hùng Vương ' +
      'vào lúc 2h15 rạng sáng 29/5. Anh ta bị bắt sau một tuần.',
  },
  {
    id: 'trom-xe',
    region: 'Đà Nẵng',
    date: '2017-06-03',
    title: 'Bắt kẻ trộm xe máy',
    text: 'Vụ trộm xe máy tại chợ Cồn xảy ra vào sáng 29/5. Chiếc xe bị lấy trộm trị giá 40 triệu đồng.',
  },
];

let index: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  index = await indexBriefings('sentence-fit-test-', BRIEFINGS);
});
afterAll(() => index?.close());

const ask = (question: string) => index.ask(question).answer;

describe('the sentence that says the period asked answers', () => {
  it('reads "Trong tháng 5, …" as May: each month gets its own figure from one briefing', () => {
    const may = ask('CPI tháng 5/2017 giảm bao nhiêu so với tháng trước?');
    expect(may.status).toBe('answered');
    expect(may.answer).toContain('0,53%');
    expect(may.answer).not.toContain('0,17%');
    const june = ask('CPI tháng 6 năm 2017 giảm bao nhiêu so với tháng trước?');
    expect(june.status).toBe('answered');
    expect(june.answer).toContain('0,17%');
    expect(june.answer).not.toContain('0,53%');
  });

  it('takes "Xuân Đinh Dậu" for the Tết asked, typed with or without diacritics', () => {
    const accented = ask('Dịp Tết Đinh Dậu, Kiên Giang đón bao nhiêu lượt khách tham quan?');
    expect(accented.status).toBe('answered');
    expect(accented.answer).toContain('211.834 lượt');
    expect(ask('tet dinh dau kien giang don bn luot khach').answer).toContain('211.834 lượt');
  });

  it('prefers the period in the words asked ("6 tháng") to the month taken as the same ("tháng 6")', () => {
    // The answer's first sentence (before its first citation marker) is the one chosen.
    const first = (question: string) => ask(question).answer.split('[1]')[0];
    expect(first('Xuất khẩu gỗ 6 tháng đầu năm đạt bao nhiêu?')).toContain('3,6 tỷ USD');
    expect(first('Xuất khẩu gỗ tháng 6 đạt bao nhiêu?')).toContain('609 triệu USD');
  });
});

describe('"là ai" is answered by the name standing beside the role asked', () => {
  it('names the director, not the deputy director quoted first', () => {
    const answer = ask('Giám đốc Sở GD-ĐT Hà Nội là ai?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('Nguyễn Hữu Độ');
    expect(answer.answer).not.toContain('Lê Ngọc Quang');
  });

  it('names the deputy when the deputy is asked', () => {
    expect(ask('Phó Giám đốc Sở GD-ĐT Hà Nội là ai?').answer).toContain('Lê Ngọc Quang');
  });
});

describe('"bao nhiêu" is not answered with a date or a clock time', () => {
  it('gives no figure when the passage only says when it happened', () => {
    const answer = ask('Vụ trộm vàng ở Parkson Hùng Vương trị giá bao nhiêu?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toContain('29/5');
  });

  it('still answers with the amount beside the date', () => {
    const answer = ask('Vụ trộm xe máy ở chợ Cồn trị giá bao nhiêu?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('40 triệu đồng');
  });
});
