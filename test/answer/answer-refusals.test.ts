import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexBriefings, type TestBriefing } from '../helpers/briefing-index.js';

/**
 * Honest refusals: a figure from an undated text is not passed off as the figure of a year the
 * corpus does not have, when the corpus reports the same subject for other years.
 */
const BRIEFINGS: TestBriefing[] = [
  {
    id: 'grdp-hai-phong-2017',
    region: 'Hải Phòng',
    date: '2017-07-05',
    title: 'Hải Phòng: kinh tế 6 tháng đầu năm 2017',
    text: 'GRDP 6 tháng đầu năm 2017 của Hải Phòng tăng 12,5% so với cùng kỳ. Thu ngân sách đạt kế hoạch.',
  },
  {
    id: 'grdp-hai-phong-undated',
    region: 'Hải Phòng',
    title: 'Hải Phòng tăng trưởng cao',
    text: 'GRDP 6 tháng của Hải Phòng ước đạt 13,26%, cao nhất từ trước đến nay. Nhiều dự án lớn được khởi công.',
  },
  {
    id: 'mat-trang',
    date: '2017-07-20',
    title: 'Ngày con người lên Mặt Trăng',
    text: 'Neil Armstrong là người đầu tiên đặt chân lên Mặt Trăng năm 1969. Chuyến bay Apollo 11 kéo dài tám ngày.',
  },
  {
    id: 'sao-moc',
    date: '2017-07-05',
    title: 'Tàu Juno bay qua vết đỏ lớn',
    text: 'Tàu vũ trụ Juno của NASA đã bay qua vết đỏ lớn trên sao Mộc. Các nhà khoa học chờ ảnh gửi về.',
  },
  // The question's common words are common here too, as in the news: "sao Mộc" is what it is about.
  ...['Đà Nẵng', 'Huế', 'Hội An', 'Nha Trang'].map((city, i) => ({
    id: `du-lich-${i}`,
    date: '2017-06-01',
    title: `Du lịch ${city}`,
    text: `Lần đầu tiên đặt chân lên ${city}, người khách đầu tiên của mùa hè được tặng hoa. Nhiều người lên phố ngắm cảnh.`,
  })),
  {
    id: 'thu-mon-2016',
    date: '2016-12-30',
    title: 'Tổng kết mùa bóng 2016',
    text: 'Năm 2016, đội thủ môn trẻ có 12 lần đoạt bóng trong các trận giao hữu. Mùa giải mới bắt đầu vào tháng 2.',
  },
  {
    id: 'panthers',
    title: 'Super Bowl 50',
    text: 'Đội thủ Panthers có 24 lần đoạt bóng trong mùa giải, dẫn đầu giải đấu. Josh Norman là hậu vệ nổi bật của đội.',
  },
];

let index: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  index = await indexBriefings('refusals-test-', BRIEFINGS);
});
afterAll(() => index?.close());

const ask = (question: string) => index.ask(question).answer;

describe('an undated figure is not given for a year the corpus lacks', () => {
  it('refuses with the year the briefings have, citing the dated briefing', () => {
    const answer = ask('GRDP 6 tháng đầu năm 2023 của Hải Phòng tăng bao nhiêu?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).toMatch(/^Chưa có số liệu 6 tháng đầu năm 2023 của Hải Phòng/);
    expect(answer.answer).toContain('2017');
    expect(answer.citations.map((c) => c.docId)).toEqual(['grdp-hai-phong-2017']);
  });

  it('still answers the year the dated briefing states', () => {
    const answer = ask('GRDP 6 tháng đầu năm 2017 của Hải Phòng tăng bao nhiêu?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('12,5%');
  });

  it('lets an undated text answer a year asked when nothing covering it as well says another year', () => {
    const answer = ask('Đội thủ Panthers có bao nhiêu lần đoạt bóng trong năm 2015?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('24 lần');
  });
});

describe('"ai" is not answered about something else that shares the question\'s words', () => {
  it('refuses when no passage names what the question is about', () => {
    const answer = ask('Ai là người đầu tiên đặt chân lên sao Mộc?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toContain('Armstrong');
  });

  it('answers the same question about what a passage does name', () => {
    const answer = ask('Ai là người đầu tiên đặt chân lên Mặt Trăng?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('Neil Armstrong');
  });
});
