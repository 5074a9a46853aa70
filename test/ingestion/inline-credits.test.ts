import { describe, expect, it } from 'vitest';
import { stripInlinePhotoCredits } from '../../src/ingestion/furniture.js';
import { loadFile } from '../../src/ingestion/load-file.js';

describe('photo credits flattened into a news body', () => {
  it.each([
    ['Siêu thị luôn đông khách. Ảnh: Quốc Việt - TTXVN  Đầu tư của tỉnh tăng 12%.', 'Siêu thị luôn đông khách.  Đầu tư của tỉnh tăng 12%.'],
    ['Quang cảnh hội nghị (Ảnh: Hoàng Ngọc/TTXVN). FDI đạt 3,055 tỷ USD.', 'Quang cảnh hội nghị. FDI đạt 3,055 tỷ USD.'],
    ['Cảng Hải Phòng. Ảnh: TTXVN Theo đó, sản lượng tăng 13,79%.', 'Cảng Hải Phòng. Theo đó, sản lượng tăng 13,79%.'],
    ['Lễ hội đầu xuân. Ảnh: vinaculto  Đây là lễ hội truyền thống.', 'Lễ hội đầu xuân.  Đây là lễ hội truyền thống.'],
    ['Giá rớt. Ảnh: VTC News Thương lái không thu mua.', 'Giá rớt. Thương lái không thu mua.'],
    ['Ảnh minh họa. Nguồn Internet Ngày 6/2/2016, nhà máy nhận giấy phép.', ' Ngày 6/2/2016, nhà máy nhận giấy phép.'],
    // A short name closed by a full stop.
    ['Giá nhân công rẻ. Ảnh: Christina Larson. Các nhà máy tăng ca.', 'Giá nhân công rẻ. Các nhà máy tăng ca.'],
    // A short name before a word that opens sentences ("Trong", "Tại", "TS").
    [
      'Đội tuyển Vật lý. Ảnh: Mỹ Hà Trong số các đội tham dự, Hà Nội dẫn đầu.',
      'Đội tuyển Vật lý. Trong số các đội tham dự, Hà Nội dẫn đầu.',
    ],
    ['Lễ bổ nhiệm. Ảnh: NGUYỄN TRI Tại lễ bổ nhiệm, hiệu trưởng phát biểu.', 'Lễ bổ nhiệm. Tại lễ bổ nhiệm, hiệu trưởng phát biểu.'],
    [
      'Ngày hội đầu tư - Ảnh: Báo Bà Rịa-Vũng Tàu Tại ngày hội, tỉnh trao giấy chứng nhận.',
      'Ngày hội đầu tư. Tại ngày hội, tỉnh trao giấy chứng nhận.',
    ],
  ])('removes the credit and keeps every sentence: %s', (input, expected) => {
    expect(stripInlinePhotoCredits(input)).toBe(expected);
  });

  it('gives a caption that ran into the next sentence its full stop back, so the two are not read as one', () => {
    expect(stripInlinePhotoCredits('Nhà ở xã hội giá 100 triệu đồng - Ảnh: Zing Thứ nhất: quỹ đất dồi dào.')).toBe(
      'Nhà ở xã hội giá 100 triệu đồng. Thứ nhất: quỹ đất dồi dào.',
    );
  });

  it("leaves an outlet's name alone when it is not a credit", () => {
    for (const text of ['Theo nguồn tin của Reuters, giá dầu tăng.', 'Phóng viên AP cho biết.', 'Nguồn: Tổng cục Thống kê.'])
      expect(stripInlinePhotoCredits(text)).toBe(text);
  });

  it('leaves a credit alone when its end cannot be told from the next sentence', () => {
    for (const text of [
      'Ảnh: Yến Dư Nhìn nhận một cách thẳng thắn vấn đề này, Phó Thủ tướng nói.',
      // "Q." is an initial, not the end of the credit; "Cá Ông" is a name, not "Ông …" opening a sentence.
      'Khách mua vàng. Ảnh: Q. Lan Chi nhánh Agribank thuê thêm bảo vệ.',
      'Lăng thờ cá voi. Ảnh: Chu Phương Cá Ông ở vùng đất Cồn Bửng được thờ phụng.',
    ])
      expect(stripInlinePhotoCredits(text)).toBe(text);
  });

  it('leaves text without credits untouched, including the word "ảnh" in a sentence', () => {
    const text = 'Triển lãm ảnh về Hải Phòng thu hút 5.000 lượt khách; ảnh hưởng của bão giảm.';
    expect(stripInlinePhotoCredits(text)).toBe(text);
  });

  it('is applied to JSONL records, so no answer quotes a photographer', async () => {
    const line = JSON.stringify({
      id: 'a',
      title: 'Cảng biển',
      text: 'Cảng đông tàu. Ảnh: Thống Nhất/TTXVN Sản lượng hàng hóa qua cảng đạt 43 triệu tấn.',
    });
    const result = await loadFile('news.jsonl', 'news.jsonl', Buffer.from(line));
    expect(result.ok && result.documents[0]!.text).toBe('Cảng đông tàu. Sản lượng hàng hóa qua cảng đạt 43 triệu tấn.');
  });
});
