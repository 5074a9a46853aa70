import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQaService } from '../../src/answer/qa-service.js';
import type { QaService } from '../../src/answer/qa-service-types.js';
import { startDiscordBot, type DiscordBotHandle } from '../../src/bots/discord/bot.js';
import { startTelegramBot, type TelegramBotHandle } from '../../src/bots/telegram/index.js';
import { loadDiscordConfig } from '../../src/config/discord-config.js';
import { feedsConfigSchema } from '../../src/config/feeds-config.js';
import { loadTelegramConfig } from '../../src/config/telegram-config.js';
import { FeedSource } from '../../src/feeds/feed-source.js';
import { ingest } from '../../src/ingestion/ingest.js';
import { FAKE, FakeDiscord } from '../helpers/fakes/fake-discord.js';
import { FakeTelegramApi, privateChat, telegramHtmlToText } from '../helpers/fakes/fake-telegram-api.js';
import { FeedServer } from '../helpers/feed-server.js';
import { defaultConfig, SHIPPED_CORPUS } from '../helpers/shipped-qa.js';
import { tempDir } from '../helpers/operations-helpers.js';

const TELEGRAM_TOKEN = '123456789:AAH-feeds_corpus_token_0123456789ab';
const DISCORD_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.GfAkEt.fake-token-for-tests-only-000000';

/**
 * The shipped corpus plus two newspapers' feeds, read from a local site, behind the real bots:
 * answers from feed items cite the article's address.
 */
describe('Bots answering from feeds', () => {
  let server: FeedServer;
  let tmp: ReturnType<typeof tempDir>;
  let qa: QaService;
  let telegram: FakeTelegramApi;
  let telegramBot: TelegramBotHandle;
  let discord: FakeDiscord;
  let discordBot: DiscordBotHandle;
  let fdiUrl: string;

  beforeAll(async () => {
    server = await new FeedServer().start();
    server.serveFixture('/robots.txt', 'robots.txt');
    server.serveFixture('/kinh-te/rss.xml', 'kinh-te.rss', { etag: '"kinh-te-1"' });
    server.serveFixture('/kinh-te/fdi-9-thang.html', 'articles/fdi-9-thang.html');
    server.serveFixture('/kinh-te/cang-lach-huyen.html', 'articles/cang-lach-huyen.html');
    server.serveFixture('/kinh-te/xuat-khau.html', 'articles/xuat-khau.html');
    server.serveFixture('/du-lich/atom.xml', 'du-lich.atom');
    server.serveFixture('/du-lich/15-trieu-luot-khach.html', 'articles/15-trieu-luot-khach.html');
    server.serveFixture('/du-lich/ha-long-top.html', 'articles/ha-long-top.html');
    fdiUrl = server.url('/kinh-te/fdi-9-thang.html');
    tmp = tempDir('feeds-bots-');
    const indexDir = path.join(tmp.dir, 'index');
    const feeds = new FeedSource({
      entries: [{ url: server.url('/kinh-te/rss.xml'), region: 'Hải Phòng' }, { url: server.url('/du-lich/atom.xml') }],
      config: feedsConfigSchema.parse({ FEED_HOST_DELAY_MS: '0' }),
    });
    await ingest({ inputs: [SHIPPED_CORPUS], indexDir, embedder: null, sources: [feeds] });
    qa = await createQaService(defaultConfig({ INDEX_DIR: indexDir, ANSWER_THREADS: 0 }));
    telegram = new FakeTelegramApi(TELEGRAM_TOKEN);
    telegramBot = await startTelegramBot(
      qa,
      loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_ROOT: await telegram.start() }),
    );
    discord = await new FakeDiscord().start();
    discordBot = await startDiscordBot(
      qa,
      loadDiscordConfig({ DISCORD_TOKEN, DISCORD_APPLICATION_ID: FAKE.applicationId, DISCORD_API_URL: discord.apiUrl }),
      { rest: { retries: 0, timeout: 10_000 } },
    );
  });

  afterAll(async () => {
    await telegramBot?.stop();
    await telegram?.close();
    await discordBot?.stop();
    await discord?.close();
    await qa?.close();
    await server?.close();
    tmp?.cleanup();
  });

  const QUESTION = 'Chín tháng năm 2023 Hải Phòng thu hút bao nhiêu vốn FDI, tăng bao nhiêu so với cùng kỳ?';

  it('Telegram: the cited title is a link to the article', async () => {
    const { chat, user } = privateChat(7001);
    telegram.sendText(chat, user, QUESTION);
    await telegram.waitForMessages(7001);
    const html = String(telegram.callsOf('sendMessage', 7001).at(-1)!.payload.text);
    expect(telegramHtmlToText(html)).toContain('3,055 tỷ USD');
    expect(html).toContain(`<b><a href="${fdiUrl}">Hải Phòng thu hút hơn 3 tỷ USD vốn FDI trong 9 tháng</a></b>`);
  });

  it('Discord: the sources embed links the title to the article, and /sources sets the embed URL', async () => {
    const interaction = discord.slashCommand('ask', { question: QUESTION });
    const edit = await discord.waitForCall((c) => c.method === 'PATCH' && c.path.endsWith(`${interaction.token}/messages/@original`));
    expect(edit.body.content).toContain('3,055 tỷ USD');
    expect(edit.body.embeds[0].description).toContain(`Hải Phòng thu hút hơn 3 tỷ USD vốn FDI trong 9 tháng](${fdiUrl})`);
    const sources = discord.slashCommand('sources');
    const callback = await discord.waitForCall((c) => c.method === 'POST' && c.path.startsWith(`/interactions/${sources.id}/`));
    expect(callback.body.data.embeds.map((e: { url?: string }) => e.url)).toContain(fdiUrl);
  });

  it('"Có tin gì mới?" lists the newest items of the feeds, with their links', async () => {
    const answer = await qa.ask('Có tin gì mới?');
    expect(answer.status).toBe('answered');
    // The feeds' items are newer than anything shipped; the third is of 19/10/2023, as is the shipped briefing.
    expect(answer.citations.map((c) => c.url).slice(0, 2)).toEqual([
      server.url('/du-lich/15-trieu-luot-khach.html'),
      server.url('/du-lich/ha-long-top.html'),
    ]);
    expect(answer.citations.map((c) => c.date)).toEqual(['2023-11-02', '2023-11-01', '2023-10-19']);
    expect(answer.answer).toContain('Quảng Ninh đón gần 15 triệu lượt khách du lịch trong 10 tháng');
  });
});
