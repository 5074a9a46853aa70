import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQaService } from '../../src/answer/qa-service.js';
import type { Answer } from '../../src/answer/types.js';
import { IndexStore } from '../../src/store/store.js';
import { ingest } from '../../src/ingestion/ingest.js';
import { ReindexBusyError, Reindexer } from '../../src/ingestion/reindex.js';
import { log } from '../../src/log.js';
import { defaultConfig } from '../helpers/shipped-qa.js';
import { briefing, runProgram, runProgramSync, tempDir, writeCorpus } from '../helpers/operations-helpers.js';

const PROVINCES = ['Đắk Lắk', 'Gia Lai', 'Lâm Đồng', 'Kon Tum', 'Đắk Nông', 'Bình Phước'];

/** Each province's briefing in its own file, plus filler articles so ingestion takes a while. */
function corpusFiles(version: 'v1' | 'v2'): Record<string, string> {
  const files: Record<string, string> = {};
  PROVINCES.forEach((province, i) => {
    files[`tinh-${i}.jsonl`] = `${briefing(`tin-${i}`, province, figure(version, i), version)}\n`;
  });
  const filler = Array.from({ length: 400 }, (_, k) =>
    JSON.stringify({
      id: `phu-${k}`,
      title: `Tin thể thao số ${k}`,
      text: `Đội bóng số ${k} thắng trận thứ ${k} với tỷ số ${k % 5}-${k % 3}. Huấn luyện viên khen các cầu thủ ${version}. `.repeat(6),
    }),
  );
  files['the-thao.jsonl'] = `${filler.join('\n')}\n`;
  return files;
}

function figure(version: 'v1' | 'v2', i: number): string {
  return `${version === 'v1' ? 1 : 2}0${i}`;
}

/** The version every passage of an answer comes from ("v1", "v2"), from the "Bản tin vN." tag of the texts. */
function versionsIn(answer: Answer): Set<string> {
  return new Set(answer.passages.map((p) => /Bản tin (v\d)/.exec(p.text)?.[1] ?? 'other'));
}

