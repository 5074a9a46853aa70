import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQaService } from '../../src/answer/qa-service.js';
import type { QaService } from '../../src/answer/qa-service-types.js';
import { ingest } from '../../src/ingestion/ingest.js';
import { defaultConfig } from '../helpers/shipped-qa.js';
import { briefing, runProgram, tempDir, writeCorpus } from '../helpers/operations-helpers.js';
import { inspectIndex } from '../helpers/inspect-index.js';

const PROVINCES = ['Đắk Lắk', 'Gia Lai', 'Lâm Đồng', 'Kon Tum'];

/** Two files, so a run can be killed after writing the first and before the second. */
function corpusVersion(figure: (i: number) => string, version: string): Record<string, string> {
  const line = (i: number) => briefing(`tin-${i}`, PROVINCES[i]!, figure(i), version);
  return { 'a.jsonl': `${line(0)}\n${line(1)}\n`, 'b.jsonl': `${line(2)}\n${line(3)}\n` };
}

/** The coffee output the index currently gives for each province, by asking as a user would. */
async function figuresAnswered(qa: QaService): Promise<string[]> {
  const out: string[] = [];
  for (const province of PROVINCES) {
    const answer = await qa.ask(`Sản lượng cà phê của ${province} là bao nhiêu?`);
    expect(answer.status).toBe('answered');
    out.push(/đạt (\d+) tấn/.exec(answer.passages[0]!.text)?.[1] ?? '?');
  }
  return out;
}

/** What a freshly started bot would see: a new reader over the index folder. */
async function figuresInFreshReader(indexDir: string): Promise<string[]> {
  const qa = await createQaService(defaultConfig({ INDEX_DIR: indexDir }));
  try {
    return await figuresAnswered(qa);
  } finally {
    await qa.close();
  }
}

function integrity(indexDir: string): string {
  return inspectIndex(indexDir, (db) => db.pragma('integrity_check', { simple: true }) as string);
}

describe('kill -9 of ingestion', () => {
  let tmp: { dir: string; cleanup: () => void };
  let corpus: string;
  let indexDir: string;
  let qa: QaService;
  const V1 = ['101', '102', '103', '104'];
  const V2 = ['201', '202', '203', '204'];

  beforeAll(async () => {
    tmp = tempDir('crash-');
    corpus = path.join(tmp.dir, 'corpus');
    indexDir = path.join(tmp.dir, 'index');
    writeCorpus(
      corpus,
      corpusVersion((i) => V1[i]!, 'v1'),
    );
    await ingest({ inputs: [corpus], indexDir, embedder: null });
    qa = await createQaService(defaultConfig({ INDEX_DIR: indexDir }));
    expect(await figuresAnswered(qa)).toEqual(V1);
    // The admin edits every briefing; the runs below are killed before they can commit it.
    writeCorpus(
      corpus,
      corpusVersion((i) => V2[i]!, 'v2'),
    );
  });
  afterAll(async () => {
    await qa?.close();
    tmp?.cleanup();
  });

  for (const point of ['locked', 'file-written', 'before-commit'] as const) {
    it(`at "${point}" leaves the previous index fully usable, for a running bot and a new one`, async () => {
      const run = runProgram('src/cli/ingest.ts', [corpus, '--index', indexDir], { INGEST_TEST_PAUSE_AT: point });
      try {
        await run.waitForOutput(new RegExp(`INGEST_PAUSED_AT ${point}`));
        // While the writer holds its transaction open, readers keep answering from the old index.
        expect(await figuresAnswered(qa)).toEqual(V1);
        run.child.kill('SIGKILL');
        expect((await run.exited).signal).toBe('SIGKILL');
      } finally {
        run.child.kill('SIGKILL');
      }
      expect(await figuresAnswered(qa)).toEqual(V1);
      expect(await figuresInFreshReader(indexDir)).toEqual(V1);
      expect(integrity(indexDir)).toBe('ok');
      // The dead run's lock is still on disk; the next run must not be blocked by it.
      expect(fs.existsSync(path.join(indexDir, 'ingest.lock'))).toBe(true);
    }, 60_000);
  }

  it('the next run takes over the dead lock and completes the work; the running bot sees it without a restart', async () => {
    const run = runProgram('src/cli/ingest.ts', [corpus, '--index', indexDir]);
    const exit = await run.exited;
    expect(run.stderr()).not.toMatch(/Another ingestion/);
    expect(exit.code).toBe(0);
    expect(run.stdout()).toMatch(/Documents: 0 added, 4 updated, 0 unchanged/);
    expect(await figuresAnswered(qa)).toEqual(V2);
    expect(await figuresInFreshReader(indexDir)).toEqual(V2);
    expect(fs.existsSync(path.join(indexDir, 'ingest.lock'))).toBe(false);
  }, 60_000);

  it('right after COMMIT, the new content is there in full and the following run has nothing left to do', async () => {
    const V3 = ['301', '302', '303', '304'];
    writeCorpus(
      corpus,
      corpusVersion((i) => V3[i]!, 'v3'),
    );
    const run = runProgram('src/cli/ingest.ts', [corpus, '--index', indexDir], { INGEST_TEST_PAUSE_AT: 'committed' });
    try {
      await run.waitForOutput(/INGEST_PAUSED_AT committed/);
      run.child.kill('SIGKILL');
      await run.exited;
    } finally {
      run.child.kill('SIGKILL');
    }
    expect(await figuresAnswered(qa)).toEqual(V3);
    expect(integrity(indexDir)).toBe('ok');

    const again = runProgram('src/cli/ingest.ts', [corpus, '--index', indexDir]);
    expect((await again.exited).code).toBe(0);
    expect(again.stdout()).toMatch(/Documents: 0 added, 0 updated, 4 unchanged/);
    expect(await figuresInFreshReader(indexDir)).toEqual(V3);
  }, 60_000);
});

describe('kill -9 of a first ingestion (no index yet)', () => {
  it('leaves no index at all, not half of one, and the next run builds it whole', async () => {
    const tmp = tempDir('crash-first-');
    const corpus = path.join(tmp.dir, 'corpus');
    const indexDir = path.join(tmp.dir, 'index');
    try {
      writeCorpus(
        corpus,
        corpusVersion((i) => `10${i + 1}`, 'v1'),
      );
      const run = runProgram('src/cli/ingest.ts', [corpus, '--index', indexDir], { INGEST_TEST_PAUSE_AT: 'file-written' });
      try {
        await run.waitForOutput(/INGEST_PAUSED_AT file-written/);
        run.child.kill('SIGKILL');
        expect((await run.exited).signal).toBe('SIGKILL');
      } finally {
        run.child.kill('SIGKILL');
      }
      // A bot started now says there is no index yet, as before the first ingestion.
      await expect(createQaService(defaultConfig({ INDEX_DIR: indexDir }))).rejects.toThrow(/No index/);

      const again = runProgram('src/cli/ingest.ts', [corpus, '--index', indexDir]);
      expect((await again.exited).code).toBe(0);
      expect(again.stdout()).toMatch(/Documents: 4 added/);
      expect(await figuresInFreshReader(indexDir)).toEqual(['101', '102', '103', '104']);
      expect(integrity(indexDir)).toBe('ok');
      // The dead run's unfinished build is gone.
      expect(fs.readdirSync(indexDir).filter((f) => f.includes('building'))).toEqual([]);
    } finally {
      tmp.cleanup();
    }
  }, 60_000);
});
