import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingestion/ingest.js';
import { FakeTelegramApi } from '../helpers/fakes/fake-telegram-api.js';
import { briefing, freePort, runProgram, tempDir, writeCorpus } from '../helpers/operations-helpers.js';

const TELEGRAM_TOKEN = '123456789:AAH-health_index_moved_token_0123';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir('hostile-health-');
});
afterEach(() => tmp.cleanup());

describe('npm start: /healthz when the index folder is moved or replaced', () => {
  it('answers 503 with the reason while the folder it opened is gone or another, and 200 once it is back', async () => {
    const corpus = path.join(tmp.dir, 'corpus');
    const indexDir = path.join(tmp.dir, 'index');
    writeCorpus(corpus, { 'a.jsonl': `${briefing('a', 'Đắk Lắk', '100', 'v1')}\n` });
    await ingest({ inputs: [corpus], indexDir, embedder: null });
    const telegram = new FakeTelegramApi(TELEGRAM_TOKEN);
    const apiRoot = await telegram.start();
    const port = await freePort();
    const program = runProgram('src/app/start.ts', [], {
      INDEX_DIR: indexDir,
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      HEALTH_PORT: String(port),
    });
    const health = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return { status: res.status, body: (await res.json()) as { status: string; error?: string } };
    };
    try {
      await program.waitForOutput(/Started .*\n/);
      expect((await health()).status).toBe(200);

      fs.renameSync(indexDir, `${indexDir}-moved`);
      const moved = await health();
      expect(moved.status).toBe(503);
      expect(moved.body.error).toMatch(/no longer at .*index\.sqlite \(its folder was moved or deleted\)/);

      fs.renameSync(`${indexDir}-moved`, indexDir);
      expect((await health()).status).toBe(200);

      // Another index put where the served one was: a copy, so another file.
      fs.cpSync(indexDir, `${indexDir}-copy`, { recursive: true });
      fs.renameSync(indexDir, `${indexDir}-old`);
      fs.renameSync(`${indexDir}-copy`, indexDir);
      const replaced = await health();
      expect(replaced.status).toBe(503);
      expect(replaced.body.error).toMatch(/was replaced since this process opened it; restart/);
    } finally {
      program.child.kill('SIGKILL');
      await program.exited;
      await telegram.close();
    }
  }, 90_000);
});