describe('re-ingesting while people ask questions', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** The version-1 corpus (plus `extra` files) in a fresh folder, ingested into a fresh index. */
  async function ingestedCorpus(prefix: string, extra: Record<string, string> = {}): Promise<{ corpus: string; indexDir: string }> {
    const tmp = tempDir(prefix);
    cleanups.push(tmp.cleanup);
    const corpus = path.join(tmp.dir, 'corpus');
    const indexDir = path.join(tmp.dir, 'index');
    writeCorpus(corpus, { ...corpusFiles('v1'), ...extra });
    await ingest({ inputs: [corpus], indexDir, embedder: null });
    return { corpus, indexDir };
  }

  it.each([
    ['on the main thread', 0],
    ['on answer threads, as the bots do', 2],
  ])(
    'keeps answering during a /reindex of changed files, never from a half-written index, then answers from the new content without a restart (%s)',
    async (_where, answerThreads) => {
      const { corpus, indexDir } = await ingestedCorpus('live-', {
        'se-xoa.md': '# Quảng Trị: mùa hồ tiêu\n\nNông dân Quảng Trị thu hoạch hồ tiêu sớm, năng suất 9 tạ mỗi héc-ta.\n',
      });
      const qa = await createQaService(defaultConfig({ INDEX_DIR: indexDir, CORPUS_DIR: corpus }), { answerThreads });
      cleanups.push(() => qa.close());
      // As the app wires them: the reindexer only writes the index; the service follows it by itself.
      const reindexer = new Reindexer({ corpusDir: corpus, indexDir });
      cleanups.push(() => reindexer.stop());
      const warn = vi.spyOn(log, 'warn');

      // The admin edits every briefing, adds one and deletes one, then runs /reindex.
      writeCorpus(corpus, corpusFiles('v2'));
      fs.writeFileSync(
        path.join(corpus, 'moi.md'),
        '# Bình Định: cảng Quy Nhơn\n\nCảng Quy Nhơn đón tàu container 50.000 tấn đầu tiên vào tháng 5.\n',
      );
      fs.rmSync(path.join(corpus, 'se-xoa.md'));

      let done = false;
      const reindex = reindexer.reindex().finally(() => {
        done = true;
      });
      // A second admin's /reindex meanwhile is refused, and does not disturb the first.
      await expect(reindexer.reindex()).rejects.toBeInstanceOf(ReindexBusyError);
      const during: Answer[] = [];
      const errors: unknown[] = [];
      for (let i = 0; !done; i++) {
        try {
          during.push(await qa.ask(`Sản lượng cà phê của ${PROVINCES[i % PROVINCES.length]} là bao nhiêu?`));
        } catch (error) {
          errors.push(error);
        }
        // Lets the child's progress messages and exit through, as a bot's event loop would.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const summary = await reindex;

      expect(errors).toEqual([]);
      expect(during.length).toBeGreaterThan(PROVINCES.length); // the loop really overlapped the re-ingest
      for (const answer of during) {
        expect(answer.status).toBe('answered');
        // One answer never mixes the old and the new index.
        expect(versionsIn(answer).size).toBe(1);
      }
      // Once the new index was seen, the old one never came back.
      const seen = during.map((a) => [...versionsIn(a)][0]);
      // ('v1' sorts before 'v2': in order, no v1 answer comes after a v2 one.)
      expect(seen).toEqual([...seen].sort());

      expect(summary).toMatchObject({ added: 1, updated: PROVINCES.length + 400, removed: 1 });
      for (const [i, province] of PROVINCES.entries()) {
        const answer = await qa.ask(`Sản lượng cà phê của ${province} là bao nhiêu?`);
        expect(answer.answer).toContain(figure('v2', i));
        expect([...versionsIn(answer)]).toEqual(['v2']);
      }
      expect((await qa.ask('Cảng Quy Nhơn đón tàu bao nhiêu tấn?')).answer).toContain('50.000');
      const deleted = await qa.ask('Năng suất hồ tiêu Quảng Trị là bao nhiêu?');
      expect(deleted.passages.map((p) => p.text).join(' ')).not.toContain('hồ tiêu sớm');
      expect(warn).not.toHaveBeenCalled(); // no thread stopped: the threads followed the new index themselves
      // Once done, the next /reindex runs again, and finds nothing left to do.
      expect(await reindexer.reindex()).toMatchObject({ added: 0, updated: 0, removed: 0 });
    },
    120_000,
  );

  it('a re-ingest that commits in the middle of a question leaves that answer whole, and the next question sees all of it', async () => {
    const { corpus, indexDir } = await ingestedCorpus('live-mid-');
    const qa = await createQaService(defaultConfig({ INDEX_DIR: indexDir, CORPUS_DIR: corpus }));
    cleanups.push(() => qa.close());
    writeCorpus(corpus, corpusFiles('v2'));

    // A real ingestion process commits after the question's full-text search has found its rows
    // and before their passages are read: the moment a bot answering in a loop hits by chance.
    const readPassages = IndexStore.prototype.passagesByRowid;
    let reingest: { status: number | null } | null = null;
    vi.spyOn(IndexStore.prototype, 'passagesByRowid').mockImplementation(function (this: IndexStore, rowids) {
      reingest ??= runProgramSync('src/cli/ingest.ts', [corpus, '--index', indexDir]);
      return readPassages.call(this, rowids);
    });
    const question = 'Sản lượng cà phê của Gia Lai là bao nhiêu?';
    const answer = await qa.ask(question);
    expect(reingest).toMatchObject({ status: 0 });
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain(figure('v1', 1));
    expect([...versionsIn(answer)]).toEqual(['v1']);

    const next = await qa.ask(question);
    expect(next.answer).toContain(figure('v2', 1));
    expect([...versionsIn(next)]).toEqual(['v2']);
  }, 60_000);

  it('`npm run ask` reading questions from stdin picks up a re-ingest between two questions', async () => {
    const { corpus, indexDir } = await ingestedCorpus('live-ask-');

    const ask = runProgram('src/cli/ask.ts', ['--index', indexDir, '--json']);
    cleanups.push(() => ask.child.kill('SIGKILL'));
    const answerLine = async (n: number) => JSON.parse((await ask.waitForOutput(new RegExp(`^(?:.*\\n){${n - 1}}(.*)\\n`)))[1]!) as Answer;

    ask.child.stdin.write('Sản lượng cà phê của Gia Lai là bao nhiêu?\n');
    expect((await answerLine(1)).answer).toContain(figure('v1', 1));

    writeCorpus(corpus, corpusFiles('v2'));
    await ingest({ inputs: [corpus], indexDir, embedder: null });

    ask.child.stdin.write('Sản lượng cà phê của Gia Lai là bao nhiêu?\n');
    expect((await answerLine(2)).answer).toContain(figure('v2', 1));
    ask.child.stdin.end();
    expect((await ask.exited).code).toBe(0);
  }, 60_000);
});
