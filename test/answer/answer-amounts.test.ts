import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexBriefings, type TestBriefing, harvestReports } from '../helpers/briefing-index.js';

/**
 * Briefings whose sentences share a "bao nhiêu" question's words and hold numbers that are no
 * amount of what is asked: a district's name ("quận 11"), a junction ("ngã ba"), a day ("ngày mai
 * 9/6"), an exam's length ("120 phút"), a week of pregnancy ("tuần thứ 32"), a petrol grade ("RON
 * 92"). A user asking how many or how much must get the amount, or "not found", never one of these.
 */
const BRIEFINGS: TestBriefing[] = [
  {
    id: 'dam-sen',
    region: 'TP Hồ Chí Minh',
    date: '2017-06-10',
    title: 'Công viên nước bị phạt vì tiết mục múa phản cảm',
    text: 'Clip tiết mục múa phản cảm được cho là diễn ra ở công viên nước Đầm Sen, quận 11, TPHCM.',
  },
  {
    id: 'tien-gia',
    region: 'Lạng Sơn',
    date: '2017-06-25',
    title: 'Đi xe ôm buôn tiền giả',
    text: 'Đến cửa khẩu Tân Thanh, Sáng đón xe ôm chạy về ngã ba Cổng Trắng thì bị công an bắt giữ cùng số tiền giả mang theo.',
  },
  {
    id: 'lich-thi-lop-10',
    region: 'Hà Nội',
    date: '2017-06-08',
    title: 'Thí sinh Hà Nội thi vào lớp 10',
    text: 'Ngày mai 9/6, các thí sinh Hà Nội thi vào lớp 10, thời gian làm bài môn Toán là 120 phút.',
  },
  {
    id: 'so-thi-sinh-lop-10',
    region: 'Hà Nội',
    date: '2017-05-20',
    title: 'Tuyển sinh lớp 10 ở Hà Nội',
    text: 'Năm nay Hà Nội có hơn 76.000 thí sinh đăng ký thi vào lớp 10 công lập.',
  },
  {
    id: 'sinh-doi',
    region: 'TP Hồ Chí Minh',
    date: '2017-06-18',
    title: 'Sản phụ Nghệ An sinh đôi ở Từ Dũ',
    text: 'Chị Sâm, quê Nghệ An, mang thai đôi tuần thứ 32 bất ngờ sinh tại bệnh viện Từ Dũ rạng sáng 18/6.',
  },
  {
    id: 'gia-xang',
    date: '2017-05-20',
    title: 'Giá xăng giảm',
    text: 'Từ 15h chiều nay, giá xăng RON 92 giảm 310 đồng một lít, về 17.270 đồng.',
  },
  {
    id: 'nhap-khau-o-to',
    date: '2017-06-05',
    title: 'Nhập khẩu ô tô tăng mạnh',
    text: 'Trong tháng 5/2017, lượng ô tô nhập khẩu của Việt Nam tăng 123,4% so với tháng trước.',
  },
  {
    // Undated, like many aggregated articles: only the director's birth year is written.
    id: 'nhan-su-phu-yen',
    region: 'Phú Yên',
    title: 'Nhân sự mới Phú Yên',
    text: 'Ngày 10/7, Chủ tịch UBND tỉnh Phú Yên bổ nhiệm ông Trần Văn Lộc, sinh năm 1961, giữ chức Giám đốc Sở Xây dựng tỉnh Phú Yên.',
  },
  {
    id: 'nhan-su-ninh-thuan',
    region: 'Ninh Thuận',
    title: 'Nhân sự mới Ninh Thuận',
    text: 'Tháng 3 năm 2016, Chủ tịch UBND tỉnh Ninh Thuận bổ nhiệm ông Lê Hữu Phước giữ chức Giám đốc Sở Xây dựng tỉnh Ninh Thuận.',
  },
  {
    id: 'san-bay-quoc-te',
    date: '2017-04-02',
    title: 'Sân bay Nội Bài đông khách',
    text: 'Sân bay Nội Bài đứng thứ 2 cả nước về lượng khách quốc tế. Dân số Hà Nội 7,6 triệu người.',
  },
  ...harvestReports(['Cà Mau', 'Sơn La', 'Gia Lai']),
];

let index: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  index = await indexBriefings('amounts-test-', BRIEFINGS);
});
afterAll(() => index?.close());

const ask = (question: string) => index.ask(question).answer;

describe('a number that names, labels or ranks is no answer to "bao nhiêu"', () => {
  it('does not answer a fine asked with the number of a district ("quận 11")', () => {
    const answer = ask('Đầm Sen bị phạt bao nhiêu vì tiết mục múa phản cảm?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toContain('quận 11');
  });

  it('does not answer "how many people" with a road junction ("ngã ba")', () => {
    const answer = ask('co bn nguoi bi bat tren xe om o lang son');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toContain('Cổng Trắng');
  });

  it('does not answer how many children with a week of pregnancy or the day of birth', () => {
    const answer = ask('Sản phụ Nghệ An sinh đôi ở Từ Dũ đã có bao nhiêu người con?');
    expect(answer.status).toBe('not_found');
  });
});

describe('"bao nhiêu <thing>" wants an amount of that measure', () => {
  it('answers a number of candidates with the count, not with the exam day or its length in minutes', () => {
    for (const question of ['Hà Nội có bao nhiêu thí sinh thi vào lớp 10?', 'hn co bn thi sinh thi vao lop 10']) {
      const answer = ask(question);
      expect(answer.status, question).toBe('answered');
      expect(answer.answer, question).toContain('76.000 thí sinh');
      expect(answer.answer, question).not.toContain('120 phút');
    }
  });

  it('does not answer a number of cars with a growth rate', () => {
    const answer = ask('Tháng 5/2017 Việt Nam nhập khẩu bao nhiêu ô tô?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toContain('123,4%');
    // A share asked is still answered with it.
    expect(ask('Tháng 5/2017 lượng ô tô nhập khẩu tăng bao nhiêu phần trăm?').answer).toContain('123,4%');
  });

  it('answers a rank asked with the rank, and a population with the figure after "dân số"', () => {
    expect(ask('Sân bay Nội Bài đứng thứ mấy cả nước về lượng khách quốc tế?').answer).toContain('thứ 2');
    expect(ask('Dân số Hà Nội là bao nhiêu người?').answer).toContain('7,6 triệu');
  });

  it('still answers a length of time asked with minutes', () => {
    const answer = ask('Thí sinh Hà Nội thi vào lớp 10 làm bài bao nhiêu phút?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('120 phút');
  });
});

describe('"hôm nay" after a number ("RON 95 hôm nay") still means today', () => {
  it("says today's petrol price is not in a 2017 briefing, and what the briefing has instead", () => {
    const answer = ask('Giá xăng RON 95 hôm nay bao nhiêu một lít?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).toMatch(/^Chưa có số liệu hôm nay/);
  });
});

describe('an undated article and a year asked', () => {
  it('is not taken for the year asked when it writes only other years', () => {
    const answer = ask('Năm 2016 Phú Yên bổ nhiệm ai làm Giám đốc Sở Xây dựng?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toContain('Trần Văn Lộc');
  });

  it('answers when it writes the year asked', () => {
    const answer = ask('Năm 2016 Ninh Thuận bổ nhiệm ai làm Giám đốc Sở Xây dựng?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('Lê Hữu Phước');
  });
});
