import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QaService } from '../../src/answer/qa-service-types.js';
import { startTelegramBot, type TelegramBotHandle } from '../../src/bots/telegram/index.js';
import { loadTelegramConfig } from '../../src/config/telegram-config.js';
import { createChatCore, type ChatCore } from '../../src/conversation/chat-core.js';
import { FakeQaService, makeAnswer } from '../helpers/fakes/fake-qa-service.js';
import {
  FakeTelegramApi,
  groupChat,
  privateChat,
  telegramHtmlToText,
  user,
  type RecordedCall,
} from '../helpers/fakes/fake-telegram-api.js';
import { briefingsQa } from '../helpers/briefing-index.js';
import { eventually, ROOT } from '../helpers/operations-helpers.js';
import { CITY_REPORTS } from '../helpers/conversation-briefings.js';

const TOKEN = '123456789:AAH-secret_token_for_tests_0123456789';
const ADMIN = 9001;

let shared: { qa: QaService; indexDir: string; close(): Promise<void> };
beforeAll(async () => {
  shared = await briefingsQa('tg-conversation-', CITY_REPORTS);
});
afterAll(() => shared?.close());

interface Running {
  api: FakeTelegramApi;
  handle: TelegramBotHandle;
  chat: ChatCore;
  logs: string[];
  /** Moves the conversation memory's clock forward. */
  advance(ms: number): void;
}
const running: Running[] = [];

async function startBot(options: { qa?: QaService; logQuestions?: boolean } = {}): Promise<Running> {
  const api = new FakeTelegramApi(TOKEN);
  const apiRoot = await api.start();
  const config = loadTelegramConfig({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_EDIT_INTERVAL_MS: '0',
    TELEGRAM_ADMIN_IDS: String(ADMIN),
  });
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  let now = 1_000_000;
  const qa = options.qa ?? shared.qa;
  const chat = createChatCore(qa, { indexDir: qa.indexDir, logQuestions: options.logQuestions ?? false, now: () => now });
  const handle = await startTelegramBot(qa, config, { logger, chat });
  const r: Running = { api, handle, chat, logs, advance: (ms) => void (now += ms) };
  running.push(r);
  return r;
}

afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.handle.stop();
    await r.api.close();
    r.chat.close();
  }
});

const texts = (api: FakeTelegramApi, chatId: number) => api.callsOf('sendMessage', chatId).map((c) => telegramHtmlToText(c.payload.text));

/** Sends `text` and resolves with what the user reads in the bot's answer to it. */
async function askAndRead(
  api: FakeTelegramApi,
  chat: ReturnType<typeof privateChat>,
  text: string,
  extra = {},
): Promise<{ text: string; call: RecordedCall }> {
  const before = api.callsOf('sendMessage', chat.chat.id).length;
  api.sendText(chat.chat, chat.user, text, extra);
  await api.waitForMessages(chat.chat.id, before + 1);
  const call = api.callsOf('sendMessage', chat.chat.id)[before]!;
  return { text: telegramHtmlToText(call.payload.text), call };
}

