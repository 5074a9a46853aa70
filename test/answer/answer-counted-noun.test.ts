import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexBriefings, type TestBriefing, harvestReports } from '../helpers/briefing-index.js';

/**
 * Briefings whose best-matching sentence holds a figure of another thing than the one asked: a bus
 * line's trips ("lượt xe") beside its passengers ("lượt khách"), dated "từ 1-1 đến hết 31-1-2017"
 * (a span of days, no count); a port's cars ("chiếc") beside its workers; a complaint's cases beside a
 * chairman's children; a fine whose sentence naming the driver holds only a team number and a year of birth. A user asking how many passengers,
 * how many cars, how much the fine was, must get that figure, never another thing's.
 */
const BRIEFINGS: TestBriefing[] = [
  {
    id: 'buyt-nhanh-thang-1',
    date: '2017-02-05',
    title: 'Buýt nhanh sau một tháng vận hành',
    text:
      'Trong tháng 1/2017 (từ 1-1 đến hết 31-1-2017), tuyến buýt nhanh Kim Mã – Yên Nghĩa chở khách với 9.394 lượt xe. ' +
      'Trong khi đó, nhiều người dân vẫn chọn xe máy. ' +
      'Theo thống kê của xí nghiệp, tuyến đạt tổng cộng 376.000 lượt hành khách đi lại.',
  },
  {
    id: 'cang-o-to-thang-5',
    date: '2017-06-05',
    title: 'Cảng Chân Mây tháng 5',
    text:
      'Tháng 5/2017, cảng Chân Mây bốc dỡ ô tô nhập khẩu với 1.200 người làm việc. ' +
      'Tính riêng mặt hàng ô tô nhập khẩu, tháng 5/2017 cảng đón 9.935 chiếc.',
  },
  {
    id: 'phat-taxi-uu-tien',
    date: '2017-05-22',
    title: 'Xử phạt tài xế taxi đi vào đường ưu tiên',
    text:
      'Đội CSGT số 6 đã xử phạt tài xế taxi Vũ Văn Nam (SN 1983) đi vào đường của đoàn xe ưu tiên ở Hà Nội. ' +
      'Tổng số tiền tài xế bị nộp phạt là 3,2 triệu đồng.',
  },
  {
    id: 'con-chau-minh-hoa',
    date: '2017-06-20',
    title: 'Khiếu nại ở huyện Minh Hóa',
    text:
      'Chủ tịch huyện Minh Hóa bị khiếu nại 3 vụ việc về con cháu được nhận vào làm. ' +
      'Theo đơn, 6 người con, cháu của ông được nhận vào làm ở các cơ quan của huyện Minh Hóa.',
  },
  ...harvestReports(['Cà Mau', 'Sơn La', 'Gia Lai', 'Bình Phước']),
];

let index: Awaited<ReturnType<typeof indexBriefings>>;
beforeAll(async () => {
  index = await indexBriefings('counted-noun-', BRIEFINGS);
});
afterAll(() => index?.close());
const ask = (question: string) => index.ask(question).answer;

/** Each of `questions` (the same asked with and without marks) is answered with `gives`, never with `not`. */
function expectEachAnswered(questions: string[], gives: string, not: string): void {
  for (const question of questions) {
    const answer = ask(question);
    expect(answer.status, question).toBe('answered');
    expect(answer.answer, question).toContain(gives);
    expect(answer.answer, question).not.toContain(not);
  }
}

describe('the figure given counts the thing the question counts', () => {
  it('answers "bao nhiêu lượt khách" with the passengers, not the trips ("lượt xe"), typed with or without marks', () => {
    expectEachAnswered(
      [
        'Tháng 1/2017 tuyến buýt nhanh Kim Mã – Yên Nghĩa chở bao nhiêu lượt khách?',
        'thang 1/2017 tuyen buyt nhanh kim ma yen nghia cho bn luot khach',
      ],
      '376.000 lượt hành khách',
      '9.394 lượt xe',
    );
    // The trips are still the answer when the trips are asked.
    expect(ask('Tháng 1/2017 tuyến buýt nhanh Kim Mã – Yên Nghĩa chạy bao nhiêu lượt xe?').answer).toContain('9.394 lượt xe');
  });

  it('answers "bao nhiêu ô tô" with the cars ("chiếc"), not the people at work', () => {
    expectEachAnswered(
      ['Tháng 5/2017 cảng Chân Mây đón bao nhiêu ô tô nhập khẩu?', 'thang 5/2017 cang chan may don bn o to nhap khau'],
      '9.935 chiếc',
      '1.200 người',
    );
  });

  it('reads "mấy con cháu" as a count of people, answered by "6 người con, cháu", not by "3 vụ việc"', () => {
    expectEachAnswered(
      ['Chủ tịch huyện Minh Hóa có mấy con cháu được nhận vào làm?', 'ct huyen minh hoa co may con chau dc nhan vao lam'],
      '6 người con, cháu',
      '3 vụ việc',
    );
  });
});

describe('"bị phạt bao nhiêu" asks a sum of money', () => {
  it('answers with the fine, not the sentence holding only a team number and a year of birth', () => {
    expectEachAnswered(
      ['Tài xế taxi đi vào đường ưu tiên ở Hà Nội bị phạt bao nhiêu?', 'tai xe taxi di vao duong uu tien o hn bi phat bn'],
      '3,2 triệu đồng',
      'SN 1983',
    );
  });
});
