import { describe, expect, it } from 'vitest';
import { plainToken, tokenize, tokenizeBoth, tokenizePlain } from '../../src/text/normalize.js';

/** The pattern the hand-written tokenizer reads (see `scanTokens`): its tokens are the specification. */
const TOKEN = /\d{1,64}(?:[.,/]\d{1,64}){0,8}|[\p{L}\p{M}]{1,64}(?:\d{1,64}[\p{L}\p{M}]{0,64}){0,8}/gu;

const TEXTS = [
  'FDI tăng 140,3% so với cùng kỳ; xuất khẩu đạt 3,055 tỷ USD (19/10/2023).',
  'Xổ số 6x36 mở thưởng thứ 4, lô tô 123 và Vietlott: 1.2.3.4.5.6.7.8.9.10.11 số',
  'a'.repeat(70) + ' ' + '9'.repeat(70) + ' x' + '1'.repeat(66) + 'y'.repeat(66),
  'Hoà, hòa, thuỷ, thủy — “Quý” ‘gì’… Đà Nẵng! TP.HCM, 𝐀𝐁 𝑥 😀 \ud800 lone',
  'Combining: a\u0301 e\u0323\u0302 ố, ǅ, ﬁ, Ⅻ, ١٢٣ digits',
];

describe('tokenize', () => {
  it.each(TEXTS)('finds the same tokens as the pattern, in order: %s', (text) => {
    const lower = text.normalize('NFC').toLowerCase();
    const expected = lower.match(TOKEN) ?? [];
    const got = tokenize(text);
    expect(got).toHaveLength(expected.length);
    // Canonical tone placement changes only marked syllables, never where a token starts or ends.
    expect(got.map((t) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))).toEqual(
      expected.map((t) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '')),
    );
    // A token of marks alone has no plain form, so the plain tokenizer has no token there.
    expect(tokenizePlain(text)).toEqual(got.map(plainToken).filter((t) => t !== ''));
  });

  it('gives the accented and plain tokens of a sentence together, as tokenize and plainToken do', () => {
    for (const text of TEXTS) {
      const both = tokenizeBoth(text);
      expect(both.accented).toEqual(tokenize(text));
      expect(both.plain).toEqual(tokenize(text).map(plainToken));
    }
  });

  it('puts the tone mark in one place, whichever orthography was typed', () => {
    expect(tokenize('Hoà thuỷ')).toEqual(tokenize('hòa thủy'));
  });
});