describe('Telegram: a conversation', () => {
  it('answers "Còn … thì sao?" and "Thế còn <another city>?" with the right figures, saying how it understood them', async () => {
    const { api } = await startBot();
    const lan = privateChat(801);

    const first = await askAndRead(api, lan, 'Hải Phòng đón bao nhiêu lượt khách du lịch 9 tháng năm 2023?');
    expect(first.text).toMatch(/^Trong 9 tháng năm 2023, Hải Phòng đón 7,9 triệu lượt khách du lịch/);
    expect(first.text).not.toContain('Hiểu là');

    const second = await askAndRead(api, lan, 'Còn xuất khẩu thì sao?');
    expect(second.text.split('\n')[0]).toBe('Hiểu là: Xuất khẩu là bao nhiêu ở Hải Phòng trong 9 tháng đầu năm 2023?');
    expect(second.text).toContain('20,5 tỷ USD');

    const third = await askAndRead(api, lan, 'Thế còn Đà Nẵng?');
    expect(third.text.split('\n')[0]).toBe('Hiểu là: Xuất khẩu là bao nhiêu ở Đà Nẵng trong 9 tháng đầu năm 2023?');
    expect(third.text).toContain('1,2 tỷ USD');
    expect(third.text).not.toContain('20,5');
  });

  it('never rewrites a self-contained question', async () => {
    const { api } = await startBot();
    const lan = privateChat(802);
    await askAndRead(api, lan, 'Hải Phòng đón bao nhiêu lượt khách du lịch 9 tháng năm 2023?');
    const next = await askAndRead(api, lan, 'FDI của Đà Nẵng đạt bao nhiêu?');
    expect(next.text).not.toContain('Hiểu là');
    expect(next.text).toContain('120 triệu USD');
  });

  it('forgets the conversation on /new', async () => {
    const { api } = await startBot();
    const lan = privateChat(803);
    await askAndRead(api, lan, 'Hải Phòng đón bao nhiêu lượt khách du lịch 9 tháng năm 2023?');
    const reset = await askAndRead(api, lan, '/new');
    expect(reset.text).toContain('Đã bắt đầu cuộc trò chuyện mới');
    const after = await askAndRead(api, lan, 'Còn xuất khẩu thì sao?');
    expect(after.text).not.toContain('Hiểu là');
    expect(after.text).not.toContain('Hải Phòng 9 tháng');
  });

  it('forgets a conversation left silent longer than its time to live (30 minutes by default)', async () => {
    const r = await startBot();
    const lan = privateChat(804);
    await askAndRead(r.api, lan, 'Hải Phòng đón bao nhiêu lượt khách du lịch 9 tháng năm 2023?');
    r.advance(29 * 60_000);
    expect((await askAndRead(r.api, lan, 'Còn xuất khẩu thì sao?')).text).toContain('Hiểu là: Xuất khẩu là bao nhiêu ở Hải Phòng');
    r.advance(31 * 60_000);
    expect((await askAndRead(r.api, lan, 'Thế còn Đà Nẵng?')).text).not.toContain('Hiểu là');
  });

  it('keeps one thread per group member, continued by a reply to the bot', async () => {
    const { api } = await startBot();
    const group = groupChat(810);
    const minh = { chat: group, user: user(811, 'Minh') };
    const hoa = { chat: group, user: user(812, 'Hoa') };
    const asked = await askAndRead(api, minh, '/ask Hải Phòng đón bao nhiêu lượt khách du lịch 9 tháng năm 2023?');
    // Hoa's own question does not lean on Minh's …
    expect((await askAndRead(api, hoa, '/ask Còn xuất khẩu thì sao?')).text).not.toContain('Hiểu là');
    // … but her reply to the bot's answer to Minh continues that thread.
    const reply = await askAndRead(api, hoa, 'Thế còn Đà Nẵng?', { reply_to_message: asked.call.result });
    expect(reply.text).toContain('Hiểu là');
    expect(reply.text).toContain('Đà Nẵng đón 5,6 triệu lượt khách du lịch');
  });

  it('never logs the questions of a conversation unless LOG_QUESTIONS is on', async () => {
    const quiet = await startBot();
    const lan = privateChat(805);
    await askAndRead(quiet.api, lan, 'Hải Phòng đón bao nhiêu lượt khách du lịch 9 tháng năm 2023?');
    await askAndRead(quiet.api, lan, 'Còn xuất khẩu thì sao?');
    const logged = await eventually(() => {
      const lines = quiet.logs.join('\n');
      return lines.includes('"followUp":true') ? lines : undefined;
    }, 'the follow-up logged');
    expect(logged).not.toContain('xuất khẩu');
    expect(logged).not.toContain('khách du lịch');
  });
});

