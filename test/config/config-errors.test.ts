import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runProgram } from '../helpers/operations-helpers.js';

/** Runs a CLI to its end and returns what an admin sees. */
async function run(script: string, args: string[], env: Record<string, string> = {}) {
  const program = runProgram(script, args, env);
  const { code } = await program.exited;
  return { code, stdout: program.stdout(), stderr: program.stderr() };
}

/** One line, naming the culprit, no stack trace. */
function expectOneLine(stderr: string, ...mentions: string[]) {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at |TypeError|ERR_PARSE_ARGS/);
  for (const m of mentions) expect(stderr).toContain(m);
}

/** util-linux `script`, which gives a program a real terminal; the terminal test is skipped without it. */
const hasScript = spawnSync('script', ['--version']).status === 0;
if (!hasScript) console.warn('skipping the terminal test of npm run ask: the `script` command (util-linux) is not installed');

describe('configuration and command-line errors', () => {
  it('LOG_LEVEL=verbose: one line naming LOG_LEVEL and the levels allowed, exit 2', async () => {
    const r = await run('src/cli/ask.ts', ['FDI?'], { LOG_LEVEL: 'verbose' });
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, 'LOG_LEVEL', 'trace, debug, info, warn, error, fatal, silent');
  }, 60_000);

  it('TOP_K=abc: one line naming TOP_K and its range, exit 2', async () => {
    const r = await run('src/cli/ask.ts', ['FDI?'], { TOP_K: 'abc' });
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, 'TOP_K', 'a whole number from 1 to 50');
    expect(r.stderr).not.toContain('NaN');
  }, 60_000);

  it('an unknown flag: one line naming it, with the usage, exit 2', async () => {
    for (const script of ['src/cli/ask.ts', 'src/cli/ingest.ts', 'src/app/start.ts']) {
      const r = await run(script, ['--frobnicate']);
      expect(r.code, script).toBe(2);
      expectOneLine(r.stderr, 'Unknown option --frobnicate', 'Usage:');
    }
  }, 90_000);

  it.skipIf(!hasScript)(
    'npm run ask with no question on a terminal prints how to use it instead of waiting',
    async () => {
      const child = spawn('script', ['-qec', `${process.execPath} --import tsx ${path.join(ROOT, 'src/cli/ask.ts')}`, '/dev/null'], {
        cwd: ROOT,
        env: { ...process.env, VITEST: '', NODE_ENV: 'production', EMBEDDINGS: 'none' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      clearTimeout(timer);
      expect(out).toContain('No question given');
      expect(out).toContain('Usage: npm run ask');
      expect(code).toBe(2);
    },
    60_000,
  );
});
