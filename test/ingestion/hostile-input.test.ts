import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANSWER_LIMITS } from '../../src/answer/bound-answer.js';
import { messages } from '../../src/bots/shared/bot-messages.js';
import { formatSummary } from '../../src/cli/format-summary.js';
import { MAX_CHUNK_CHARS } from '../../src/ingestion/chunker.js';
import { ingest } from '../../src/ingestion/ingest.js';
import { processStartTime } from '../../src/util/process-alive.js';
import { retrieveFrom } from '../helpers/briefing-index.js';
import { ROOT, runProgram, tempDir, writeCorpus, type RunningProgram } from '../helpers/operations-helpers.js';
import { inspectIndex } from '../helpers/inspect-index.js';

// Chunking that fails on one document, as a bug on some strange input would; every other document is chunked as usual.
vi.mock('../../src/ingestion/chunker.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/ingestion/chunker.js')>();
  return {
    ...actual,
    chunkDocument: (docId: string, ...rest: [string]) => {
      if (docId === 'no-bug-hunt') throw new TypeError('a bug met on strange input');
      return actual.chunkDocument(docId, ...rest);
    },
  };
});

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

const ingestCli = (args: string[] = [corpus], env: Record<string, string> = {}) =>
  finish(runProgram('src/cli/ingest.ts', [...args, '--index', indexDir], env));
const askCli = (question: string) => finish(runProgram('src/cli/ask.ts', ['--index', indexDir, '--json', question]));

