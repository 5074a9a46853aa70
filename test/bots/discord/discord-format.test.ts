import { describe, expect, it } from 'vitest';
import type { Citation } from '../../../src/answer/types.js';
import {
  answerPayloads,
  escapeText,
  fitEscaped,
  fullSourcesMessages,
  sourcesEmbed,
  streamingPreview,
} from '../../../src/bots/discord/format.js';
import { makeAnswer } from '../../helpers/fakes/fake-qa-service.js';

const citation = (n: number, overrides: Partial<Citation> = {}): Citation => ({
  n,
  docId: `doc-${n}`,
  title: `Bản tin ${n}`,
  source: 'TTXVN',
  url: `https://example.vn/${n}`,
  date: '2023-10-19',
  text: `Câu trích dẫn số ${n}.`,
  ...overrides,
});

function embedChars(e: { title?: string; description?: string; footer?: { text: string } }): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
}

describe('Discord formatting', () => {
  it('shows corpus markdown literally: bold, code, spoilers, headings, quotes, masked links', () => {
    const raw = '# Tiêu đề\n> trích\n-# nhỏ\n**đậm** `mã` ||ẩn|| [bấm](https://evil.example)';
    const escaped = escapeText(raw);
    expect(escaped).toBe('\\# Tiêu đề\n\\> trích\n\\-# nhỏ\n\\*\\*đậm\\*\\* \\`mã\\` \\|\\|ẩn\\|\\| \\[bấm](https://evil.example)');
  });

  it('leaves ordinary Vietnamese text and citation markers untouched', () => {
    const text = 'Vốn FDI tăng 140,3% so với cùng kỳ [1], GRDP tăng 10,78% [2].';
    expect(escapeText(text)).toBe(text);
  });

  it('cuts long text to the limit without leaving half an escape sequence', () => {
    const raw = `${'a'.repeat(95)}*****${'b'.repeat(50)}`;
    const fitted = fitEscaped(raw, 100);
    expect(fitted.length).toBeLessThanOrEqual(100);
    expect(fitted.endsWith('…')).toBe(true);
    expect(fitted).not.toMatch(/\\…$/);
  });

  it('lists sources with linked numbered titles, source and date, and the quote', () => {
    const embed = sourcesEmbed(makeAnswer({ citations: [citation(1), citation(2, { url: null, source: null })] }))!;
    expect(embed.description).toContain('**1. [Bản tin 1](https://example.vn/1)**\nTTXVN · 19/10/2023\n> “Câu trích dẫn số 1.”');
    expect(embed.description).toContain('**2. Bản tin 2**\n19/10/2023\n> “Câu trích dẫn số 2.”');
  });

  it('never turns a non-web URL into a link', () => {
    const embed = sourcesEmbed(makeAnswer({ citations: [citation(1, { url: 'javascript:alert(1)' })] }))!;
    expect(embed.description).not.toContain('javascript:');
    const [message] = fullSourcesMessages(makeAnswer({ citations: [citation(1, { url: 'file:///etc/passwd' })] }));
    expect(message!.embeds[0]!.url).toBeUndefined();
  });

  it('keeps a long source list within Discord embed limits and points to /sources', () => {
    const many = Array.from({ length: 40 }, (_, i) => citation(i + 1, { title: 'T'.repeat(180), text: 'x '.repeat(400) }));
    const embed = sourcesEmbed(makeAnswer({ citations: many }))!;
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embedChars(embed)).toBeLessThanOrEqual(6000);
    expect(embed.description).toMatch(/… và \d+ nguồn khác: dùng \/sources để xem đầy đủ\.$/);
    expect(embed.footer?.text).toContain('/sources');
  });

  it('gives not-found and invalid answers no sources', () => {
    expect(sourcesEmbed(makeAnswer({ status: 'not_found' }))).toBeNull();
    const payloads = answerPayloads(makeAnswer({ status: 'invalid', answer: 'Câu hỏi quá dài.' }));
    expect(payloads).toEqual([{ content: 'Câu hỏi quá dài.', embeds: [] }]);
  });

  it('spreads full citations over messages of at most 10 embeds and 6,000 characters', () => {
    const many = Array.from({ length: 25 }, (_, i) => citation(i + 1, { text: 'Dài. '.repeat(500) }));
    const messages = fullSourcesMessages(makeAnswer({ citations: many }));
    expect(messages.flatMap((m) => m.embeds)).toHaveLength(25);
    for (const m of messages) {
      expect(m.embeds.length).toBeLessThanOrEqual(10);
      expect(m.embeds.reduce((sum, e) => sum + embedChars(e), 0)).toBeLessThanOrEqual(6000);
      for (const e of m.embeds) expect(e.description!.length).toBeLessThanOrEqual(4096);
    }
  });

  it('keeps a streaming preview within one message', () => {
    expect(streamingPreview('Vốn FDI')).toBe('Vốn FDI …');
    expect(streamingPreview('chữ '.repeat(1000)).length).toBeLessThanOrEqual(2000);
  });
});
