import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegramBot, type TelegramBotHandle } from '../../../src/bots/telegram/index.js';
import { loadTelegramConfig } from '../../../src/config/telegram-config.js';
import { ingest } from '../../../src/ingestion/ingest.js';
import { Reindexer } from '../../../src/ingestion/reindex.js';
import { FakeTelegramApi, reindexFromTelegram } from '../../helpers/fakes/fake-telegram-api.js';
import { openQa } from '../../helpers/shipped-qa.js';
import { briefing, tempDir, writeCorpus } from '../../helpers/operations-helpers.js';

const TOKEN = '123456789:AAH-reindex_waited_token_0123456789';
/** How long the ingestion child is held at its start (as a slow embedding model's loading would hold it). */
const CHILD_START_PAUSE_MS = 2_000;

/**
 * /reindex tells the admin how long they waited: from the command to the summary, the child's
 * start and everything before the run's transaction included.
 */
describe('/reindex reports the time the admin waited', () => {
  let tmp: { dir: string; cleanup: () => void };
  let shipped: Awaited<ReturnType<typeof openQa>>;
  let api: FakeTelegramApi;
  let bot: TelegramBotHandle;
  let reindexer: Reindexer;

  beforeAll(async () => {
    tmp = tempDir('reindex-time-');
    const corpus = path.join(tmp.dir, 'corpus');
    const indexDir = path.join(tmp.dir, 'index');
    writeCorpus(corpus, { 'a.jsonl': `${briefing('tin-a', 'Gia Lai', '100', 'v1')}\n${briefing('tin-b', 'Kon Tum', '200', 'v1')}\n` });
    await ingest({ inputs: [corpus], indexDir, embedder: null });
    shipped = await openQa(indexDir, corpus, () => {});
    api = new FakeTelegramApi(TOKEN);
    const apiRoot = await api.start();
    // /reindex re-reads this test's corpus into its index (as the app wires it from CORPUS_DIR and INDEX_DIR).
    reindexer = new Reindexer({ corpusDir: corpus, indexDir });
    bot = await startTelegramBot(
      shipped.qa,
      loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, TELEGRAM_ADMIN_IDS: '42' }),
      { reindexer },
    );
    // The ingestion child inherits these: it waits at its start, then runs as usual.
    process.env.INGEST_TEST_PAUSE_AT = 'child-started';
    process.env.INGEST_TEST_PAUSE_MS = String(CHILD_START_PAUSE_MS);
  });

  afterAll(async () => {
    delete process.env.INGEST_TEST_PAUSE_AT;
    delete process.env.INGEST_TEST_PAUSE_MS;
    await bot?.stop();
    await reindexer?.stop();
    await api?.close();
    await shipped?.close();
    tmp?.cleanup();
  });

  it('counts the ingestion child starting up, not only the run', async () => {
    const summary = await reindexFromTelegram(api, 42, 60_000);
    const seconds = Number(/Đã cập nhật chỉ mục trong ([\d.]+(?:,\d+)?) giây/.exec(summary)?.[1]?.replace(/\./g, '').replace(',', '.'));
    // The run itself (two briefings, unchanged) is over in a fraction of the pause.
    expect(seconds).toBeGreaterThanOrEqual(CHILD_START_PAUSE_MS / 1000);
    expect(summary).toMatch(/giữ nguyên 2/);
  }, 90_000);
});
