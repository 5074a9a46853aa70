import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/text/normalize.js';
import { findParaphrases, PARAPHRASES } from '../../src/text/paraphrases.js';

const written = (question: string, accented = true) =>
  findParaphrases(tokenize(question), accented).flatMap((m) => m.written.map((w) => w.join(' ')));

describe('the paraphrase lexicon', () => {
  it('holds general entries, by domain (at least 80)', () => {
    expect(PARAPHRASES.length).toBeGreaterThanOrEqual(80);
    for (const e of PARAPHRASES) {
      expect(e.asked.length).toBeGreaterThan(0);
      expect(e.written.length).toBeGreaterThan(0);
    }
  });

  it('gives the news phrasing of an everyday one, with or without diacritics', () => {
    expect(written('Dự án này tốn kém cỡ nào?')).toContain('kinh phí');
    expect(written('du an nay ton kem co nao', false)).toContain('kinh phí');
    expect(written('Hải Phòng bán ra nước ngoài bao nhiêu?')).toContain('xuất khẩu');
    expect(written('Nhà đầu tư ngoại rót vốn vào đâu?')).toEqual(expect.arrayContaining(['đầu tư nước ngoài', 'fdi', 'thu hút đầu tư']));
  });

  it('reads one-syllable phrasings only with their marks ("đỗ", not "do")', () => {
    expect(written('Bao nhiêu em thi đỗ?')).toContain('đỗ tốt nghiệp');
    expect(written('do dau bao nhieu', false)).toEqual([]);
  });

  it('says where the phrasing is, longest first, and adds nothing the question already says', () => {
    const [m] = findParaphrases(tokenize('Hàng mua từ nước ngoài tăng không?'), true);
    expect(m).toMatchObject({ start: 1, end: 5 });
    expect(written('Nhập khẩu mua từ nước ngoài tăng không?')).not.toContain('nhập khẩu');
  });
});