describe('Telegram: buttons under an answer', () => {
  it('shows the full cited passage under the answer on 📄 Nguồn, and counts 👍/👎 in /stats and npm run feedback', async () => {
    const { api } = await startBot();
    const lan = privateChat(820);
    const { call } = await askAndRead(api, lan, 'FDI của Hải Phòng tăng bao nhiêu?');
    const buttons = call.payload.reply_markup.inline_keyboard[0] as Array<{ text: string; callback_data: string }>;
    expect(buttons.map((b) => b.text)).toEqual(['📄 Nguồn', '👍', '👎']);

    api.pressButton(lan.user, call.result!, buttons[0]!.callback_data);
    await api.waitForMessages(820, 2);
    const sources = texts(api, 820)[1]!;
    expect(sources).toContain('Hải Phòng: kinh tế 9 tháng năm 2023');
    // The whole passage, not just the cited sentence.
    expect(sources).toContain('Kim ngạch xuất khẩu của thành phố đạt 20,5 tỷ USD');
    expect(api.callsOf('sendMessage', 820)[1]!.payload.reply_parameters.message_id).toBe(call.result!.message_id);

    api.pressButton(lan.user, call.result!, buttons[2]!.callback_data);
    api.pressButton(user(ADMIN), call.result!, buttons[1]!.callback_data);
    await api.waitFor((calls) => calls.filter((c) => c.method === 'answerCallbackQuery').length >= 3, 'three button presses acknowledged');
    expect(api.callsOf('answerCallbackQuery').at(-1)!.payload.text).toBe('Cảm ơn bạn đã góp ý!');

    const admin = privateChat(ADMIN);
    const stats = await askAndRead(api, admin, '/stats');
    expect(stats.text).toContain('Góp ý: 👍 1 · 👎 1 (👎 chiếm 50%)');

    const table = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/feedback.ts', '--index', shared.indexDir, '--json'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(table.status).toBe(0);
    const votes = table.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { vote: string; docIds: string[]; question: string | null });
    expect(votes.map((v) => v.vote).sort()).toEqual(['down', 'up']);
    for (const v of votes) {
      expect(v.docIds).toEqual(['hai-phong-9-thang']);
      expect(v.question).toBeNull();
    }
  });

  it('sends the sources privately to the member who pressed 📄 Nguồn in a group, or tells them to open a chat first', async () => {
    const { api } = await startBot();
    const group = groupChat(860);
    const minh = { chat: group, user: user(861, 'Minh') };
    const { call } = await askAndRead(api, minh, '/ask FDI của Hải Phòng tăng bao nhiêu?');
    const [sourcesButton] = call.payload.reply_markup.inline_keyboard[0] as Array<{ callback_data: string }>;

    api.pressButton(minh.user, call.result!, sourcesButton!.callback_data);
    await api.waitForMessages(861);
    expect(texts(api, 861)[0]).toContain('Kim ngạch xuất khẩu của thành phố đạt 20,5 tỷ USD');
    expect(api.callsOf('sendMessage', group.id)).toHaveLength(1);
    await api.waitFor((calls) => calls.some((c) => c.method === 'answerCallbackQuery'), 'the press acknowledged');
    expect(api.callsOf('answerCallbackQuery')[0]!.payload.text).toBe('Tôi đã gửi nguồn cho bạn trong trò chuyện riêng.');

    api.failNext('sendMessage', 403, "Forbidden: bot can't initiate conversation with a user");
    api.pressButton(user(862, 'Hoa'), call.result!, sourcesButton!.callback_data);
    await api.waitFor((calls) => calls.filter((c) => c.method === 'answerCallbackQuery').length >= 2, 'the second press acknowledged');
    expect(api.callsOf('answerCallbackQuery')[1]!.payload).toMatchObject({
      show_alert: true,
      text: expect.stringContaining('mở trò chuyện riêng'),
    });
    expect(api.callsOf('sendMessage', group.id)).toHaveLength(1);
  });

  it('keeps the buttons of old answers working after a restart, and says politely when an answer has expired', async () => {
    const first = await startBot();
    const lan = privateChat(830);
    const { call } = await askAndRead(first.api, lan, 'FDI của Hải Phòng tăng bao nhiêu?');
    const [sourcesButton] = call.payload.reply_markup.inline_keyboard[0] as Array<{ callback_data: string }>;
    await first.handle.stop();

    const restarted = await startBot();
    restarted.api.pressButton(lan.user, call.result!, sourcesButton!.callback_data);
    await restarted.api.waitForMessages(830);
    expect(texts(restarted.api, 830)[0]).toContain('Thu hút vốn FDI đạt 3,055 tỷ USD');

    restarted.api.pressButton(lan.user, call.result!, 'a:s:unknownAnswer');
    await restarted.api.waitFor(
      (calls) => calls.some((c) => c.method === 'answerCallbackQuery' && c.payload.show_alert === true),
      'the expired notice',
    );
    expect(restarted.api.callsOf('answerCallbackQuery').at(-1)!.payload.text).toContain('câu trả lời này đã cũ');
  });

  it('asks Telegram for button presses (callback_query) along with messages, and lists its commands for English apps too', async () => {
    const { api } = await startBot();
    await eventually(() => api.lastPoll ?? undefined, 'a poll for updates');
    expect(api.lastPoll!.allowed_updates).toEqual(['message', 'callback_query']);
    expect(api.callsOf('setMyCommands').map((c) => c.payload.language_code ?? 'default')).toEqual(['default', 'en']);
  });

  it('logs the question and how it was understood when LOG_QUESTIONS is on', async () => {
    const chatty = await startBot({ logQuestions: true });
    const lan = privateChat(806);
    await askAndRead(chatty.api, lan, 'Hải Phòng đón bao nhiêu lượt khách du lịch 9 tháng năm 2023?');
    await askAndRead(chatty.api, lan, 'Còn xuất khẩu thì sao?');
    await eventually(
      () =>
        chatty.logs.some((l) => l.includes('"understoodAs":"Xuất khẩu là bao nhiêu ở Hải Phòng trong 9 tháng đầu năm 2023?"'))
          ? true
          : undefined,
      'the understood question logged',
    );
  });
});

