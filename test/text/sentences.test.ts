import { describe, expect, it } from 'vitest';
import { countWords, splitSentences } from '../../src/text/sentences.js';

describe('sentence splitting', () => {
  it('splits after . ! ? and … when a new sentence starts', () => {
    expect(splitSentences('Hội nghị khai mạc. Ai dự? Rất đông người! Sau đó… Kết thúc.')).toEqual([
      'Hội nghị khai mạc.',
      'Ai dự?',
      'Rất đông người!',
      'Sau đó…',
      'Kết thúc.',
    ]);
  });

  it('never splits inside a number', () => {
    const text = 'FDI đạt 3,055 tỷ USD, tăng 140,3%. Đón 134.000 lượt khách. Ngày 19/10 có hội nghị. Tỷ lệ 2.5 lần.';
    const sentences = splitSentences(text);
    expect(sentences).toEqual([
      'FDI đạt 3,055 tỷ USD, tăng 140,3%.',
      'Đón 134.000 lượt khách.',
      'Ngày 19/10 có hội nghị.',
      'Tỷ lệ 2.5 lần.',
    ]);
  });

  it('does not split after common abbreviations or an initial', () => {
    expect(splitSentences('TP. Hồ Chí Minh tăng 8%. GS. TS. Nguyễn Văn A phát biểu. Ông B. Trần đồng ý.')).toEqual([
      'TP. Hồ Chí Minh tăng 8%.',
      'GS. TS. Nguyễn Văn A phát biểu.',
      'Ông B. Trần đồng ý.',
    ]);
  });

  it('splits before a sentence that starts with a number or a quotation', () => {
    expect(splitSentences('Năm 2017 khởi sắc. 15 tỉnh tham gia. "Rất tốt", ông nói.')).toEqual([
      'Năm 2017 khởi sắc.',
      '15 tỉnh tham gia.',
      '"Rất tốt", ông nói.',
    ]);
  });

  it('ends a sentence at a line break even without punctuation, and drops blank lines', () => {
    expect(splitSentences('Tiêu đề không dấu chấm\n\n  Đoạn một.  \nĐoạn hai')).toEqual([
      'Tiêu đề không dấu chấm',
      'Đoạn một.',
      'Đoạn hai',
    ]);
  });

  it('loses no text: the sentences joined are the input, whitespace aside', () => {
    const text =
      'TTXVN - Ngày 19/10, Hội nghị Thành ủy Hải Phòng lần thứ XIII đã họp. GRDP tăng 10,06%! ' +
      'Vì sao? Xuất khẩu đạt 26,7 tỷ USD…\nThu ngân sách 134.000 tỷ đồng.';
    expect(splitSentences(text).join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
    expect(splitSentences('   \n\n ')).toEqual([]);
  });
});

describe('word count', () => {
  it('counts whitespace-separated words, numbers included', () => {
    expect(countWords('  FDI đạt 3,055 tỷ USD,\ttăng 140,3%. ')).toBe(7);
    expect(countWords('')).toBe(0);
  });

  it('separates words at every kind of space a pasted text carries, as the chunker always has', () => {
    const spaces = ['\u00a0', '\u2003', '\u202f', '\u3000', '\ufeff', '\u2028', '\v', '\f', '\r\n'];
    for (const space of spaces) expect(countWords(`Hải${space}Phòng${space}${space}tăng`)).toBe(3);
    // Zero-width and joining characters are not spaces: the word stays whole.
    expect(countWords('Hải\u200bPhòng\u200dtăng 👍🏽')).toBe(2);
  });
});