function chunkLengths(): number[] {
  return inspectIndex(indexDir, (db) => db.prepare('SELECT length(text) FROM chunks').pluck().all() as number[]);
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

/** Whether the tests run as root: then an unreadable folder is only unreadable to another user. */
const asRoot = process.getuid?.() === 0;

/** `npm run ingest` as user "nobody" when running as root (root reads every folder), else as ourselves. */
function ingestAsUnprivilegedUser(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', EMBEDDINGS: 'none' };
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/ingest.ts'), ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 120_000,
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('one bad input never costs the others (npm run ingest)', () => {
  it('ingests a folder of hostile files, listing each one it skipped with a reason an admin can act on', async () => {
    writeCorpus(corpus, {
      'tot.md': '---\ntitle: Cần Thơ đón khách\nregion: Cần Thơ\n---\n\nCần Thơ đón 134.000 lượt khách du lịch.\n',
      // 5 MB of letters with no separator once overflowed the stack in tokenize and aborted the run.
      'chu-cai.txt': `Một dòng chữ\n\n${'a'.repeat(5_000_000)}\n`,
      'dieu-khien.json': JSON.stringify({
        id: 'dk',
        title: 'Tin \u001b[31mđỏ\u0007',
        text: 'Hà Nội đón 2.000 khách\u001b[2J\u0000 quốc tế.',
      }),
      'ten\nFiles read: 999.md': '', // skipped (empty), so its name is printed
    });
    // Windows Notepad's "Unicode": UTF-16 with a byte-order mark.
    fs.writeFileSync(
      path.join(corpus, 'utf16.txt'),
      Buffer.from('\ufeffĐà Nẵng đón khách\n\nĐà Nẵng đón 9.999 lượt khách quốc tế.\n', 'utf16le'),
    );
    fs.writeFileSync(path.join(corpus, 'utf16-khong-bom.txt'), Buffer.from('Huế đón khách\n\nHuế đón 1.234 lượt khách.\n', 'utf16le'));
    fs.symlinkSync(path.join(corpus, 'tot.md'), path.join(corpus, 'lien-ket.md'));
    execFileSync('mkfifo', [path.join(corpus, 'ong.txt')]);
    fs.mkdirSync(path.join(corpus, 'rieng'));
    writeCorpus(path.join(corpus, 'rieng'), { 'mat.md': '# Mật\n\nKhông ai đọc được.\n' });
    fs.chmodSync(path.join(corpus, 'rieng'), 0o000);
    writeCorpus(corpus, { 'khoa.md': '# Khoá\n\nKhông đọc được.\n' });
    fs.chmodSync(path.join(corpus, 'khoa.md'), 0o000);
    // The unprivileged user may read the corpus and write the index.
    fs.chmodSync(tmp.dir, 0o755);
    fs.mkdirSync(indexDir);
    if (asRoot) fs.chownSync(indexDir, 65534, 65534);

    const { code, stdout, stderr } = ingestAsUnprivilegedUser([corpus, '--index', indexDir]);
    fs.chmodSync(path.join(corpus, 'rieng'), 0o755);
    expect(code, stderr).toBe(0);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toMatch(/Files read: 4\n/);
    expect(stdout).toMatch(/Documents: 4 added/);
    expect(stdout).toMatch(/^ {2}- lien-ket\.md: symbolic link: not followed/m);
    expect(stdout).toMatch(/^ {2}- ong\.txt: not a regular file \(a named pipe \(FIFO\)\)/m);
    expect(stdout).toMatch(/^ {2}- rieng\/: unreadable folder: permission denied/m);
    expect(stdout).toMatch(/^ {2}- khoa\.md: unreadable: permission denied/m);
    expect(stdout).toMatch(/^ {2}- utf16-khong-bom\.txt: UTF-16 text without a byte-order mark: save it as UTF-8/m);
    // The odd name is printed escaped, on its own line: it cannot forge one.
    expect(stdout).toContain('- ten\\nFiles read: 999.md:');
    expect(stdout.match(/^Files read:/gm)).toHaveLength(1);
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);

    const asked = await askCli('Hà Nội đón bao nhiêu khách quốc tế?');
    expect(asked.stdout).toContain('2.000');
    expect(asked.stdout).not.toMatch(/\\u001b|\\u0007|\\u0000/); // JSON would escape any control character left
    expect((await askCli('Đà Nẵng đón bao nhiêu lượt khách quốc tế?')).stdout).toContain('9.999');
  });

  it('refuses a FIFO given as a path at once instead of waiting on it forever', async () => {
    const fifo = path.join(tmp.dir, 'ong');
    execFileSync('mkfifo', [fifo]);
    writeCorpus(corpus, { 'tot.md': '# Cần Thơ\n\nCần Thơ đón 134.000 lượt khách.\n' });
    const { code, stdout, stderr } = await ingestCli([fifo, corpus]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/- \S*ong: not a regular file \(a named pipe \(FIFO\)\)/);
    expect(stdout).toMatch(/1 added/);
  });

  it('reports a file whose indexing hits a bug, keeps its previous documents, and indexes the rest', async () => {
    writeCorpus(corpus, {
      'a.jsonl': [
        JSON.stringify({ id: 'ok-1', title: 'Huế', text: 'Huế đón 500 khách.' }),
        JSON.stringify({ id: 'ok-2', title: 'Vinh', text: 'Vinh đón 600 khách.' }),
      ].join('\n'),
      'b.json': JSON.stringify({ id: 'ok-3', title: 'Sóc Trăng', text: 'Sóc Trăng đón 700 khách.' }),
    });
    await ingest({ inputs: [corpus], indexDir, embedder: null });
    fs.appendFileSync(path.join(corpus, 'a.jsonl'), `\n${JSON.stringify({ id: 'no-bug-hunt', title: 'Lỗi', text: 'Văn bản gây lỗi.' })}`);
    fs.writeFileSync(path.join(corpus, 'b.json'), JSON.stringify({ id: 'ok-3', title: 'Sóc Trăng', text: 'Sóc Trăng đón 800 khách.' }));
    const summary = await ingest({ inputs: [corpus], indexDir, embedder: null });
    const printed = formatSummary(summary);
    expect(printed).toMatch(
      /- a\.jsonl: could not be indexed at document "no-bug-hunt" \(TypeError: a bug met on strange input\); its previous documents are kept/,
    );
    expect(summary.updated).toBe(1); // b.json
    expect(retrieveFrom(indexDir, 'Vinh đón bao nhiêu khách', 3).map((p) => p.docId)).toContain('ok-2');
    expect(retrieveFrom(indexDir, 'Sóc Trăng đón bao nhiêu khách', 3)[0]!.text).toContain('800');
  });
});

describe('a document id in two files (one owner: the first file in path order)', () => {
  const doc = (id: string, figure: string) => JSON.stringify({ id, title: `Bản tin ${id}`, text: `Cà Mau xuất khẩu ${figure} tấn tôm.` });
  const run = (prune = false) => ingest({ inputs: [corpus], indexDir, embedder: null, prune });
  const found = () =>
    retrieveFrom(indexDir, 'Cà Mau xuất khẩu bao nhiêu tấn tôm', 5)
      .filter((p) => p.docId === 'X')
      .map((p) => p.text);

  it('(a) reports the clash every run, and indexes the second copy once the first file drops the id', async () => {
    writeCorpus(corpus, { 'a.json': `[${doc('X', '111')}, ${doc('A2', '222')}]`, 'b.json': doc('X', '333') });
    for (let i = 0; i < 2; i++) {
      const printed = formatSummary(await run());
      expect(printed).toMatch(/- b\.json: document id "X" is also in a\.json, which comes first: that copy is indexed, not this one/);
      expect(found()).toEqual([expect.stringContaining('111')]);
    }
    fs.writeFileSync(path.join(corpus, 'a.json'), `[${doc('A2', '222')}]`);
    const after = await run();
    expect(formatSummary(after)).not.toMatch(/also in/);
    expect(found()).toEqual([expect.stringContaining('333')]);
  });

  it('(b) a new file that comes first takes the id with a warning naming both; removing it gives the id back', async () => {
    writeCorpus(corpus, { 'a.json': doc('X', '111') });
    await run();
    fs.writeFileSync(path.join(corpus, '0.json'), doc('X', '999'));
    const clash = formatSummary(await run());
    expect(clash).toMatch(/- a\.json: document id "X" is also in 0\.json, which comes first/);
    expect(found()).toEqual([expect.stringContaining('999')]);
    expect(formatSummary(await run())).toMatch(/- a\.json: document id "X" is also in 0\.json/); // every run
    fs.rmSync(path.join(corpus, '0.json'));
    const back = await run(true);
    expect(formatSummary(back)).not.toMatch(/also in/);
    expect(found()).toEqual([expect.stringContaining('111')]);
  });
});

describe('printing a summary', () => {
  it('/reindex escapes file names and reasons too', () => {
    const lines = messages('vi').reindexSummary({
      filesRead: 1,
      added: 1,
      updated: 0,
      unchanged: 0,
      removed: 0,
      chunks: 1,
      embedded: 0,
      seconds: 1,
      skipped: [{ path: 'x\nĐã cập nhật chỉ mục\u001b[2J.md', reason: 'empty file' }],
    });
    expect(lines.join('\n').match(/^Đã cập nhật chỉ mục/gm)).toHaveLength(1);
    expect(lines.join('\n')).toContain('x\\nĐã cập nhật chỉ mục\\u001b[2J.md: empty file');
  });
});

/** Mounts a small tmpfs (as root, where mounting is allowed); null where it is not. */
function smallDisk(dir: string, size: string): (() => void) | null {
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  return r.status === 0 ? () => spawnSync('umount', ['-l', dir]) : null;
}

describe('a full disk', () => {
  it('fails the run with one line saying so, and the previous index still answers', async (ctx) => {
    const disk = path.join(tmp.dir, 'disk');
    const unmount = asRoot ? smallDisk(disk, '1m') : null;
    if (!unmount) return ctx.skip();
    try {
      indexDir = path.join(disk, 'index');
      writeCorpus(corpus, { 'tot.md': '# Cần Thơ\n\nCần Thơ đón 134.000 lượt khách du lịch.\n' });
      expect((await ingestCli()).code).toBe(0);
      const words = Array.from({ length: 200_000 }, (_, i) => `từ${i}`).join(' ');
      writeCorpus(corpus, { 'lon.txt': `Bản tin lớn\n\n${words}\n` });
      const { code, stdout, stderr } = await ingestCli();
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n').at(-1)).toMatch(
        /^Error: The disk holding the index .* is full: this ingestion changed nothing, and the previous index still serves\./,
      );
      expect(stderr).not.toMatch(/\n\s+at |SqliteError|SQLITE_FULL|ENOSPC/);
      const asked = await askCli('Cần Thơ đón bao nhiêu lượt khách?');
      expect(asked.stdout).toContain('134.000');
    } finally {
      unmount();
    }
  });
});

