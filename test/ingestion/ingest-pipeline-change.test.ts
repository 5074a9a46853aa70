import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingestion/ingest.js';
import { retrieveFrom } from '../helpers/briefing-index.js';
import { tempDir, writeCorpus } from '../helpers/operations-helpers.js';
import { markIndexAsOlderPipeline } from '../helpers/inspect-index.js';

function topDocument(indexDir: string, question: string): string | undefined {
  return retrieveFrom(indexDir, question, 1)[0]?.docId;
}

let tmp: { dir: string; cleanup: () => void };
let indexDir: string;
let north: string;
let south: string;

beforeEach(async () => {
  tmp = tempDir('pipeline-change-');
  indexDir = path.join(tmp.dir, 'index');
  north = path.join(tmp.dir, 'north');
  south = path.join(tmp.dir, 'south');
  writeCorpus(north, {
    'lao-cai.md':
      '---\ntitle: Lào Cai đón khách\nregion: Lào Cai\ndate: 2024-01-31\n---\n\nSa Pa đón 2,5 triệu lượt khách du lịch trong năm.\n',
  });
  writeCorpus(south, {
    'ca-mau.md': '---\ntitle: Cà Mau xuất khẩu tôm\nregion: Cà Mau\ndate: 2024-01-31\n---\n\nXuất khẩu tôm của Cà Mau đạt 1,1 tỷ USD.\n',
  });
  await ingest({ inputs: [north], indexDir, embedder: null });
  await ingest({ inputs: [south], indexDir, embedder: null });
});
afterEach(() => tmp?.cleanup());

describe('re-ingesting after the indexing pipeline changed', () => {
  it('re-processes every document it reads and reports them as updated', async () => {
    markIndexAsOlderPipeline(indexDir);
    const summary = await ingest({ inputs: [north, south], indexDir, embedder: null });
    expect(summary).toMatchObject({ added: 0, updated: 2, unchanged: 0, removed: 0 });
    expect(topDocument(indexDir, 'Sa Pa đón bao nhiêu khách?')).toBe('lao-cai');
    expect(topDocument(indexDir, 'xuat khau tom ca mau')).toBe('ca-mau');
  });

  it('keeps the documents of folders this run was not asked to read', async () => {
    markIndexAsOlderPipeline(indexDir);
    const summary = await ingest({ inputs: [north], indexDir, embedder: null });
    expect(summary.removed).toBe(0);
    expect(topDocument(indexDir, 'Sa Pa đón bao nhiêu khách?')).toBe('lao-cai');
    expect(topDocument(indexDir, 'Xuất khẩu tôm Cà Mau đạt bao nhiêu?')).toBe('ca-mau');
  });

  it('with --prune, removes the documents whose files are gone and keeps the rest', async () => {
    fs.rmSync(path.join(south, 'ca-mau.md'));
    markIndexAsOlderPipeline(indexDir);
    const summary = await ingest({ inputs: [north, south], indexDir, embedder: null, prune: true });
    expect(summary.removed).toBe(1);
    expect(topDocument(indexDir, 'Xuất khẩu tôm Cà Mau đạt bao nhiêu?')).toBeUndefined();
    expect(topDocument(indexDir, 'Sa Pa đón bao nhiêu khách?')).toBe('lao-cai');
  });
});