describe('Telegram: language and presentation', () => {
  it('answers in English fixed messages when the question is English or the app is set to English', async () => {
    const qa = new FakeQaService();
    qa.answerWith = (question) =>
      makeAnswer({ question, status: 'not_found', answer: 'Xin lỗi, tôi không tìm thấy thông tin.', citations: [] });
    const { api } = await startBot({ qa });
    const john = privateChat(840, 'John');
    expect((await askAndRead(api, john, 'How many tourists visited Da Nang?')).text).toBe(
      'Sorry, I found nothing in the briefings that answers this question.',
    );
    const english = { chat: john.chat, user: { ...john.user, language_code: 'en' } };
    expect((await askAndRead(api, english, '/help')).text).toContain('Hello! I answer questions about Vietnamese regional news briefings');
    expect((await askAndRead(api, english, '/new')).text).toBe('Started a new conversation: earlier questions no longer count.');
    expect((await askAndRead(api, privateChat(841), 'Giá vàng hôm nay?')).text).toBe('Xin lỗi, tôi không tìm thấy thông tin.');
  });

  it('tells a user over the rate limit once, with the wait, and answers again once the window has passed', async () => {
    const api = new FakeTelegramApi(TOKEN);
    const apiRoot = await api.start();
    const qa = new FakeQaService();
    const config = loadTelegramConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      TELEGRAM_RATE_LIMIT: '1',
      TELEGRAM_RATE_WINDOW_SECONDS: '1',
    });
    const chat = createChatCore(qa, { indexDir: qa.indexDir });
    const handle = await startTelegramBot(qa, config, { logger: pino({ level: 'silent' }), chat });
    running.push({ api, handle, chat, logs: [], advance: () => {} });
    const lan = privateChat(870);
    await askAndRead(api, lan, 'Một?');
    expect((await askAndRead(api, lan, 'Hai?')).text).toMatch(
      /^Bạn đang hỏi hơi nhanh: tối đa 1 câu hỏi mỗi 1 giây\. Vui lòng đợi khoảng 1 giây/,
    );
    api.sendText(lan.chat, lan.user, 'Ba?');
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await askAndRead(api, lan, 'Bốn?')).text).not.toContain('hỏi hơi nhanh');
    expect(qa.questions).toEqual(['Một?', 'Bốn?']);
    expect(texts(api, 870)).toHaveLength(3);
  });

  it('labels the buttons in English for an English question', async () => {
    const qa = new FakeQaService();
    const { api } = await startBot({ qa });
    const { call } = await askAndRead(api, privateChat(842), 'What is the FDI of Hai Phong?');
    expect((call.payload.reply_markup.inline_keyboard[0] as Array<{ text: string }>).map((b) => b.text)).toEqual([
      '📄 Sources',
      '👍',
      '👎',
    ]);
  });

  it('quotes the cited sentence in its context instead of repeating the answer word for word', async () => {
    const { api } = await startBot();
    const { text } = await askAndRead(api, privateChat(850), 'FDI của Hải Phòng tăng bao nhiêu?');
    const [answer, sources] = text.split('\n\nNguồn:\n\n');
    expect(answer).toBe('Thu hút vốn FDI đạt 3,055 tỷ USD, tăng 140,3% [1].');
    const quote = sources!.split('\n').at(-1)!;
    expect(quote).not.toBe('“Thu hút vốn FDI đạt 3,055 tỷ USD, tăng 140,3%.”');
    expect(quote).toBe(
      '“Kim ngạch xuất khẩu của thành phố đạt 20,5 tỷ USD, tăng 5,1%. ' +
        'Thu hút vốn FDI đạt 3,055 tỷ USD, tăng 140,3%. Chỉ số sản xuất công nghiệp tăng 13,2%.”',
    );
  });

  it('answers "Có tin gì mới?" in at most 600 characters: three dated titles, no sentence printed twice', async () => {
    const { api } = await startBot();
    const { text } = await askAndRead(api, privateChat(851), 'Có tin gì mới?');
    expect(text.length).toBeLessThanOrEqual(600);
    const lines = text.split('\n').filter((l) => l.startsWith('• '));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^• 19\/10\/2023 — Hải Phòng: kinh tế 9 tháng năm 2023: /);
    const sentences = text
      .split(/(?<=[.!?])\s+/)
      .map((s) => s.replace(/\s*\[\d+\]/, '').trim())
      .filter((s) => s.length > 20);
    expect(new Set(sentences).size).toBe(sentences.length);
  });
});
