import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harvestReports, indexBriefings, type TestBriefing } from '../helpers/briefing-index.js';
import { parseQuestionFrame } from '../../src/text/question-frame.js';

/** A week's count and a day's count, in two cities' health briefings (neither dated). */
const BRIEFINGS: TestBriefing[] = [
  {
    id: 'sxh-ha-noi-tuan',
    title: 'Hà Nội phạt tiền hộ dân không chịu phòng dịch sốt xuất huyết',
    text:
      'Các đơn vị có số mắc cao tập trung ở các quận nội thành: Đống Đa 372, Hoàng Mai 253. ' +
      'Chỉ tính riêng từ 19 đến 25/6, toàn thành phố Hà Nội ghi nhận mới 574 ca mắc sốt xuất huyết, trong đó có nhiều ổ dịch.',
  },
  {
    id: 'sxh-da-nang-ngay',
    region: 'Đà Nẵng',
    title: 'Đà Nẵng: sốt xuất huyết tăng',
    text: 'Riêng ngày 25/6, thành phố Đà Nẵng ghi nhận thêm 31 ca mắc sốt xuất huyết mới.',
  },
  {
    id: 'sxh-ha-noi-tuan-7',
    title: 'Sốt xuất huyết chưa giảm',
    text: 'Phó Giám đốc Sở Y tế Hà Nội cho biết, trong tuần từ 3- 9.7, địa bàn Hà Nội ghi nhận 903 trường hợp mắc sốt xuất huyết.',
  },
  ...harvestReports(['Nam Định', 'Hà Nam', 'Thái Bình', 'Hưng Yên']),
];

let index: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  index = await indexBriefings('spans-of-days-', BRIEFINGS);
});
afterAll(() => index?.close());

describe('a span of days ("từ 19 đến 25/6", "tuần 19 - 25/6") is a period of its own', () => {
  it('reads the span in a question, however it is written', () => {
    const span = { fromDay: 19, fromMonth: 6, day: 25, month: 6 };
    expect(parseQuestionFrame('Riêng tuần 19 - 25/6 Hà Nội có bao nhiêu ca sốt xuất huyết?').period).toEqual(span);
    expect(parseQuestionFrame('tu 19 den 25/6 ha noi co bn ca sot xuat huyet').period).toEqual(span);
    expect(parseQuestionFrame('Từ ngày 28/5 đến ngày 3/6/2017 có bao nhiêu ca?').period).toEqual({
      fromDay: 28,
      fromMonth: 5,
      day: 3,
      month: 6,
      year: 2017,
    });
    // A range of counts is no span of days.
    expect(parseQuestionFrame('Ổ dịch có 2-3 người mắc?').period).toBeNull();
    expect(parseQuestionFrame('Giá từ 2 - 3.5 triệu đồng?').period).toBeNull();
  });

  it("answers the week's figure for the week asked, written either way", () => {
    for (const question of [
      'Riêng tuần 19 - 25/6 Hà Nội ghi nhận bao nhiêu ca sốt xuất huyết mới?',
      'tu 19 den 25/6 ha noi co bn ca sot xuat huyet moi',
    ]) {
      const { answer } = index.ask(question);
      expect(answer.status).toBe('answered');
      expect(answer.answer).toContain('574 ca');
    }
    // As the news writes it with a dot: "trong tuần từ 3- 9.7".
    const july = index.ask('Trong tuần từ 3 đến 9/7, Hà Nội có bao nhiêu người mới mắc sốt xuất huyết?').answer;
    expect(july.status).toBe('answered');
    expect(july.answer).toContain('903 trường hợp');
  });

  it("does not give a week's figure for one day, nor one day's for a week", () => {
    const day = index.ask('Ngày 25/6 Hà Nội ghi nhận bao nhiêu ca sốt xuất huyết mới?').answer;
    expect(day.status).toBe('not_found');
    expect(day.answer).toContain('ngày 25/6');
    const week = index.ask('Từ 19 đến 25/6 Đà Nẵng ghi nhận bao nhiêu ca sốt xuất huyết mới?').answer;
    expect(week.status).toBe('not_found');
    expect(week.answer).toContain('từ 19 đến 25/6');
  });
});
