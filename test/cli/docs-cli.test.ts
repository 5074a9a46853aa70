import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingestion/ingest.js';
import { briefing, runProgram, tempDir, writeCorpus } from '../helpers/operations-helpers.js';

/** Runs `npm run docs -- …` (or ingest) to its end. */
async function run(script: string, args: string[]) {
  const program = runProgram(script, args);
  const { code } = await program.exited;
  return { code, stdout: program.stdout(), stderr: program.stderr() };
}

describe('npm run docs: what the bot knows, without touching SQLite', () => {
  let tmp: { dir: string; cleanup: () => void };
  let corpus: string;
  let indexDir: string;
  const docs = (...args: string[]) => run('src/cli/docs.ts', [...args, '--index', indexDir]);

  beforeAll(async () => {
    tmp = tempDir('docs-cli-');
    corpus = path.join(tmp.dir, 'corpus');
    indexDir = path.join(tmp.dir, 'index');
    writeCorpus(corpus, {
      'tay-nguyen.jsonl': [briefing('dl-1', 'Đắk Lắk', '100', 'v1'), briefing('gl-1', 'Gia Lai', '200', 'v1')].join('\n'),
      'ca-mau.json': JSON.stringify({
        id: 'cm-1',
        title: 'Cà Mau nuôi tôm',
        text: 'Sản lượng tôm của Cà Mau đạt 210.000 tấn.',
        date: '2023-01-05',
        region: 'Cà Mau',
        source: 'Báo Cà Mau',
      }),
    });
    await ingest({ inputs: [corpus], indexDir, embedder: null });
  });
  afterAll(() => tmp?.cleanup());

  it('lists documents, filtered by region (spelt any way), date and source', async () => {
    const all = await docs('list');
    expect(all.code).toBe(0);
    expect(all.stdout.trim().split('\n')).toHaveLength(3);
    const region = await docs('list', '--region', 'dak lak');
    expect(
      region.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t')[0]),
    ).toEqual(['dl-1']);
    const since = await docs('list', '--since', '2024-01-01', '--json');
    expect(
      since.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id)
        .sort(),
    ).toEqual(['dl-1', 'gl-1']);
    const source = await docs('list', '--source', 'báo cà mau');
    expect(source.stdout).toContain('cm-1');
    expect(source.stdout).not.toContain('dl-1');
  }, 120_000);

  it('shows one document with its passages; an unknown id is one line', async () => {
    const shown = await docs('show', 'cm-1');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Cà Mau nuôi tôm');
    expect(shown.stdout).toContain('210.000 tấn');
    const missing = await docs('show', 'nope');
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it('removes a document: it stays out while its file is unchanged, and comes back with --restore', async () => {
    const removed = await docs('remove', 'gl-1');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('stays out of the index until');
    expect((await docs('list')).stdout).not.toContain('gl-1');

    await run('src/cli/ingest.ts', [corpus, '--index', indexDir]);
    expect((await docs('list')).stdout).not.toContain('gl-1');
    expect((await docs('stats')).stdout).toContain('Removed by an admin: gl-1');

    expect((await docs('remove', 'gl-1', '--restore')).code).toBe(0);
    await run('src/cli/ingest.ts', [corpus, '--index', indexDir]);
    expect((await docs('list')).stdout).toContain('gl-1');
  }, 180_000);

  it('stats: counts, newest date, regions and sources', async () => {
    const stats = await docs('stats');
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(/Documents: 3 /);
    expect(stats.stdout).toContain('Cà Mau 1');
  }, 60_000);
});
