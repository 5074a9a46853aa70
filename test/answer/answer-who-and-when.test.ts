import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexBriefings, type TestBriefing, harvestReports } from '../helpers/briefing-index.js';

/**
 * "X là ai?" where the sentence naming the holder words the role otherwise (appointed to it, in
 * brackets, as the deputy), and "khi nào" questions whose unit (a day, a year, an hour) or tense
 * (a plan or what was done) the answer must match. Each briefing pairs the right sentence with a
 * near one that shares the question's words at least as well.
 */
const BRIEFINGS: TestBriefing[] = [
  {
    // The Chủ tịch stands beside the place asked; the Giám đốc is named as appointed to the role.
    id: 'bo-nhiem-so-y-te',
    region: 'Ninh Thuận',
    date: '2017-03-02',
    title: 'Ninh Thuận bổ nhiệm lãnh đạo sở',
    text:
      'Chủ tịch UBND tỉnh Ninh Thuận Lưu Xuân Vĩnh yêu cầu Giám đốc Sở Y tế Ninh Thuận báo cáo về dịch sốt xuất huyết. ' +
      'Theo quyết định, ông Trần Quốc Bảo được bổ nhiệm giữ chức Giám đốc Sở Y tế tỉnh Ninh Thuận.',
  },
  {
    // The deputy's full title stands before his name; the head is named in brackets.
    id: 'so-xay-dung-phu-yen',
    region: 'Phú Yên',
    date: '2017-04-11',
    title: 'Phú Yên kiểm tra trật tự xây dựng',
    text:
      'Phó Giám đốc Sở Xây dựng Phú Yên Lê Văn Tâm cho biết đoàn kiểm tra đã làm việc với các huyện. ' +
      'Giám đốc Sở Xây dựng Phú Yên (ông Hồ Minh Khoa) chỉ đạo xử lý dứt điểm các công trình sai phép.',
  },
  {
    // The name in one sentence, the role in the next, which names him by the last word only.
    id: 'so-tai-chinh-kon-tum',
    region: 'Kon Tum',
    date: '2017-03-28',
    title: 'Kon Tum điều động cán bộ',
    text:
      'Chủ tịch UBND tỉnh Kon Tum Nguyễn Văn Hòa đề nghị Giám đốc Sở Tài chính tỉnh Kon Tum rà soát các khoản chi. ' +
      'Ông Nguyễn Đức Hùng vừa được Ban Thường vụ Tỉnh ủy điều động về công tác tại Ủy ban nhân dân tỉnh. ' +
      'Ông Hùng sẽ giữ chức Giám đốc Sở Tài chính tỉnh Kon Tum từ ngày 1/4.',
  },
  {
    id: 'cang-ca-tho',
    region: 'Cần Thơ',
    date: '2017-05-20',
    title: 'Cảng Cái Cui mở rộng',
    text:
      'Cảng Cái Cui của Cần Thơ dự kiến khai trương bến số 3 vào năm 2018. ' +
      'Cảng Cái Cui khai trương bến số 3 từ ngày 15/5 với hai tàu cập bến cùng lúc.',
  },
  {
    id: 'cau-vinh-tuy',
    region: 'Hà Nội',
    date: '2017-06-01',
    title: 'Cầu Vĩnh Tuy giai đoạn 2',
    text:
      'Theo kế hoạch, cầu Vĩnh Tuy giai đoạn 2 sẽ thông xe toàn tuyến vào ngày 2/9/2019. ' +
      'Cầu Vĩnh Tuy giai đoạn 2 đã thông xe nhánh phụ ngày 2/5.',
  },
  {
    id: 'ben-xe-mien-dong',
    region: 'TP Hồ Chí Minh',
    date: '2017-07-10',
    title: 'Bến xe Miền Đông mới',
    text:
      'Bến xe Miền Đông mới ở TP Hồ Chí Minh bắt đầu xây dựng vào tháng 7 năm 2017 trên diện tích 16 ha. ' +
      'Hằng ngày, bến xe Miền Đông mở cửa đón khách từ 4h30 đến 22h.',
  },
  ...harvestReports(['Cà Mau', 'Lạng Sơn', 'Sơn La', 'Gia Lai', 'Bến Tre']),
];

let index: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  index = await indexBriefings('who-when-test-', BRIEFINGS);
});
afterAll(() => index?.close());

const ask = (question: string) => index.ask(question).answer;

describe('"X là ai?" names the holder of the role asked', () => {
  it('when the sentence says the holder was appointed to it ("được bổ nhiệm giữ chức …")', () => {
    const answer = ask('Giám đốc Sở Y tế Ninh Thuận là ai?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('Trần Quốc Bảo');
    expect(answer.answer).not.toContain('Lưu Xuân Vĩnh');
  });

  it('when the role is said of the person in the next sentence, by the last word of the name', () => {
    const answer = ask('Giám đốc Sở Tài chính Kon Tum là ai?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('Nguyễn Đức Hùng');
    expect(answer.answer).toContain('Ông Hùng sẽ giữ chức');
  });

  it('when the name is in brackets after the role, and not the deputy whose title holds the role', () => {
    const answer = ask('Giám đốc Sở Xây dựng Phú Yên là ai?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('Hồ Minh Khoa');
    expect(answer.answer).not.toContain('Lê Văn Tâm');
  });
});

describe('"khi nào" questions get the unit and tense asked', () => {
  it('"khi nào" prefers the sentence that says the day, and "đã" what was done over the plan', () => {
    for (const question of ['Cảng Cái Cui đã khai trương bến số 3 khi nào?', 'Cảng Cái Cui khai trương bến số 3 khi nào?']) {
      const answer = ask(question);
      expect(answer.status, question).toBe('answered');
      expect(answer.answer, question).toContain('15/5');
      expect(answer.answer, question).not.toContain('2018');
    }
  });

  it('"dự kiến" asks for the plan, not what was done', () => {
    const answer = ask('Cầu Vĩnh Tuy giai đoạn 2 dự kiến thông xe khi nào?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('2/9/2019');
    expect(answer.answer).not.toContain('2/5');
  });

  it('"mấy giờ" needs a clock time and "năm nào" a year', () => {
    const hours = ask('Bến xe Miền Đông mở cửa đón khách từ mấy giờ?');
    expect(hours.status).toBe('answered');
    expect(hours.answer).toContain('4h30');
    const year = ask('Bến xe Miền Đông mới ở TP Hồ Chí Minh bắt đầu xây dựng vào năm nào?');
    expect(year.status).toBe('answered');
    expect(year.answer).toContain('2017');
    // Neither sentence gives an hour for the building works: no clock time, no answer.
    expect(ask('Bến xe Miền Đông mới bắt đầu xây dựng lúc mấy giờ?').status).toBe('not_found');
  });
});
