import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexBriefings, type TestBriefing, harvestReports } from '../helpers/briefing-index.js';

/**
 * Briefings that share a question's words but not its frame: a trade report whose sentence about
 * cars gives only sums of money (one written without its currency, "19 tỷ"), and an undated
 * round-up of appointments whose only years are birth dates and a term ("nhiệm kỳ 2012-2017"). A
 * user asking how many cars, or whom a province appointed in 2016, must get the count or the
 * near miss, never the money or another time's appointment.
 */
const BRIEFINGS: TestBriefing[] = [
  {
    id: 'thuong-mai-my',
    date: '2017-06-02',
    title: 'Thương mại Việt - Mỹ tháng 5/2017',
    text: 'Trong tháng 5/2017, Việt Nam nhập khẩu từ Mỹ ô tô và máy móc là 19 tỷ và xuất siêu 32 tỷ USD.',
  },
  {
    // No figure at all: "tỷ trọng" is a share, not a billion.
    id: 'hang-xa-xi',
    date: '2017-06-03',
    title: 'Nhập khẩu hàng xa xỉ tháng 5/2017',
    text: 'Trong tháng 5/2017, kim ngạch nhập khẩu những nhóm hàng xa xỉ như điện thoại, ô tô hạng sang chiếm tỷ trọng rất lớn.',
  },
  {
    id: 'nhan-su-5-dia-phuong',
    title: 'Nhân sự mới 5 địa phương',
    text:
      'Quảng Trị: Ngày 10/7, Chủ tịch UBND tỉnh Nguyễn Đức Chính đã bổ nhiệm lại ông Phan Văn Linh, sinh ngày 12/12/1960, ' +
      'giữ chức vụ Giám đốc Sở LĐTB&XH tỉnh cho đến khi đủ tuổi nghỉ hưu. ' +
      'Bổ nhiệm lại ông Lê Quang Vĩnh, sinh ngày 3/6/1961, giữ chức vụ Giám đốc Sở Công Thương tỉnh cho đến khi đủ tuổi nghỉ hưu.',
  },
  {
    id: 'nhan-su-khanh-hoa',
    title: 'Nhân sự mới Khánh Hòa',
    text: 'Ngày 10/7, Liên minh hợp tác xã tỉnh Khánh Hòa bầu ông Đinh Văn Dũng giữ chức Chủ tịch Liên minh hợp tác xã tỉnh Khánh Hòa nhiệm kỳ 2012-2017.',
  },
  {
    // The months to date only, and May only: the one is no answer for the other.
    id: 'o-to-5-thang',
    date: '2017-06-10',
    title: 'Ô tô nguyên chiếc nhập về',
    text: 'Tính chung 5 tháng đầu năm 2017, Việt Nam nhập khẩu 38.000 chiếc ô tô nguyên chiếc từ Indonesia.',
  },
  {
    id: 'xe-may-thang-5',
    date: '2017-06-10',
    title: 'Máy cày Nhật Bản',
    text: 'Riêng tháng 5/2017, các hợp tác xã mua 4.200 máy cày của Nhật Bản.',
  },
  {
    id: 'tau-bien-ca-hai',
    date: '2017-06-10',
    title: 'Cảng Hải Phòng đông tàu',
    text: 'Trong tháng 5/2017, Cảng Hải Phòng đón 900 lượt tàu biển, đưa tổng 5 tháng đầu năm lên 3.100 lượt.',
  },
  {
    // Undated, and writing no year at all.
    id: 'nhan-su-binh-dinh',
    title: 'Nhân sự mới Bình Định',
    text: 'Ngày 10/7, Chủ tịch UBND tỉnh Bình Định bổ nhiệm ông Nguyễn Văn Tám giữ chức vụ Giám đốc Sở Tài chính tỉnh Bình Định.',
  },
  {
    id: 'nhan-su-ninh-binh',
    title: 'Nhân sự mới Ninh Bình',
    text: 'Ngày 5/3/2016, Chủ tịch UBND tỉnh Ninh Bình bổ nhiệm ông Trần Văn Hòa, sinh ngày 2/9/1965, giữ chức vụ Giám đốc Sở Công Thương tỉnh Ninh Bình.',
  },
  {
    // Figures, but none in millions: two people, a team number, a year of birth.
    id: 'tien-gia-lang-son',
    date: '2017-06-12',
    title: 'Bắt đối tượng vận chuyển tiền giả ở Lạng Sơn',
    text: 'Tổ công tác số 6 bắt hai người đi xe ôm từ Lạng Sơn về Hà Nội mang theo tiền giả, trong đó có Dương Minh Sáng (SN 1983).',
  },
  {
    id: 'tien-gia-cao-bang',
    date: '2017-06-13',
    title: 'Thu giữ tiền giả ở Cao Bằng',
    text: 'Công an Cao Bằng bắt Triệu Văn Hùng mang theo tiền giả. Hùng khai số tiền giả mang theo là 80 triệu đồng.',
  },
  ...harvestReports(['Cà Mau', 'Sơn La', 'Gia Lai']),
];

