import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createProgressReporter } from '../../src/cli/progress-reporter.js';
import { formatSummary } from '../../src/cli/format-summary.js';
import { ingest } from '../../src/ingestion/ingest.js';
import type { IngestSummary } from '../../src/ingestion/types.js';
import { tempDir, writeCorpus } from '../helpers/operations-helpers.js';

const summary = (overrides: Partial<IngestSummary> = {}): IngestSummary => ({
  filesRead: 1,
  added: 35_439,
  updated: 0,
  unchanged: 0,
  removed: 0,
  chunks: 143_021,
  embedded: 0,
  skipped: [],
  seconds: 61.2,
  ...overrides,
});

describe('what npm run ingest prints', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  it('counts with thousands separators, as Vietnamese readers write them', () => {
    const text = formatSummary(summary());
    expect(text).toContain('Documents: 35.439 added');
    expect(text).toContain('Chunks in index: 143.021');
  });

  it('groups skipped lines by reason, with the count and the first five line numbers', () => {
    const bad = [3, 7, 9, 12, 15, 18, 21].map((n) => ({
      path: 'news.jsonl',
      reason: `line ${n} skipped: malformed JSON at column ${n * 2}`,
    }));
    const text = formatSummary(
      summary({
        skipped: [
          { path: 'scan.pdf', reason: 'unsupported file type' },
          ...bad,
          { path: 'news.jsonl', reason: 'line 30 skipped: missing "text"' },
        ],
      }),
    );
    expect(text).toContain('  - scan.pdf: unsupported file type');
    expect(text).toContain('  - news.jsonl: 7 lines skipped: malformed JSON (lines 3, 7, 9, 12, 15, …)');
    expect(text).toContain('  - news.jsonl: line 30: missing "text"');
    expect(text.split('\n').filter((l) => l.startsWith('  - '))).toHaveLength(3);
  });

  it('shows progress within one big file in records, not "0/1"', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
    let written = '';
    (stream as unknown as PassThrough).on('data', (d: Buffer) => (written += d.toString()));
    const reporter = createProgressReporter(stream);
    for (let records = 1000; records <= 25_000; records += 1000)
      reporter.onProgress({ phase: 'read', done: 0, total: 1, file: 'news.jsonl', records });
    reporter.stop();
    expect(written).toContain('read: news.jsonl: 10.000 records\n');
    expect(written).toContain('read: news.jsonl: 20.000 records\n');
    expect(written.split('\n').filter((l) => l.includes('records'))).toHaveLength(2);
  });

  it('indexes a record that has a summary but no text from its summary', async () => {
    const tmp = tempDir('summary-only-');
    cleanups.push(tmp.cleanup);
    const corpus = path.join(tmp.dir, 'corpus');
    writeCorpus(corpus, {
      'news.jsonl': [
        JSON.stringify({ id: 'a', title: 'Cà Mau nuôi tôm', summary: 'Sản lượng tôm của Cà Mau đạt 210.000 tấn, tăng 5%.' }),
        JSON.stringify({ id: 'b', title: 'Không có gì' }),
      ].join('\n'),
    });
    const result = await ingest({ inputs: [corpus], indexDir: path.join(tmp.dir, 'index'), embedder: null });
    expect(result.added).toBe(1);
    expect(result.skipped).toEqual([
      { path: 'news.jsonl', reason: 'line 2 skipped: missing "text" (the body of the briefing) and "summary"' },
    ]);
  });
});
