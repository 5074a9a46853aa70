import { describe, expect, it } from 'vitest';
import { describePeriod, NATIONWIDE, parseQuestionFrame, renderQuestion } from '../../src/text/question-frame.js';

describe('the frame of a question', () => {
  it('reads "cỡ nào" (how much, how big) as asking for a quantity, with or without diacritics', () => {
    for (const question of ['Bắn pháo hoa ở Đà Nẵng mùa hè 2017 tốn kém cỡ nào?', 'ban phao hoa o da nang mua he 2017 ton kem co nao'])
      expect(parseQuestionFrame(question).kind).toBe('quantity');
  });

  it('reads place, period, subject and kind, with or without diacritics', () => {
    for (const question of [
      'FDI của Hải Phòng 9 tháng đầu năm 2023 tăng bao nhiêu?',
      'fdi cua hai phong 9 thang dau nam 2023 tang bao nhieu',
    ]) {
      const frame = parseQuestionFrame(question);
      expect(frame.places).toEqual(['Hải Phòng']);
      expect(frame.period).toEqual({ months: 9, year: 2023 });
      expect(frame.kind).toBe('quantity');
      expect(frame.subject.map((w) => w.normalize('NFD').replace(/\p{M}/gu, ''))).toEqual(['fdi', 'tang']);
    }
  });

  it('tells the periods briefings report apart', () => {
    expect(parseQuestionFrame('Xuất khẩu 5 tháng đầu năm 2017?').period).toEqual({ months: 5, year: 2017 });
    expect(parseQuestionFrame('Xuất khẩu tháng 5/2017?').period).toEqual({ month: 5, year: 2017 });
    expect(parseQuestionFrame('xuat khau quy I nam 2017').period).toEqual({ quarter: 1, year: 2017 });
    expect(parseQuestionFrame('Xuất khẩu nửa đầu năm?').period).toEqual({ months: 6 });
    expect(parseQuestionFrame('Sức mua dịp Tết?').period).toEqual({ tet: true });
    expect(parseQuestionFrame('CPI tăng bao nhiêu so với cùng kỳ?').period).toEqual({ sameTimeLastYear: true });
    expect(parseQuestionFrame('Ngày 19/10/2023 có gì?').period).toEqual({ day: 19, month: 10, year: 2023 });
    expect(parseQuestionFrame('Giá vàng hôm nay?').period).toEqual({ relative: 'today' });
    expect(parseQuestionFrame('FDI tăng bao nhiêu?').period).toBeNull();
  });

  it('knows the kind of answer each interrogative asks for', () => {
    expect(parseQuestionFrame('Ai là Chủ tịch UBND tỉnh?').kind).toBe('person');
    expect(parseQuestionFrame('cong ty nao trung thau').kind).toBe('organisation');
    expect(parseQuestionFrame('Vụ tai nạn xảy ra ở đâu?').kind).toBe('place');
    expect(parseQuestionFrame('Khi nào khởi công cầu?').kind).toBe('date');
    expect(parseQuestionFrame('Dân số sao Hỏa năm 2023 là bao nhiêu người?').kind).toBe('quantity');
    expect(parseQuestionFrame('Chủ đề cuộc thi là gì?').kind).toBe('other');
  });

  it('asks for the place or the organisation, not a figure, when the rate named is only the yardstick', () => {
    expect(parseQuestionFrame('Tỉnh nào có tỷ lệ hộ nghèo cao nhất?').kind).toBe('place');
    expect(parseQuestionFrame('Khu vực nào vẫn còn nổi tiếng với tỷ lệ tội phạm cao?').kind).toBe('place');
    expect(parseQuestionFrame('ngan hang nao co ty le no xau thap nhat').kind).toBe('organisation');
    expect(parseQuestionFrame('Tỷ lệ hộ nghèo của tỉnh là bao nhiêu?').kind).toBe('quantity');
    expect(parseQuestionFrame('Tỷ lệ tốt nghiệp của Nam Định?').kind).toBe('quantity');
  });

  it('reads "cả nước" as a place, and "thành phố" as part of the city it names', () => {
    expect(parseQuestionFrame('CPI cả nước tăng bao nhiêu?').places).toEqual([NATIONWIDE]);
    const frame = parseQuestionFrame('Ai là chủ tịch UBND tp hcm?');
    expect(frame.places).toEqual(['TP Hồ Chí Minh']);
    expect(frame.subject).toEqual(['chủ', 'tịch', 'ubnd']);
  });

  it('expands chat abbreviations in the form the question is typed in', () => {
    expect(parseQuestionFrame('fdi hai phong tang bn').text).toBe('fdi hai phong tang bao nhieu');
    expect(parseQuestionFrame('FDI Hải Phòng tăng bn, đc ko?').text).toBe('FDI Hải Phòng tăng bao nhiêu, được không?');
    expect(parseQuestionFrame('xuat khau t5/2017').period).toEqual({ month: 5, year: 2017 });
  });

  it('corrects a typo only against the corpus vocabulary, and only for a word the corpus does not know', () => {
    const vocabulary = { frequency: (s: string) => ({ sach: 40, sac: 3, ban: 50 })[s] ?? 0 };
    expect(parseQuestionFrame('so sahc ban ra', { vocabulary }).text).toBe('so sach ban ra');
    expect(parseQuestionFrame('so sahc ban ra').text).toBe('so sahc ban ra');
    // A well-formed syllable the corpus lacks is a word it lacks, not a typo.
    expect(parseQuestionFrame('gia vang hom nay', { vocabulary }).text).toBe('gia vang hom nay');
  });

  it('renders back into a standalone question, also with another place or period', () => {
    const frame = parseQuestionFrame('FDI của Hải Phòng 9 tháng đầu năm 2023 tăng bao nhiêu?');
    expect(frame.core).toBe('FDI tăng bao nhiêu');
    expect(renderQuestion(frame)).toBe('FDI tăng bao nhiêu ở Hải Phòng trong 9 tháng đầu năm 2023?');
    expect(renderQuestion({ ...frame, places: ['Đà Nẵng'], period: { quarter: 1, year: 2017 } })).toBe(
      'FDI tăng bao nhiêu ở Đà Nẵng quý I/2017?',
    );
    expect(describePeriod({ month: 5, year: 2017 })).toBe('tháng 5/2017');
  });
});
