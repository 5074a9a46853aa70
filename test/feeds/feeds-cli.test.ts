import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTelegramApi, privateChat } from '../helpers/fakes/fake-telegram-api.js';
import { ingest } from '../../src/ingestion/ingest.js';
import { FeedServer } from '../helpers/feed-server.js';
import { runProgram, tempDir, writeCorpus } from '../helpers/operations-helpers.js';

const TELEGRAM_TOKEN = '123456789:AAH-feeds_in_background_token_0123';

/** The Hải Phòng newspaper's economy feed and its three articles. */
function serveEconomyFeed(server: FeedServer): void {
  server.serveFixture('/robots.txt', 'robots.txt');
  server.serveFixture('/kinh-te/rss.xml', 'kinh-te.rss', { etag: '"kinh-te-1"' });
  server.serveFixture('/kinh-te/fdi-9-thang.html', 'articles/fdi-9-thang.html', { etag: '"fdi-1"' });
  server.serveFixture('/kinh-te/cang-lach-huyen.html', 'articles/cang-lach-huyen.html', { etag: '"cang-1"' });
  server.serveFixture('/kinh-te/xuat-khau.html', 'articles/xuat-khau.html', { etag: '"xuat-khau-1"' });
}

/** Adds a new item to the economy feed, with its page: the Cần Thơ-bound rice shipment. */
function publishNewItem(server: FeedServer): string {
  const feed = server.routes.get('/kinh-te/rss.xml')!;
  feed.body = String(feed.body).replace(
    '<item>',
    `<item>
      <title>Hải Phòng khánh thành nhà máy điện gió ngoài khơi Bạch Long Vĩ</title>
      <link>/kinh-te/dien-gio.html</link>
      <pubDate>Fri, 20 Oct 2023 10:00:00 +0700</pubDate>
    </item>
    <item>`,
  );
  feed.etag = '"kinh-te-2"';
  server.routes.set('/kinh-te/dien-gio.html', {
    contentType: 'text/html; charset=utf-8',
    body:
      `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Điện gió Bạch Long Vĩ</title>` +
      `<meta property="og:site_name" content="Báo Hải Phòng"></head>` +
      `<body><nav><a href="/">Trang chủ</a></nav><article>` +
      `<h1>Hải Phòng khánh thành nhà máy điện gió ngoài khơi Bạch Long Vĩ</h1>` +
      `<p>Sáng 20/10, thành phố Hải Phòng khánh thành nhà máy điện gió ngoài khơi Bạch Long Vĩ với` +
      ` công suất 32 MW, tổng vốn đầu tư 1.800 tỷ đồng.</p>` +
      `<p>Nhà máy cung cấp điện ổn định cho huyện đảo, thay thế các máy phát chạy dầu diesel.</p>` +
      `</article></body></html>`,
  });
  return server.url('/kinh-te/dien-gio.html');
}

