import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQaService, servingOptions, type QaServiceOptions } from '../../src/answer/qa-service.js';
import type { Answer } from '../../src/answer/types.js';
import { loadCoreConfig, type CoreConfig } from '../../src/config/core-config.js';
import { databasePath } from '../../src/store/store.js';
import { log } from '../../src/log.js';
import { defaultConfig, ingestShippedCorpus } from '../helpers/shipped-qa.js';

/** Questions of every kind a bot gets: figures, no diacritics, what is new, out of the corpus. */
const QUESTIONS = [
  'FDI tăng bao nhiêu?',
  'fdi tang bao nhieu',
  'Hải Phòng thu hút bao nhiêu vốn FDI?',
  'Có tin gì mới?',
  'Tin mới nhất về Hải Phòng?',
  'Ai vô địch World Cup trên sao Hỏa?',
  'Du lịch Quảng Ninh năm nay thế nào?',
  'Kim ngạch xuất khẩu tăng bao nhiêu phần trăm?',
];

/** What a person sees of an answer. */
function seen(answer: Answer) {
  return { status: answer.status, answer: answer.answer, citations: answer.citations, mode: answer.mode.retrieval };
}

describe('answering on answer threads (the bots: one per core)', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function shippedIndex(): Promise<string> {
    const { indexDir, cleanup } = await ingestShippedCorpus();
    cleanups.push(cleanup);
    return indexDir;
  }

  /**
   * A service over the shipped corpus whose index file is then deleted: the main thread holds it
   * open, but a thread started from now on finds no index to open. Logged warnings are spied on.
   */
  async function serveThenLoseIndexFile(config: Partial<CoreConfig>, options: QaServiceOptions) {
    const indexDir = await shippedIndex();
    const qa = await createQaService(defaultConfig({ INDEX_DIR: indexDir, ...config }), options);
    cleanups.push(() => qa.close());
    fs.rmSync(databasePath(indexDir));
    return { qa, indexDir, warn: vi.spyOn(log, 'warn') };
  }

  it('questions asked at the same moment get the same answers as questions asked one by one', async () => {
    const indexDir = await shippedIndex();
    const threaded = await createQaService(defaultConfig({ INDEX_DIR: indexDir }), { answerThreads: 2 });
    cleanups.push(() => threaded.close());
    const alone = await createQaService(defaultConfig({ INDEX_DIR: indexDir }));
    cleanups.push(() => alone.close());
    const warn = vi.spyOn(log, 'warn');

    const together = await Promise.all([...QUESTIONS, ...QUESTIONS].map((q) => threaded.ask(q)));
    for (const [i, answer] of together.entries()) expect(seen(answer)).toEqual(seen(await alone.ask(QUESTIONS[i % QUESTIONS.length]!)));
    expect(together[0]!.answer).toContain('140,3%');
    expect(together[0]!.citations.length).toBeGreaterThan(0);
    expect(warn).not.toHaveBeenCalled(); // the threads answered: none stopped
  });

  it('when the threads cannot read the index, questions are still answered, on the main thread, with one log line saying why', async () => {
    const { qa: threaded, indexDir, warn } = await serveThenLoseIndexFile({}, { answerThreads: 2 });

    const answers = await Promise.all(QUESTIONS.slice(0, 3).map((q) => threaded.ask(q)));
    for (const answer of answers) expect(answer.status).toBe('answered');
    expect(answers[0]!.answer).toContain('140,3%');
    const lines = warn.mock.calls.filter(([fields]) => (fields as { event?: string }).event === 'answer-threads-off');
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines[0])).toContain(`No index at ${indexDir}`);
  });

  it("ANSWER_THREADS decides over the bots' default of one thread per core (up to 4), and a bad value is refused with what to write", async () => {
    expect(servingOptions().answerThreads).toBeGreaterThanOrEqual(1);
    expect(servingOptions().answerThreads).toBeLessThanOrEqual(4);
    expect(loadCoreConfig({ ANSWER_THREADS: '0' }).ANSWER_THREADS).toBe(0);
    expect(() => loadCoreConfig({ ANSWER_THREADS: 'many' })).toThrow(/ANSWER_THREADS.*whole number of threads/);
    // The former name still works, with one deprecation warning.
    const deprecation = vi.spyOn(log, 'warn');
    expect(loadCoreConfig({ RETRIEVAL_THREADS: '3' }).ANSWER_THREADS).toBe(3);
    expect(loadCoreConfig({ RETRIEVAL_THREADS: '3', ANSWER_THREADS: '1' }).ANSWER_THREADS).toBe(1);
    expect(deprecation.mock.calls.filter(([fields]) => (fields as { event?: string }).event === 'deprecated-setting')).toHaveLength(1);
    deprecation.mockRestore();

    // Set to 0, a bot retrieves on its main thread: a missing index file is never looked for again.
    const { qa, warn } = await serveThenLoseIndexFile({ ANSWER_THREADS: 0 }, servingOptions());
    expect((await qa.ask('FDI tăng bao nhiêu?')).answer).toContain('140,3%');
    expect(warn).not.toHaveBeenCalled();
  });
});
