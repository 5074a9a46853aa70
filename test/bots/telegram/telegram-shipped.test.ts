import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaService } from '../../../src/answer/qa-service-types.js';
import { startTelegramBot, type TelegramBotHandle } from '../../../src/bots/telegram/index.js';
import { loadTelegramConfig } from '../../../src/config/telegram-config.js';
import {
  FakeTelegramApi,
  groupChat,
  privateChat,
  reindexFromTelegram,
  telegramHtmlToText,
  user,
} from '../../helpers/fakes/fake-telegram-api.js';
import { createShippedQa } from '../../helpers/shipped-qa.js';

const TOKEN = '123456789:AAH-shipped_corpus_token_0123456789';

/** The real core over the shipped briefing, behind the real grammY bot talking to a fake Bot API. */
describe('Telegram bot over the shipped corpus', () => {
  let shipped: { qa: QaService; close(): Promise<void> };
  let api: FakeTelegramApi;
  let bot: TelegramBotHandle;

  beforeAll(async () => {
    shipped = await createShippedQa();
    api = new FakeTelegramApi(TOKEN);
    const apiRoot = await api.start();
    bot = await startTelegramBot(
      shipped.qa,
      loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, TELEGRAM_ADMIN_IDS: '42' }),
    );
  });

  afterAll(async () => {
    await bot?.stop();
    await api?.close();
    await shipped?.close();
  });

  function answerIn(chatId: number): string {
    return telegramHtmlToText(api.callsOf('sendMessage', chatId).at(-1)!.payload.text);
  }

  it('answers "FDI tăng bao nhiêu?" in a private chat with 140,3%, citing the Hải Phòng briefing', async () => {
    const { chat, user: lan } = privateChat(3001);
    api.sendText(chat, lan, 'FDI tăng bao nhiêu?');
    await api.waitForMessages(3001);
    const text = answerIn(3001);
    const [answer, sources] = text.split('\nNguồn:\n');
    expect(answer).toContain('140,3%');
    expect(answer).toMatch(/\[1\]/);
    // The Hải Phòng briefing of 19/10/2023 (corpus/hai-phong-2023-10-19.md), quoted where it says so.
    expect(sources).toContain('1. Tập trung thực hiện các mục tiêu phát triển kinh tế, xã hội\nTTXVN · 19/10/2023\n');
    expect(sources).toMatch(/“[^”]*140,3%[^”]*”/);
  });

  it('answers the same question typed without diacritics', async () => {
    const { chat, user: minh } = privateChat(3002);
    api.sendText(chat, minh, 'FDI tang bao nhieu?');
    await api.waitForMessages(3002);
    expect(answerIn(3002)).toContain('140,3%');
  });

  it('answers /ask in a group and repeats the sources on /sources', async () => {
    const group = groupChat(3003);
    api.sendText(group, user(7), '/ask FDI tăng bao nhiêu?');
    api.sendText(group, user(7), '/sources');
    await api.waitForMessages(group.id, 2);
    expect(telegramHtmlToText(api.callsOf('sendMessage', group.id)[0]!.payload.text)).toContain('140,3%');
    const sources = answerIn(group.id);
    expect(sources).toContain('Nguồn của câu trả lời gần nhất:');
    expect(sources).toContain('TTXVN · 19/10/2023');
  });

  it('tells /help how many briefings it knows and the newest date', async () => {
    const { documents, newestDate } = shipped.qa.stats();
    expect(documents).toBeGreaterThan(0);
    const [y, m, d] = newestDate!.split('-');
    const { chat, user: lan } = privateChat(3004);
    api.sendText(chat, lan, '/help');
    await api.waitForMessages(3004);
    expect(answerIn(3004)).toContain(`Tôi đang có ${documents.toLocaleString('vi-VN')} bản tin, mới nhất ngày ${d}/${m}/${y}.`);
  });

  it('lets an admin /reindex the shipped corpus, reporting the summary, then answers from the new index', async () => {
    const { chat, user: admin } = privateChat(42);
    const summary = await reindexFromTelegram(api, 42, 120_000);
    expect(summary).toMatch(/Tệp đã đọc: \d+; thêm \d+, sửa \d+, giữ nguyên \d+, xoá 0\./);
    api.sendText(chat, admin, 'FDI tăng bao nhiêu?');
    await api.waitForMessages(42, 3);
    expect(answerIn(42)).toContain('140,3%');
  });
});
