import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramApi, privateChat } from '../helpers/fakes/fake-telegram-api.js';
import { SHIPPED_CORPUS } from '../helpers/shipped-qa.js';
import { ROOT, tempDir } from '../helpers/operations-helpers.js';

const TELEGRAM_TOKEN = '123456789:AAH-built_bot_token_for_tests_0123456';

/** The environment a built program runs in: production-like, no test runner, no downloads. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(base))
    if (key.startsWith('VITEST') || key.startsWith('TELEGRAM_') || key.startsWith('DISCORD_')) delete base[key];
  return { ...base, NODE_ENV: 'production', EMBEDDINGS: 'none', LOG_LEVEL: 'warn', ...extra };
}

/** Runs a built program (plain node, no tsx) to the end. */
function runBuilt(file: string, args: string[], extra: Record<string, string> = {}) {
  return spawnSync(process.execPath, [path.join(ROOT, 'dist', file), ...args], {
    cwd: ROOT,
    env: env(extra),
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('the production build (npm run build → node dist/...)', () => {
  let tmp: { dir: string; cleanup: () => void };
  let indexDir: string;

  beforeAll(() => {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(build.status, `${build.stdout}${build.stderr}`).toBe(0);
    tmp = tempDir('build-test-');
    indexDir = path.join(tmp.dir, 'index');
  }, 300_000);
  afterAll(() => tmp?.cleanup());

  it('emits JavaScript for every entry point, the installed command first of all', () => {
    for (const file of [
      'app/tin-vung.js',
      'app/start.js',
      'app/telegram-main.js',
      'app/discord-main.js',
      'cli/ingest.js',
      'cli/ask.js',
      'app/ingest-child.js',
      'answer/answer-thread.js',
    ]) {
      expect(fs.existsSync(path.join(ROOT, 'dist', file)), file).toBe(true);
    }
    expect(fs.readFileSync(path.join(ROOT, 'dist/app/tin-vung.js'), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('ingests the shipped corpus and answers the seed question with plain node, through the tin-vung command', () => {
    const ingest = runBuilt('app/tin-vung.js', ['ingest', SHIPPED_CORPUS, '--index', indexDir]);
    expect(ingest.status, ingest.stderr).toBe(0);
    expect(ingest.stdout).toMatch(/Documents: \d+ added/);
    const ask = runBuilt('app/tin-vung.js', ['ask', '--json', '--index', indexDir, 'FDI tăng bao nhiêu?']);
    expect(ask.status, ask.stderr).toBe(0);
    const answer = JSON.parse(ask.stdout) as { status: string; answer: string; citations: unknown[] };
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('140,3%');
    expect(answer.citations.length).toBeGreaterThan(0);
  }, 180_000);

  it('every command has --help', () => {
    for (const command of ['ingest', 'ask', 'start', 'bot:telegram', 'bot:discord']) {
      const help = runBuilt('app/tin-vung.js', [command, '--help']);
      expect(help.status, `${command}: ${help.stderr}`).toBe(0);
      expect(help.stdout, command).toMatch(/^Usage: /);
    }
    const top = runBuilt('app/tin-vung.js', ['--help']);
    expect(top.stdout).toContain('tin-vung <command>');
  }, 120_000);

  it('the built Telegram bot answers on its answer threads and runs /reindex in its ingestion child, all from dist/', async () => {
    const api = new FakeTelegramApi(TELEGRAM_TOKEN);
    const apiRoot = await api.start();
    const admin = privateChat(42);
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/app/telegram-main.js')], {
      cwd: ROOT,
      env: env({
        INDEX_DIR: indexDir,
        CORPUS_DIR: SHIPPED_CORPUS,
        TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
        TELEGRAM_API_ROOT: apiRoot,
        TELEGRAM_ADMIN_IDS: '42',
        ANSWER_THREADS: '2',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      api.sendText(admin.chat, admin.user, 'FDI tăng bao nhiêu?');
      await api.waitFor(
        (calls) => calls.some((c) => c.method === 'sendMessage' && String(c.payload.text).includes('140,3%')),
        'an answer citing 140,3%',
        60_000,
      );
      api.sendText(admin.chat, admin.user, '/reindex');
      await api.waitFor(
        (calls) => calls.some((c) => c.method === 'sendMessage' && String(c.payload.text).startsWith('Đã cập nhật chỉ mục')),
        'the re-index summary',
        120_000,
      );
      expect(stderr).not.toContain('answer-threads-off');
      expect(stderr).not.toMatch(/tsx|ERR_UNKNOWN_FILE_EXTENSION/);
    } finally {
      child.kill('SIGKILL');
      await api.close();
    }
  }, 240_000);
});
