import { describe, expect, it } from 'vitest';
import {
  extractFigures,
  hasDiacritics,
  normalizeForMatch,
  numberTokens,
  removeDiacritics,
  removeDiacriticsByNormalizing,
  tokenize,
  tokenizePlain,
} from '../../src/text/normalize.js';

/** The same Vietnamese text as decomposed code points, as some keyboards and PDFs produce it. */
const nfd = (s: string) => s.normalize('NFD');

describe('matching forms of Vietnamese text', () => {
  it('treat composed and decomposed Unicode as the same text', () => {
    const composed = 'Khánh Hòa, Thừa Thiên Huế, Đắk Lắk';
    expect(nfd(composed)).not.toBe(composed); // the two really are different code points
    expect(normalizeForMatch(nfd(composed))).toBe(normalizeForMatch(composed));
    expect(tokenize(nfd(composed))).toEqual(tokenize(composed));
    expect(tokenizePlain(nfd(composed))).toEqual(tokenizePlain(composed));
  });

  it.each([
    ['hoà', 'hòa'],
    ['thuỷ', 'thủy'],
    ['Khánh Hoà', 'Khánh Hòa'],
    ['khoẻ', 'khỏe'],
    ['quý', 'qúy'],
    ['Thanh Hoá', 'Thanh Hóa'],
    ['HOÀ BÌNH', 'hòa bình'],
  ])('match the old and new tone placement "%s" / "%s"', (a, b) => {
    expect(normalizeForMatch(a)).toBe(normalizeForMatch(b));
    expect(tokenize(a)).toEqual(tokenize(b));
  });

  it('keep words that differ only by their tone apart', () => {
    expect(normalizeForMatch('hòa')).not.toBe(normalizeForMatch('hóa'));
    expect(normalizeForMatch('mưa')).not.toBe(normalizeForMatch('mua'));
    expect(tokenize('Đà Nẵng')).not.toEqual(tokenize('Đá Năng'));
  });

  it('are stable: normalising twice changes nothing', () => {
    const text = 'Thuỷ lợi Khánh Hoà: lượng mưa đạt 140,3% so với cùng kỳ, quý III.';
    const once = normalizeForMatch(text);
    expect(normalizeForMatch(once)).toBe(once);
  });

  it('change only letters: digits and punctuation are left exactly as written', () => {
    expect(normalizeForMatch('Tăng 140,3% (3,055 tỷ USD) ngày 19/10.')).toBe('tăng 140,3% (3,055 tỷ usd) ngày 19/10.');
  });
});

describe('diacritic-free matching', () => {
  it('removes every mark, including đ → d, so text typed without accents can match', () => {
    expect(removeDiacritics('Đà Nẵng, Thừa Thiên Huế, Bà Rịa – Vũng Tàu')).toBe('Da Nang, Thua Thien Hue, Ba Ria – Vung Tau');
    expect(removeDiacritics(nfd('Đồng Tháp'))).toBe('Dong Thap');
  });

  it('folds any text character by character exactly as decomposing, dropping the marks and composing again does', () => {
    const texts = [
      '\ufeffBản tin “Hải Phòng” – 9 tháng… ½ Ω Å ǅ ﬁ Ⅻ',
      nfd('Thừa Thiên Huế') + ' a\u0301 e\u0302\u0301 x\u0653\u0301 \u0301đầu',
      '한국어 ㄱㅏ 가\u11a8 — 🌊 Mỹ Khê 𝒜ạ',
      'lone \ud835 surrogate ơ',
      'Привет ё й Ἀθῆναι ﻼ ٱلْ',
    ];
    for (const text of texts) expect(removeDiacritics(text)).toBe(removeDiacriticsByNormalizing(text));
    expect(removeDiacritics('\ufeffĐà Nẵng')).toBe('\ufeffDa Nang');
  });

  it('gives the same plain tokens for accented text and the same words typed without accents', () => {
    expect(tokenizePlain('FDI của Hải Phòng tăng bao nhiêu?')).toEqual(tokenizePlain('fdi cua hai phong tang bao nhieu'));
    expect(tokenizePlain('Khánh Hoà')).toEqual(['khanh', 'hoa']);
  });

  it('lists the number tokens of a text as tokenize does, and not the digits inside a word', () => {
    const text = 'Covid19 lan ra 12 tỉnh; FDI tăng 140,3% lên 3.055,5 triệu USD ngày 19/10/2023, 2 lần.';
    expect(numberTokens(text)).toEqual(tokenize(text).filter((t) => /^\d/.test(t)));
    expect(numberTokens(text)).toEqual(['12', '140,3', '3.055,5', '19/10/2023', '2']);
  });

  it('tells accented questions from accent-free ones', () => {
    expect(hasDiacritics('FDI tăng bao nhiêu?')).toBe(true);
    expect(hasDiacritics(nfd('Hà Nội'))).toBe(true);
    expect(hasDiacritics('fdi tang bao nhieu')).toBe(false);
    expect(hasDiacritics('GRDP 2023: 3,055')).toBe(false);
  });
});

describe('numbers', () => {
  const sentence = 'FDI đạt 3,055 tỷ USD, tăng 140,3%; đón 134.000 lượt khách ngày 19/10 và 19/10/2023.';

  it.each(['3,055', '134.000', '140,3', '19/10', '19/10/2023'])('keep "%s" as one token, accented or not', (figure) => {
    expect(tokenize(sentence)).toContain(figure);
    expect(tokenizePlain(sentence)).toContain(figure);
  });

  it('do not swallow the comma or full stop that ends a clause after them', () => {
    const tokens = tokenize('Tăng 3,055. Sau đó 12, 13 và 14.');
    expect(tokens).toContain('3,055');
    expect(tokens).toContain('12');
    expect(tokens).toContain('13');
    expect(tokens).toContain('14');
    expect(tokens.some((t) => /[.,]$/.test(t))).toBe(false);
  });

  it('are extracted as figures the same however the percent sign is spaced', () => {
    expect(extractFigures('tăng 140,3 %')).toEqual(extractFigures('tăng 140,3%'));
    expect(extractFigures(sentence)).toEqual(['3,055', '140,3%', '134.000', '19/10', '19/10/2023']);
  });
});
