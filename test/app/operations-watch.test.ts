import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQaService } from '../../src/answer/qa-service.js';
import type { QaService } from '../../src/answer/qa-service-types.js';
import { defaultConfig } from '../helpers/shipped-qa.js';
import { briefing, eventually, runProgram, tempDir, writeCorpus, type RunningProgram } from '../helpers/operations-helpers.js';

describe('npm run ingest -- --watch', () => {
  let tmp: { dir: string; cleanup: () => void };
  let corpus: string;
  let indexDir: string;
  let watcher: RunningProgram;
  let qa: QaService;

  /** The coffee figure the index gives for a province, or undefined while it has none. */
  async function figureFor(province: string): Promise<string | undefined> {
    const answer = await qa.ask(`Sản lượng cà phê của ${province} là bao nhiêu?`);
    const top = answer.passages[0]?.text ?? '';
    return top.includes(province) ? /đạt (\d+) tấn/.exec(top)?.[1] : undefined;
  }

  /** What triggered each run so far: one changed file's path, or "N files". */
  function runTriggers(): string[] {
    return [...watcher.stdout().matchAll(/Changes in (.*):\n/g)].map((m) => m[1]!);
  }

  beforeAll(async () => {
    tmp = tempDir('watch-');
    corpus = path.join(tmp.dir, 'corpus');
    indexDir = path.join(tmp.dir, 'index');
    writeCorpus(corpus, { 'dak-lak.jsonl': `${briefing('dak-lak', 'Đắk Lắk', '100', 'v1')}\n` });
    watcher = runProgram('src/cli/ingest.ts', [corpus, '--index', indexDir, '--watch', '--prune'], { WATCH_DEBOUNCE_MS: '700' });
    await watcher.waitForOutput(/Watching .* for changes/);
    qa = await createQaService(defaultConfig({ INDEX_DIR: indexDir }));
  }, 60_000);

  afterAll(async () => {
    watcher?.child.kill('SIGKILL');
    await qa?.close();
    tmp?.cleanup();
  });

  it('ingests the folder when it starts', async () => {
    expect(watcher.stdout()).toMatch(/Documents: 1 added/);
    expect(await figureFor('Đắk Lắk')).toBe('100');
  });

  it('ingests a file dropped into the folder, without being asked', async () => {
    writeCorpus(corpus, { 'gia-lai.jsonl': `${briefing('gia-lai', 'Gia Lai', '200', 'v1')}\n` });
    expect(await eventually(() => figureFor('Gia Lai'), 'Gia Lai to be ingested')).toBe('200');
    // The run is a child process: its summary reaches the watcher's output just after the commit readers see.
    await watcher.waitForOutput(/Changes in .*gia-lai\.jsonl/, 30_000);
  }, 60_000);

  it('re-ingests an edited file', async () => {
    writeCorpus(corpus, { 'dak-lak.jsonl': `${briefing('dak-lak', 'Đắk Lắk', '150', 'v2')}\n` });
    expect(await eventually(async () => ((await figureFor('Đắk Lắk')) === '150' ? '150' : undefined), 'the edit to be ingested')).toBe(
      '150',
    );
  }, 60_000);

  it('ingests a folder copied in all at once in one run, not one run per file', async () => {
    const runsBefore = runTriggers().length;
    const batch: Record<string, string> = {};
    for (const [i, province] of ['Lâm Đồng', 'Kon Tum', 'Đắk Nông', 'Bình Phước'].entries())
      batch[`lo-${i}.jsonl`] = `${briefing(`lo-${i}`, province, `30${i}`, 'v1')}\n`;
    writeCorpus(path.join(corpus, 'tay-nguyen'), batch);
    await eventually(() => (watcher.stdout().includes('Changes in 4 files') ? true : undefined), 'the batch to be ingested');
    // (A late event from the previous test's edit may add a run of its own; none may carry part of the batch.)
    const triggers = runTriggers()
      .slice(runsBefore)
      .filter((t) => !t.endsWith('dak-lak.jsonl'));
    expect(triggers).toEqual(['4 files']);
    expect(await figureFor('Bình Phước')).toBe('303');
  }, 60_000);

  it('ignores files it would not ingest (editor swap files, hidden files)', async () => {
    const runsBefore = runTriggers().length;
    fs.writeFileSync(path.join(corpus, '.dak-lak.jsonl.swp'), 'binary junk');
    fs.writeFileSync(path.join(corpus, 'notes.tmp'), 'scratch');
    // Then a real change, so the test knows the watcher has seen everything before it.
    writeCorpus(corpus, { 'quang-nam.jsonl': `${briefing('quang-nam', 'Quảng Nam', '400', 'v1')}\n` });
    expect(await eventually(() => figureFor('Quảng Nam'), 'Quảng Nam to be ingested')).toBe('400');
    await watcher.waitForOutput(/Changes in .*quang-nam\.jsonl/, 30_000);
    const triggers = runTriggers()
      .slice(runsBefore)
      .filter((t) => !t.endsWith('dak-lak.jsonl'));
    expect(triggers).toEqual([path.join(corpus, 'quang-nam.jsonl')]);
  }, 60_000);

  it('with --prune, a deleted file is removed from the index', async () => {
    fs.rmSync(path.join(corpus, 'gia-lai.jsonl'));
    await eventually(async () => ((await figureFor('Gia Lai')) === undefined ? true : undefined), 'Gia Lai to be removed');
  }, 60_000);

  it('stops cleanly on SIGTERM', async () => {
    watcher.child.kill('SIGTERM');
    expect((await watcher.exited).code).toBe(0);
    expect(watcher.stdout()).toContain('Stopped watching.');
    expect(fs.existsSync(path.join(indexDir, 'ingest.lock'))).toBe(false);
  }, 60_000);
});
