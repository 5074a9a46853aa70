import { describe, expect, it } from 'vitest';
import { splitTelegramHtml } from '../../../src/bots/telegram/split-html.js';
import { telegramHtmlToText } from '../../helpers/fakes/fake-telegram-api.js';

describe('splitting Telegram HTML into messages', () => {
  it('leaves a message that fits alone', () => {
    expect(splitTelegramHtml('<b>Ngắn</b> &amp; gọn', 100)).toEqual(['<b>Ngắn</b> &amp; gọn']);
  });

  it('cuts on line breaks when a line boundary fits', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `Dòng số ${i} có <i>chữ nghiêng</i> &amp; ký hiệu`);
    const parts = splitTelegramHtml(lines.join('\n'), 200);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(200);
      for (const line of part.split('\n')) expect(lines).toContain(line);
    }
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });

  it('closes a tag open at a cut and reopens it in the next part, so every part is valid', () => {
    const words = Array.from({ length: 400 }, (_, i) => `chữ${i}`);
    const html = `Mở đầu <a href="https://vd.vn/?a=1&amp;b=2"><b>${words.join(' ')}</b></a> kết`;
    const parts = splitTelegramHtml(html, 300);
    expect(parts.length).toBeGreaterThan(5);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(300);
    expect(parts[1]!.startsWith('<a href="https://vd.vn/?a=1&amp;b=2"><b>')).toBe(true);
    const texts = parts.map(telegramHtmlToText); // throws on any broken tag or entity
    expect(texts.join(' ')).toBe(`Mở đầu ${words.join(' ')} kết`);
  });

  it('never cuts inside an entity or a surrogate pair, even in text without spaces', () => {
    const html = '&lt;&amp;😀'.repeat(200);
    const parts = splitTelegramHtml(html, 100);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map(telegramHtmlToText).join('')).toBe('<&😀'.repeat(200));
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(100);
      expect(loneSurrogate.test(part)).toBe(false);
    }
  });
});