describe('a lock left in the index folder (ingest.lock)', () => {
  it('is honoured while its process runs, and taken over once its pid belongs to another process', async (ctx) => {
    const other = spawn('sleep', ['60']);
    try {
      const started = processStartTime(other.pid!);
      if (started === null) return ctx.skip(); // no /proc here
      writeCorpus(corpus, { 'tot.md': '# Cần Thơ\n\nCần Thơ đón 134.000 lượt khách.\n' });
      fs.mkdirSync(indexDir, { recursive: true });
      const lock = path.join(indexDir, 'ingest.lock');
      // Written by that very process: another ingestion is at work.
      fs.writeFileSync(lock, `${other.pid} ${started}`);
      const busy = await ingestCli();
      expect(busy.code).not.toBe(0);
      expect(busy.stderr).toContain(`Another ingestion (pid ${other.pid}) is already running`);
      // Written by a process that had the same pid earlier, killed since: the lock is stale.
      fs.writeFileSync(lock, `${other.pid} ${Number(started) - 1}`);
      const { code, stdout, stderr } = await ingestCli();
      expect(code, stderr).toBe(0);
      expect(stdout).toMatch(/1 added/);
      expect(fs.existsSync(lock)).toBe(false);
    } finally {
      other.kill();
    }
  });
});
