import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as discord from 'discord.js';
import { createQaService } from '../../../src/answer/qa-service.js';
import type { QaService } from '../../../src/answer/qa-service-types.js';
import { startDiscordBot, type DiscordBotHandle } from '../../../src/bots/discord/bot.js';
import { startTelegramBot } from '../../../src/bots/telegram/index.js';
import { loadDiscordConfig } from '../../../src/config/discord-config.js';
import { loadTelegramConfig } from '../../../src/config/telegram-config.js';
import { ingest } from '../../../src/ingestion/ingest.js';
import { FAKE, FakeDiscord } from '../../helpers/fakes/fake-discord.js';
import { FakeTelegramApi, privateChat, telegramHtmlToText } from '../../helpers/fakes/fake-telegram-api.js';
import { defaultConfig } from '../../helpers/shipped-qa.js';
import { tempDir, writeCorpus } from '../../helpers/operations-helpers.js';

// The real escapeMarkdown, watched: how long a text the Discord bot ever asks it to escape.
const escaped: number[] = [];
vi.mock('discord.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('discord.js')>();
  return {
    ...actual,
    escapeMarkdown: (text: string, options?: Parameters<typeof actual.escapeMarkdown>[1]) => {
      escaped.push(text.length);
      return actual.escapeMarkdown(text, options);
    },
  };
});

const TELEGRAM_TOKEN = '123456789:AAH-hostile_replies_token_0123456789';
const DISCORD_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.GfAkEt.fake-token-for-tests-only-000000';

/** A 280 KB briefing that is one sentence: no full stop, no comma, nowhere a sentence ends. */
function oneSentenceBriefing(): string {
  const filler = Array.from({ length: 40_000 }, (_, i) => ['hàng', 'hoá', 'qua', 'cảng', 'biển', 'tăng', 'trưởng', 'mạnh'][i % 8]).join(
    ' ',
  );
  return `Cảng Hải Phòng đón tàu container\n\nCảng Hải Phòng đón tàu container cỡ lớn ${filler} trong năm nay\n`;
}

/** A 280 KB one-sentence briefing asked about in each chat: one question gets a few messages, not hundreds. */
describe('a reply to a question about a briefing with no sentence punctuation', () => {
  let tmp: { dir: string; cleanup: () => void };
  let qa: QaService;

  beforeAll(async () => {
    tmp = tempDir('hostile-replies-');
    const corpus = path.join(tmp.dir, 'corpus');
    writeCorpus(corpus, { 'mot-cau.txt': oneSentenceBriefing() });
    const indexDir = path.join(tmp.dir, 'index');
    await ingest({ inputs: [corpus], indexDir, embedder: null });
    qa = await createQaService(defaultConfig({ INDEX_DIR: indexDir }));
  });
  afterAll(async () => {
    await qa?.close();
    tmp?.cleanup();
  });

  it('is at most three Telegram messages, each within 4,096 characters, the answer cut with "…"', async () => {
    const api = new FakeTelegramApi(TELEGRAM_TOKEN);
    const bot = await startTelegramBot(
      qa,
      loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_ROOT: await api.start() }),
    );
    try {
      const { chat, user } = privateChat(7001);
      api.sendText(chat, user, 'Cảng Hải Phòng đón tàu container cỡ lớn?');
      // A chat is served in order: once /help is answered, every message of the first reply was sent.
      api.sendText(chat, user, '/help');
      await api.waitFor(
        (calls) =>
          calls.some(
            (c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === 7001 && String(c.payload.text).includes('/sources'),
          ),
        'the /help reply',
      );
      const sent = api.callsOf('sendMessage', 7001).map((c) => String(c.payload.text));
      const reply = sent.slice(0, -1);
      expect(reply.length).toBeGreaterThanOrEqual(1);
      expect(reply.length).toBeLessThanOrEqual(3);
      for (const html of reply) expect(html.length).toBeLessThanOrEqual(4096);
      const text = reply.map(telegramHtmlToText).join('\n');
      expect(text).toContain('Cảng Hải Phòng đón tàu container');
      expect(text).toMatch(/…/);
      expect(text.length).toBeLessThan(8000);
    } finally {
      await bot.stop();
      await api.close();
    }
  });

  it("is at most three Discord messages, and nothing near the briefing's size is ever escaped", async () => {
    const fake = await new FakeDiscord().start();
    const config = loadDiscordConfig({ DISCORD_TOKEN, DISCORD_APPLICATION_ID: FAKE.applicationId, DISCORD_API_URL: fake.apiUrl });
    const bot: DiscordBotHandle = await startDiscordBot(qa, config, { rest: { retries: 0, timeout: 10_000 } });
    try {
      escaped.length = 0;
      const mention = fake.message(`<@${FAKE.botId}> Cảng Hải Phòng đón tàu container cỡ lớn?`, { mentionBot: true });
      // The sources embed rides on the last message of a reply.
      await fake.waitForCall((c) => c.method === 'POST' && /\/channels\/\d+\/messages$/.test(c.path) && (c.body?.embeds?.length ?? 0) > 0);
      const first = fake.calls.findIndex((c) => c.method === 'POST' && c.body?.message_reference?.message_id === mention.id);
      expect(first).toBeGreaterThanOrEqual(0);
      const reply = fake.calls.slice(first).filter((c) => c.method === 'POST' && /\/channels\/\d+\/messages$/.test(c.path));
      expect(reply.length).toBeLessThanOrEqual(3);
      for (const c of reply) expect(String(c.body.content).length).toBeLessThanOrEqual(2000);
      expect(String(reply[0]!.body.content)).toContain('Cảng Hải Phòng đón tàu container');
      expect(Math.max(...escaped)).toBeLessThanOrEqual(6000);
      expect(discord.escapeMarkdown).toBeTypeOf('function');
    } finally {
      await bot.stop();
      await fake.close();
    }
  });
});