let index: Awaited<ReturnType<typeof indexBriefings>>;
beforeAll(async () => {
  index = await indexBriefings('frame-period-count-', BRIEFINGS);
});
afterAll(() => index?.close());
const ask = (question: string) => index.ask(question).answer;

describe('"bao nhiêu <thing counted>" is not answered with money', () => {
  it('does not give a sum written without its currency as a number of cars', () => {
    const answer = ask('Tháng 5/2017 Việt Nam nhập khẩu từ Mỹ bao nhiêu ô tô?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toContain('19 tỷ');
  });

  it('does not take the "tỷ" of "tỷ trọng" (a share) for a figure', () => {
    const answer = ask('Tháng 5/2017 Việt Nam nhập khẩu bao nhiêu ô tô hạng sang?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toContain('tỷ trọng');
  });

  it('still answers the sum when money is asked', () => {
    const answer = ask('Tháng 5/2017 Việt Nam xuất siêu sang Mỹ bao nhiêu tiền?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('32 tỷ USD');
  });
});

describe('"bao nhiêu triệu" asks a figure in millions', () => {
  it('is not answered by "hai người", a team number or a year of birth', () => {
    const answer = ask('Người đi xe ôm từ Lạng Sơn về Hà Nội mang bao nhiêu triệu tiền giả?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toContain('hai người');
  });

  it('is answered by the millions, asked with diacritics or in chat as "bn tr"', () => {
    for (const question of ['Ở Cao Bằng, Hùng mang theo bao nhiêu triệu tiền giả?', 'o cao bang hung mang theo bn tr tien gia']) {
      const answer = ask(question);
      expect(answer.status, question).toBe('answered');
      expect(answer.answer, question).toContain('80 triệu đồng');
      expect(answer.answer, question).not.toMatch(/^Công an Cao Bằng bắt/);
    }
  });
});

describe('"tháng 5" (one month) and "5 tháng" (the months to date) in the sentence answering', () => {
  it("does not give the five months' count for May", () => {
    const answer = ask('Tháng 5/2017 Việt Nam nhập khẩu bao nhiêu ô tô nguyên chiếc từ Indonesia?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toMatch(/^Tính chung/);
    expect(ask('5 tháng đầu năm 2017 Việt Nam nhập khẩu bao nhiêu ô tô nguyên chiếc từ Indonesia?').answer).toContain('38.000');
  });

  it("does not give May's count for the five months", () => {
    const answer = ask('5 tháng đầu năm 2017 các hợp tác xã mua bao nhiêu máy cày của Nhật Bản?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toMatch(/^Riêng tháng 5/);
    expect(ask('Tháng 5/2017 các hợp tác xã mua bao nhiêu máy cày của Nhật Bản?').answer).toContain('4.200');
  });

  it('answers either from a sentence that gives both', () => {
    expect(ask('Tháng 5/2017 Cảng Hải Phòng đón bao nhiêu lượt tàu biển?').answer).toContain('900 lượt');
    expect(ask('5 tháng đầu năm 2017 Cảng Hải Phòng đón bao nhiêu lượt tàu biển?').answer).toContain('3.100 lượt');
  });
});

describe('a year asked with "ai" must be the appointment\'s year', () => {
  it('gives the near miss for an undated appointment whose only years are birth dates', () => {
    const answer = ask('Năm 2016 Quảng Trị bổ nhiệm ai làm Giám đốc Sở Công Thương?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toMatch(/^Bổ nhiệm/);
  });

  it('gives no undated appointment that writes no year for a year asked', () => {
    const answer = ask('Năm 2016 Bình Định bổ nhiệm ai làm Giám đốc Sở Tài chính?');
    expect(answer.status).toBe('not_found');
    expect(answer.answer).not.toContain('Nguyễn Văn Tám');
    // Without a year asked it is the answer.
    expect(ask('Bình Định bổ nhiệm ai làm Giám đốc Sở Tài chính?').answer).toContain('Nguyễn Văn Tám');
  });

  it('does not take a term "nhiệm kỳ 2012-2017" for an election in 2016', () => {
    const answer = ask('Năm 2016 Khánh Hòa bầu ai làm Chủ tịch Liên minh hợp tác xã tỉnh?');
    expect(answer.status).toBe('not_found');
  });

  it('answers when the appointment is dated in the year asked', () => {
    const answer = ask('Năm 2016 Ninh Bình bổ nhiệm ai làm Giám đốc Sở Công Thương?');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('Trần Văn Hòa');
  });
});
