import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuestionFrame } from '../../src/text/question-frame.js';
import { indexBriefings, type TestBriefing, harvestReports } from '../helpers/briefing-index.js';

/**
 * "hôm qua", "hôm kia", "tuần trước", "tháng trước" are counted from the asking day: the briefings
 * below are dated from today's clock (yesterday, a day of last week, a day of last month) beside
 * old ones of 2017 that report the same subject.
 */
const DAY = 86_400_000;
const now = new Date();
const isoDay = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
const mondayOffset = -((now.getUTCDay() + 6) % 7);
const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)).toISOString().slice(0, 10);

const BRIEFINGS: TestBriefing[] = [
  {
    id: 'vang-hom-qua',
    date: isoDay(-1),
    title: 'Giá vàng SJC đi lên',
    text: 'Giá vàng SJC chốt phiên ở mức 66,5 triệu đồng/lượng, tăng 200.000 đồng so với phiên trước.',
  },
  {
    id: 'vang-2017',
    date: '2017-06-01',
    title: 'Giá vàng SJC đi xuống',
    text: 'Giá vàng SJC chốt phiên ở mức 36,4 triệu đồng/lượng, giảm 50.000 đồng so với phiên trước.',
  },
  {
    id: 'sot-xuat-huyet-tuan-truoc',
    region: 'Hà Nội',
    // The Wednesday of last week.
    date: isoDay(mondayOffset - 5),
    title: 'Hà Nội: sốt xuất huyết tăng',
    text: 'Trong tuần, Hà Nội ghi nhận 412 ca sốt xuất huyết, tăng 30% so với tuần trước đó.',
  },
  {
    id: 'sot-xuat-huyet-tuan-nay',
    region: 'Hà Nội',
    date: isoDay(0),
    title: 'Hà Nội: sốt xuất huyết giảm',
    text: 'Trong tuần, Hà Nội ghi nhận 265 ca sốt xuất huyết, giảm 35% so với tuần trước đó.',
  },
  {
    id: 'sot-xuat-huyet-2017',
    region: 'Hà Nội',
    date: '2017-08-10',
    title: 'Hà Nội: dịch sốt xuất huyết',
    text: 'Trong tuần, Hà Nội ghi nhận 1.200 ca sốt xuất huyết, số ca mắc cao nhất từ đầu năm.',
  },
  {
    id: 'cpi-da-nang-thang-truoc',
    region: 'Đà Nẵng',
    date: lastMonth,
    title: 'CPI Đà Nẵng',
    text: 'Chỉ số giá tiêu dùng (CPI) của Đà Nẵng tăng 0,31% so với tháng trước, do giá thực phẩm tăng.',
  },
  {
    id: 'cpi-da-nang-thang-nay',
    region: 'Đà Nẵng',
    date: isoDay(0),
    title: 'CPI Đà Nẵng',
    text: 'Chỉ số giá tiêu dùng (CPI) của Đà Nẵng tăng 0,45% so với tháng trước, do giá điện tăng.',
  },
  {
    id: 'cpi-da-nang-2017',
    region: 'Đà Nẵng',
    date: '2017-05-20',
    title: 'CPI Đà Nẵng',
    text: 'Chỉ số giá tiêu dùng (CPI) của Đà Nẵng tăng 0,12% so với tháng trước, do giá xăng dầu tăng.',
  },
  ...harvestReports(['Cà Mau', 'Lạng Sơn', 'Sơn La', 'Gia Lai', 'Bến Tre']),
];

let index: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  index = await indexBriefings('relative-days-test-', BRIEFINGS);
});
afterAll(() => index?.close());

const ask = (question: string) => index.ask(question).answer;

describe('a day named from the asking day', () => {
  it('"hôm qua" is answered by the briefing dated yesterday, not by an older one', () => {
    for (const question of ['Giá vàng SJC hôm qua bao nhiêu?', 'gia vang sjc hom qua bn']) {
      const answer = ask(question);
      expect(answer.status, question).toBe('answered');
      expect(answer.answer).toContain('66,5 triệu');
    }
  });

  it('"hôm kia" with no briefing of that day is a near miss that says which day there is, cited', () => {
    for (const question of ['Giá vàng SJC hôm kia bao nhiêu?', 'gia vang sjc hom kia bn']) {
      const answer = ask(question);
      expect(answer.status, question).toBe('not_found');
      expect(answer.answer).toMatch(
        /^Chưa có số liệu hôm kia trong các bản tin hiện có; bản tin có số liệu của ngày \d{1,2}\/\d{1,2}\/\d{4}/,
      );
      expect(answer.citations).toHaveLength(1);
    }
  });
});

describe('a week or a month named from the asking day', () => {
  it('"tuần trước" is answered by the briefing of last week (Monday to Sunday), not by the newer one of this week', () => {
    for (const question of ['Tuần trước Hà Nội có bao nhiêu ca sốt xuất huyết?', 'tuan truoc ha noi co bn ca sot xuat huyet']) {
      const answer = ask(question);
      expect(answer.status, question).toBe('answered');
      expect(answer.answer).toContain('412 ca');
    }
    const thisWeek = ask('Tuần này Hà Nội có bao nhiêu ca sốt xuất huyết?');
    expect(thisWeek.status).toBe('answered');
    expect(thisWeek.answer).toContain('265 ca');
  });

  it('"tháng trước" is answered by the briefing of last month, "tháng này" by this month\'s', () => {
    for (const question of ['CPI của Đà Nẵng tháng trước tăng bao nhiêu?', 'cpi cua da nang thang truoc tang bn']) {
      const answer = ask(question);
      expect(answer.status, question).toBe('answered');
      expect(answer.answer).toContain('0,31%');
      expect(answer.answer).not.toContain('0,45%');
    }
    expect(ask('CPI của Đà Nẵng tháng này tăng bao nhiêu?').answer).toContain('0,45%');
  });
});

describe('relative words that are not the period asked', () => {
  it('"so với tháng trước" and "so tháng trước" are a comparison; "3 tuần trước" counts back', () => {
    expect(parseQuestionFrame('CPI tháng 5/2017 giảm bao nhiêu so với tháng trước?').period).toEqual({ month: 5, year: 2017 });
    expect(parseQuestionFrame('cpi thang 5/2017 giam bn so thang truoc').period).toEqual({ month: 5, year: 2017 });
    expect(parseQuestionFrame('Giá vàng 3 tuần trước?').period).toBeNull();
    expect(parseQuestionFrame('Giá vàng hôm kia?').period).toEqual({ relative: 'day-before-yesterday' });
    expect(parseQuestionFrame('gia vang tuan truoc').period).toEqual({ relative: 'last-week' });
    expect(parseQuestionFrame('CPI tháng trước?').period).toEqual({ relative: 'last-month' });
  });
});
