import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingestion/ingest.js';
import { SHIPPED_CORPUS } from '../helpers/shipped-qa.js';
import { eventually, runProgram, tempDir, writeCorpus, type RunningProgram } from '../helpers/operations-helpers.js';

/** The Hải Phòng reference briefing's document id (its file name without the extension). */
const HAI_PHONG = 'hai-phong-2023-10-19';

let tmp: { dir: string; cleanup: () => void };
let indexDir: string;

beforeAll(async () => {
  tmp = tempDir('cli-test-');
  indexDir = path.join(tmp.dir, 'index');
  await ingest({ inputs: [SHIPPED_CORPUS], indexDir, embedder: null });
});
afterAll(() => tmp?.cleanup());

/** Runs a CLI to the end; resolves with its exit code and output. */
async function finish(program: RunningProgram): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { code } = await program.exited;
  return { code, stdout: program.stdout(), stderr: program.stderr() };
}

/** The JSON objects printed one per line, failing on any line that is not one. */
function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const keys = (o: unknown) => Object.keys(o as object).sort();
const ANSWER_KEYS = ['answer', 'citations', 'mode', 'passages', 'question', 'status', 'timings'];
const CITATION_KEYS = ['date', 'docId', 'n', 'source', 'text', 'title', 'url'];
const PASSAGE_KEYS = ['chunkId', 'docId', 'score', 'text'];

/** The `ask --json` contract, field by field, for one printed answer. */
function expectContract(answer: Record<string, unknown>, k: number): void {
  expect(keys(answer)).toEqual(ANSWER_KEYS);
  expect(typeof answer.question).toBe('string');
  expect(['answered', 'not_found', 'invalid']).toContain(answer.status);
  expect(typeof answer.answer).toBe('string');
  const citations = answer.citations as Array<Record<string, unknown>>;
  citations.forEach((c, i) => {
    expect(keys(c)).toEqual(CITATION_KEYS);
    expect(c.n).toBe(i + 1);
  });
  const passages = answer.passages as Array<Record<string, unknown>>;
  expect(passages.length).toBeLessThanOrEqual(k);
  for (const p of passages) expect(keys(p)).toEqual(PASSAGE_KEYS);
  const scores = passages.map((p) => p.score as number);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  expect(answer.mode).toEqual({ retrieval: 'lexical', answer: 'extractive' });
  expect(keys(answer.timings)).toEqual(['answerMs', 'retrieveMs', 'totalMs']);
  for (const ms of Object.values(answer.timings as object)) expect(typeof ms).toBe('number');
}

describe('npm run ask -- --json', () => {
  it('prints one JSON object with exactly the contract fields, and --k limits the passages', async () => {
    const { code, stdout, stderr } = await finish(
      runProgram('src/cli/ask.ts', ['--index', indexDir, '--json', '--k', '2', 'FDI tăng bao nhiêu?']),
    );
    expect(code, stderr).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines).toHaveLength(1);
    const answer = lines[0]!;
    expectContract(answer, 2);
    expect(answer).toMatchObject({ question: 'FDI tăng bao nhiêu?', status: 'answered' });
    expect((answer.passages as unknown[]).length).toBe(2);
  });

  it('answers every stdin line in order, refuses bad lines politely, and keeps the index it opened', async () => {
    const program = runProgram('src/cli/ask.ts', ['--index', indexDir, '--json']);
    const tooLong = 'Hải Phòng '.repeat(120);
    const first = ['FDI tăng bao nhiêu?', '', '   ', tooLong];
    program.child.stdin.write(first.map((q) => `${q}\n`).join(''));
    await eventually(() => (jsonLines(program.stdout()).length === first.length ? true : undefined), 'the first answers');
    // The index was opened once, at start: moving its folder away does not stop the session.
    fs.renameSync(indexDir, `${indexDir}-moved`);
    try {
      program.child.stdin.end('fdi tang bao nhieu\n');
      const { code, stdout, stderr } = await finish(program);
      expect(code, stderr).toBe(0);
      const answers = jsonLines(stdout);
      expect(answers.map((a) => a.question)).toEqual([...first, 'fdi tang bao nhieu']);
      expect(answers.map((a) => a.status)).toEqual(['answered', 'invalid', 'invalid', 'invalid', 'answered']);
      for (const a of answers) expectContract(a, 5);
      expect(answers[1]!.answer).toMatch(/chưa nhập câu hỏi/);
      expect(answers[3]!.answer).toMatch(/quá dài/);
      expect(answers[4]!.citations).toContainEqual(expect.objectContaining({ docId: HAI_PHONG }));
      // Without --k the configured TOP_K (5) applies: more passages than the --k 2 run above.
      expect((answers[0]!.passages as unknown[]).length).toBeGreaterThan(2);
    } finally {
      fs.renameSync(`${indexDir}-moved`, indexDir);
    }
  });

  it('without an index, tells the user to run ingestion and exits with an error', async () => {
    const missing = path.join(tmp.dir, 'no-index-here');
    const { code, stdout, stderr } = await finish(runProgram('src/cli/ask.ts', ['--index', missing, '--json', 'FDI tăng bao nhiêu?']));
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('npm run ingest');
    expect(stderr).toContain(missing);
    expect(stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(fs.existsSync(missing)).toBe(false); // asking never creates an empty index
  });

  it('refuses a --k that is not a number from 1 to 50, saying so', async () => {
    const { code, stderr } = await finish(runProgram('src/cli/ask.ts', ['--index', indexDir, '--k', 'nhiều', 'FDI?']));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/--k must be a whole number from 1 to 50/);
  });
});

describe('npm run ingest', () => {
  it('ingests the good files, lists each skipped file with its reason, and succeeds', async () => {
    const corpus = path.join(tmp.dir, 'mixed');
    writeCorpus(corpus, {
      'tot.md': '---\ntitle: Cần Thơ đón khách\nregion: Cần Thơ\n---\n\nCần Thơ đón 134.000 lượt khách.\n',
      'hong.json': '{"title": "thiếu ngoặc"',
      'rong.txt': '   \n',
    });
    const { code, stdout, stderr } = await finish(runProgram('src/cli/ingest.ts', [corpus, '--index', path.join(tmp.dir, 'mixed-index')]));
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/Files read: 1\b/);
    expect(stdout).toMatch(/1 added/);
    expect(stdout).toMatch(/Skipped \(2\)/);
    expect(stdout).toMatch(/- hong\.json: \S.{5,}/);
    expect(stdout).toMatch(/- rong\.txt: \S.{5,}/);
  });

  it('fails only when nothing at all could be ingested, still listing why', async () => {
    const corpus = path.join(tmp.dir, 'all-bad');
    writeCorpus(corpus, { 'hong.json': '[{"title": ', 'anh.gif': 'GIF89a' });
    const { code, stdout } = await finish(runProgram('src/cli/ingest.ts', [corpus, '--index', path.join(tmp.dir, 'bad-index')]));
    expect(code).not.toBe(0);
    expect(stdout).toMatch(/Files read: 0\b/);
    expect(stdout).toMatch(/- hong\.json: \S/);
    expect(stdout).toMatch(/- anh\.gif: .*unsupported/);
  });
});