describe('npm run ingest with feeds, and npm start re-reading them', () => {
  let server: FeedServer;
  let tmp: ReturnType<typeof tempDir>;
  let indexDir: string;

  beforeEach(async () => {
    server = await new FeedServer().start();
    serveEconomyFeed(server);
    tmp = tempDir('feeds-cli-');
    indexDir = path.join(tmp.dir, 'index');
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  const env = () => ({ INDEX_DIR: indexDir, FEED_HOST_DELAY_MS: '0' });

  it('npm run ingest -- <feed URL> indexes the items, and npm run ask -- --json cites their url', async () => {
    const ingest = runProgram('src/cli/ingest.ts', [server.url('/kinh-te/rss.xml')], env());
    expect((await ingest.exited).code).toBe(0);
    expect(ingest.stdout()).toContain('Documents: 3 added, 0 updated, 0 unchanged, 0 removed');
    expect(ingest.stdout()).toMatch(/Feeds and article URLs: 1 listed, 0 not modified; pages: 3 read/);
    const ask = runProgram('src/cli/ask.ts', ['--json', 'Hải Phòng thu hút bao nhiêu vốn FDI trong 9 tháng?'], env());
    expect((await ask.exited).code).toBe(0);
    const answer = JSON.parse(ask.stdout()) as { answer: string; citations: Array<{ url: string | null; date: string }> };
    expect(answer.answer).toContain('3,055 tỷ USD');
    expect(answer.citations[0]).toMatchObject({ url: server.url('/kinh-te/fdi-9-thang.html'), date: '2023-10-19' });
  }, 120_000);

  it('npm run ingest with no argument reads the corpus folder and the feeds file, reporting its bad lines', async () => {
    const corpus = path.join(tmp.dir, 'corpus');
    writeCorpus(corpus, {
      'da-nang.md':
        '---\ntitle: Đà Nẵng đón 7 triệu lượt khách\ndate: 2023-10-30\nregion: Đà Nẵng\n---\n' +
        'Mười tháng năm 2023, Đà Nẵng đón 7 triệu lượt khách du lịch, tăng 70% so với cùng kỳ.\n',
    });
    const feedsFile = path.join(tmp.dir, 'feeds.txt');
    fs.writeFileSync(feedsFile, `# Báo Hải Phòng\n${server.url('/kinh-te/rss.xml')}  Hải Phòng\nbaohaiphong.vn/rss  # no scheme\n`);
    const ingest = runProgram('src/cli/ingest.ts', [], { ...env(), CORPUS_DIR: corpus, FEEDS_FILE: feedsFile });
    expect((await ingest.exited).code).toBe(0);
    expect(ingest.stdout()).toContain('Documents: 4 added');
    expect(ingest.stdout()).toContain(`${feedsFile}:3: "baohaiphong.vn/rss" is not an http(s) URL; line skipped`);
    // A second run: the file is unchanged and the feed answers 304.
    const again = runProgram('src/cli/ingest.ts', [], { ...env(), CORPUS_DIR: corpus, FEEDS_FILE: feedsFile });
    expect((await again.exited).code).toBe(0);
    expect(again.stdout()).toContain('Documents: 0 added, 0 updated, 4 unchanged, 0 removed');
    expect(again.stdout()).toMatch(/1 listed, 1 not modified/);
  }, 120_000);

  it('--watch re-reads the feeds every FEED_INTERVAL_MINUTES and indexes what was published since', async () => {
    const watch = runProgram('src/cli/ingest.ts', [server.url('/kinh-te/rss.xml'), '--watch'], { ...env(), FEED_INTERVAL_MINUTES: '0.01' });
    try {
      await watch.waitForOutput(/Re-reading feeds every 0\.01 minutes/);
      expect(watch.stdout()).toContain('Documents: 3 added');
      publishNewItem(server);
      await watch.waitForOutput(/Feeds re-read:\nFiles read: 1\nDocuments: 1 added, 0 updated, 3 unchanged/);
    } finally {
      watch.child.kill('SIGTERM');
    }
    expect((await watch.exited).code).toBe(0);
    expect(watch.stdout()).toContain('Stopped watching.');
  }, 120_000);

  it('npm start reads the feeds file in the background; the bot answers from new items without a restart', async () => {
    const corpus = path.join(tmp.dir, 'corpus');
    writeCorpus(corpus, {
      'da-nang.md':
        '---\ntitle: Đà Nẵng đón 7 triệu lượt khách\ndate: 2023-10-30\nregion: Đà Nẵng\n---\n' +
        'Mười tháng năm 2023, Đà Nẵng đón 7 triệu lượt khách du lịch, tăng 70% so với cùng kỳ.\n',
    });
    await ingest({ inputs: [corpus], indexDir, embedder: null });
    const feedsFile = path.join(tmp.dir, 'feeds.txt');
    fs.writeFileSync(feedsFile, `${server.url('/kinh-te/rss.xml')} Hải Phòng\n`);
    const telegram = new FakeTelegramApi(TELEGRAM_TOKEN);
    const apiRoot = await telegram.start();
    const bot = runProgram('src/app/start.ts', [], {
      ...env(),
      FEEDS_FILE: feedsFile,
      FEED_INTERVAL_MINUTES: '0.02',
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      LOG_LEVEL: 'info',
    });
    try {
      const started = await bot.waitForOutput(/Started .*\n/);
      expect(started[0]).toContain(`feeds of ${feedsFile} re-read every 0.02 min`);
      await bot.waitForOutput(/"event":"feeds-read","added":3/);
      const { chat, user } = privateChat(9001);
      telegram.sendText(chat, user, 'Hải Phòng thu hút bao nhiêu vốn FDI trong 9 tháng?');
      await telegram.waitFor(
        (calls) =>
          calls.some(
            (c) => c.method === 'sendMessage' && String(c.payload.text).includes(`href="${server.url('/kinh-te/fdi-9-thang.html')}"`),
          ),
        'an answer linking the FDI article',
        60_000,
      );
      const link = publishNewItem(server);
      await bot.waitForOutput(/"event":"feeds-read","added":1/);
      telegram.sendText(chat, user, 'Nhà máy điện gió Bạch Long Vĩ công suất bao nhiêu?');
      await telegram.waitFor(
        (calls) =>
          calls.some(
            (c) =>
              c.method === 'sendMessage' && String(c.payload.text).includes('32 MW') && String(c.payload.text).includes(`href="${link}"`),
          ),
        'an answer from the new item',
        60_000,
      );
    } finally {
      bot.child.kill('SIGTERM');
      await bot.exited;
      await telegram.close();
    }
    // Three programs start one after the other (the bot and two background ingestions): slow on a busy machine.
  }, 240_000);
});
