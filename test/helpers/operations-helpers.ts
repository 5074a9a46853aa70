import { spawn, spawnSync, type ChildProcessWithoutNullStreams, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The project root (where package.json is). */
export const ROOT = path.resolve(import.meta.dirname, '../..');

/** A program of the project running as a real child process, with its output collected. */
export interface RunningProgram {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves when `pattern` appears in stdout or stderr; rejects (with the output) if the program exits first or `timeoutMs` passes. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (null when killed) and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs a TypeScript entry point of the project (`src/cli/ingest.ts`, `src/app/start.ts`) with tsx,
 * as `npm run` would, in the project root. `env` is added to a clean copy of this environment
 * (without VITEST, so the program behaves as in production).
 */
export function runProgram(script: string, args: string[], env: Record<string, string | undefined> = {}): RunningProgram {
  const child = spawn(process.execPath, programArgs(script, args), { cwd: ROOT, env: programEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    for (const l of listeners) l();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    for (const l of listeners) l();
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForOutput(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(pattern) ?? err.match(pattern);
          if (m) return finish(() => resolve(m));
          if (hasExited)
            return finish(() => reject(new Error(`program exited before printing ${pattern}\nstdout: ${out}\nstderr: ${err}`)));
        };
        // A safety net so a stuck program fails the test with its output instead of hanging it.
        const timer = setTimeout(
          () => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`))),
          timeoutMs,
        );
        const finish = (then: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          then();
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/**
 * Runs a program as {@link runProgram} does, but blocks until it exits: for a test that needs
 * another process to act in the middle of synchronous code (a commit between two reads).
 */
export function runProgramSync(script: string, args: string[], env: Record<string, string | undefined> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, programArgs(script, args), { cwd: ROOT, env: programEnv(env), encoding: 'utf8', timeout: 60_000 });
}

function programArgs(script: string, args: string[]): string[] {
  return ['--import', 'tsx', path.join(ROOT, script), ...args];
}

function programEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const baseEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(baseEnv))
    if (key.startsWith('VITEST') || key.startsWith('TELEGRAM_') || key.startsWith('DISCORD_') || key === 'HEALTH_PORT') delete baseEnv[key];
  return { ...baseEnv, LOG_LEVEL: 'warn', EMBEDDINGS: 'none', ...env };
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Writes briefing files (name → content) into a corpus folder, creating it. */
export function writeCorpus(dir: string, files: Record<string, string>): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
}

/** Polls `check` until it returns a value other than undefined; rejects after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A briefing about one province, with a figure that tells its version apart. */
export function briefing(id: string, region: string, figure: string, version: string): string {
  return JSON.stringify({
    id,
    title: `${region}: sản lượng cà phê ${version}`,
    text:
      `Theo báo cáo ${version}, sản lượng cà phê của tỉnh ${region} năm nay đạt ${figure} tấn, tăng so với cùng kỳ. ` +
      `Sở Nông nghiệp ${region} cho biết giá cà phê ổn định. Bản tin ${version}.`,
    source: 'test',
    date: '2024-05-01',
    region,
  });
}

/** A TCP port free on 127.0.0.1 right now (for a program that must be told its port). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
