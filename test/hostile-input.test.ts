import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANSWER_LIMITS } from '../src/answer/bound-answer.js';
import { IndexStore } from '../src/index/store.js';
import { MAX_CHUNK_CHARS } from '../src/ingestion/chunker.js';
import { runProgram, tempDir, writeCorpus, type RunningProgram } from './operations-helpers.js';

/** Runs a CLI to the end; resolves with its exit code and output. */
async function finish(program: RunningProgram): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { code } = await program.exited;
  return { code, stdout: program.stdout(), stderr: program.stderr() };
}

let tmp: { dir: string; cleanup: () => void };
let corpus: string;
let indexDir: string;
beforeEach(() => {
  tmp = tempDir('hostile-input-');
  corpus = path.join(tmp.dir, 'corpus');
  indexDir = path.join(tmp.dir, 'index');
  fs.mkdirSync(corpus);
});
afterEach(() => tmp.cleanup());

const ingestCli = (args: string[] = [corpus], env: Record<string, string> = {}) => finish(runProgram('src/cli/ingest.ts', [...args, '--index', indexDir], env));
const askCli = (question: string) => finish(runProgram('src/cli/ask.ts', ['--index', indexDir, '--json', question]));

function chunkLengths(): number[] {
  const store = IndexStore.openForRead(indexDir);
  try {
    return store.db.prepare('SELECT length(text) FROM chunks').pluck().all() as number[];
  } finally {
    store.close();
  }
}

describe('npm run ingest on hostile input', () => {
  it('cuts a 3 MB one-line Markdown file into bounded chunks, and a question about it gets a bounded answer', async () => {
    const words = ['thành', 'phố', 'hải', 'phòng', 'tăng', 'trưởng', 'kinh', 'tế', 'vốn', 'đầu', 'tư', 'cảng', 'biển'];
    const filler = (n: number) => Array.from({ length: n }, (_, i) => words[(i * 7) % words.length]).join(' ');
    const line = `${filler(225_000)} kim ngạch xuất khẩu thủy sản đạt 3,055 tỷ USD ${filler(225_000)}`;
    writeCorpus(corpus, { 'mot-dong.md': `# Bản tin một dòng\n\n${line}\n` });
    const { code, stdout, stderr } = await ingestCli();
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/1 added/);
    const lengths = chunkLengths();
    expect(lengths.length).toBeGreaterThan(1000);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(MAX_CHUNK_CHARS);

    const asked = await askCli('Kim ngạch xuất khẩu thủy sản đạt bao nhiêu?');
    expect(asked.code, asked.stderr).toBe(0);
    const answer = JSON.parse(asked.stdout) as { status: string; answer: string; citations: Array<{ text: string }> };
    expect(answer.status).toBe('answered');
    expect(answer.answer.length).toBeLessThanOrEqual(ANSWER_LIMITS.answer);
    expect(answer.answer).toMatch(/…/);
    for (const c of answer.citations) expect(c.text.length).toBeLessThanOrEqual(ANSWER_LIMITS.quote);
    expect(asked.stdout.length).toBeLessThan(30_000);
  });
});
