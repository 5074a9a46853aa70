import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexBriefings, type TestBriefing, harvestReports } from '../helpers/briefing-index.js';

/**
 * News that names its subject in one sentence and gives the answer in the next: a mother who has
 * just had twins ("… vừa sinh đôi … . Trước đó chị đã có 13 người con."), a bank's new head ("…
 * thôi giữ chức Tổng giám đốc. Người thay ông là bà …"). Beside them, briefings whose next sentence
 * is about something else, or about another place, so gives no answer for the subject asked.
 */
const BRIEFINGS: TestBriefing[] = [
  {
    id: 'sinh-doi-nghe-an',
    date: '2017-06-18',
    title: 'Sản phụ 45 tuổi sinh đôi',
    text: 'Chị Lê Thị Hoa (Nghệ An) vừa sinh đôi tại Bệnh viện Từ Dũ. Trước đó chị đã có 13 người con. Hai bé đang được chăm sóc đặc biệt.',
  },
  {
    // The next sentence counts other babies, at another hospital: nothing about her children.
    id: 'sinh-doi-thanh-hoa',
    date: '2017-06-19',
    title: 'Sản phụ Thanh Hóa sinh đôi',
    text: 'Chị Trịnh Thị Mận (Thanh Hóa) vừa sinh đôi tại Bệnh viện Hùng Vương. Cùng ngày, Bệnh viện Phụ sản Trung ương tiếp nhận 40 ca sinh non.',
  },
  {
    // Linked by "Trước đó", but the children counted are another mother's, in another province.
    id: 'sinh-doi-ha-tinh',
    date: '2017-06-20',
    title: 'Sản phụ Hà Tĩnh sinh đôi',
    text: 'Chị Phạm Thị Lụa (Hà Tĩnh) vừa sinh đôi tại Bệnh viện Bạch Mai. Trước đó, một sản phụ ở Quảng Bình đã có 9 người con.',
  },
  {
    id: 'ngan-hang-phuong-nam',
    date: '2017-07-03',
    title: 'Ngân hàng Phương Nam thay lãnh đạo',
    text:
      'Ngân hàng TMCP Phương Nam (PNB) vừa cho ông Hồ Văn Khải thôi giữ chức Tổng giám đốc theo nguyện vọng cá nhân. ' +
      'Người thay ông là bà Lê Thị Thu Thảo, hiện là Phó Tổng giám đốc ngân hàng này. Quyết định có hiệu lực từ ngày 3/7.',
  },
  {
    // The next sentence names someone, for another company and another post.
    id: 'ngan-hang-dong-a',
    date: '2017-07-04',
    title: 'Ngân hàng Đông Á thay lãnh đạo',
    text:
      'Ngân hàng TMCP Đông Á (DAB) vừa cho ông Trịnh Văn Lực thôi giữ chức Tổng giám đốc theo nguyện vọng cá nhân. ' +
      'Cùng ngày, Công ty Sông Hồng bổ nhiệm bà Vương Thị Hạnh làm Kế toán trưởng.',
  },
  {
    // "bến xe này" points back, but the hours it gives are the opening hours, not when building began.
    id: 'ben-xe-my-dinh',
    date: '2017-03-10',
    title: 'Bến xe Mỹ Đình mới',
    text: 'Bến xe Mỹ Đình mới ở Hà Nội bắt đầu xây dựng vào tháng 3 năm 2017. Hằng ngày, bến xe này mở cửa đón khách từ 5h đến 21h.',
  },
  ...harvestReports(['Cà Mau', 'Sơn La', 'Gia Lai', 'Bắc Ninh']),
];

let index: Awaited<ReturnType<typeof indexBriefings>>;
beforeAll(async () => {
  index = await indexBriefings('split-sentences-', BRIEFINGS);
});
afterAll(() => index?.close());
const ask = (question: string) => index.ask(question).answer;

describe('"bao nhiêu": the figure in the sentence after the one naming the subject', () => {
  it('answers with the next sentence, quoting both (who, then the figure) and citing them', () => {
    for (const question of [
      'Chị Hoa ở Nghệ An vừa sinh đôi tại Từ Dũ, trước đó đã có bao nhiêu người con?',
      'chi hoa nghe an vua sinh doi o tu du truoc do co bn nguoi con',
    ]) {
      const answer = ask(question);
      expect(answer.status, question).toBe('answered');
      expect(answer.answer, question).toContain('Chị Lê Thị Hoa (Nghệ An) vừa sinh đôi');
      expect(answer.answer.indexOf('Chị Lê Thị Hoa'), question).toBeLessThan(answer.answer.indexOf('13 người con'));
      expect(answer.citations, question).toHaveLength(1);
      expect(answer.citations[0]!.docId, question).toBe('sinh-doi-nghe-an');
      expect(answer.citations[0]!.text, question).toContain('Trước đó chị đã có 13 người con');
    }
  });

  it('does not give the "đôi" of "sinh đôi", which the question writes, as the figure, nor a next sentence about something else', () => {
    const answer = ask('Chị Mận ở Thanh Hóa vừa sinh đôi tại Hùng Vương, trước đó đã có bao nhiêu người con?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toContain('40 ca');
    expect(answer.answer).not.toContain('vừa sinh đôi');
    // Pointing back ("bến xe này") is not enough: the next sentence must go on with what is asked.
    const hours = ask('Bến xe Mỹ Đình mới bắt đầu xây dựng lúc mấy giờ?');
    expect(hours.status).toBe('not_found');
    expect(hours.answer).not.toContain('5h');
  });

  it('does not take a linked next sentence about another province: still refused', () => {
    const answer = ask('Chị Lụa ở Hà Tĩnh vừa sinh đôi tại Bạch Mai, trước đó đã có bao nhiêu người con?');
    expect(answer.status).toBe('not_found');
    // The plain refusal, or the near miss saying the figure there is Quảng Bình's, not Hà Tĩnh's.
    expect(answer.answer).toMatch(/^(Xin lỗi|Chưa có số liệu của Hà Tĩnh)/);
    expect(answer.answer).not.toContain('vừa sinh đôi tại Bệnh viện Bạch Mai [1]');
  });
});

describe('"ai": the person named in the sentence after the one naming the role', () => {
  it('answers with the successor the next sentence names, not the bank only, and not an unlinked name', () => {
    const answer = ask('Ai thay ông Hồ Văn Khải làm Tổng giám đốc Ngân hàng Phương Nam?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('Lê Thị Thu Thảo');
    expect(answer.citations[0]!.docId).toBe('ngan-hang-phuong-nam');
    expect(answer.citations[0]!.text).toContain('Người thay ông là bà Lê Thị Thu Thảo');

    const other = ask('Ai thay ông Trịnh Văn Lực làm Tổng giám đốc Ngân hàng Đông Á?');
    expect(other.answer).not.toContain('Vương Thị Hạnh');
  });
});
