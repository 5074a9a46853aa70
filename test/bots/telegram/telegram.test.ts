import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../../src/config/parse-env.js';
import { loadTelegramConfig } from '../../../src/config/telegram-config.js';
import { startTelegramBot, type TelegramBotHandle } from '../../../src/bots/telegram/index.js';
import type { AnswerEvent } from '../../../src/answer/types.js';
import { FakeQaService, makeAnswer } from '../../helpers/fakes/fake-qa-service.js';
import { FakeReindexer } from '../../helpers/fakes/fake-reindexer.js';
import {
  FAKE_BOT,
  FakeTelegramApi,
  groupChat,
  privateChat,
  telegramHtmlToText,
  user,
  type RecordedCall,
} from '../../helpers/fakes/fake-telegram-api.js';

const TOKEN = '123456789:AAH-secret_token_for_tests_0123456789';

interface Running {
  api: FakeTelegramApi;
  qa: FakeQaService;
  handle: TelegramBotHandle;
  logs: string[];
}
const running: Running[] = [];

async function startBot(
  options: { env?: Record<string, string>; qa?: FakeQaService; reindexer?: FakeReindexer; logQuestions?: boolean } = {},
): Promise<Running> {
  const api = new FakeTelegramApi(TOKEN);
  const apiRoot = await api.start();
  const config = loadTelegramConfig({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: `${apiRoot}/`,
    TELEGRAM_EDIT_INTERVAL_MS: '0',
    ...options.env,
  });
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const qa = options.qa ?? new FakeQaService();
  const reindexer = options.reindexer ?? new FakeReindexer();
  const handle = await startTelegramBot(qa, config, { logger, logQuestions: options.logQuestions ?? false, reindexer });
  const r = { api, qa, handle, logs };
  running.push(r);
  return r;
}

afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.handle.stop();
    await r.api.close();
  }
});

/** Text of the messages the bot sent to a chat, as the user reads them (HTML parsed strictly). */
function textsTo(api: FakeTelegramApi, chatId: number): string[] {
  return api.callsOf('sendMessage', chatId).map((c) => telegramHtmlToText(c.payload.text));
}

function lastSent(api: FakeTelegramApi, chatId: number): RecordedCall {
  const calls = api.callsOf('sendMessage', chatId);
  return calls[calls.length - 1]!;
}

describe('Telegram bot: private chats', () => {
  it('answers a question as a reply, with the numbered sources under it, after showing "typing…"', async () => {
    const { api, qa } = await startBot();
    qa.answerWith = (question) =>
      makeAnswer({
        question,
        answer: 'Vốn FDI thu hút đạt 3,055 tỷ USD, tăng 140,3% [1].',
        citations: [
          {
            n: 1,
            docId: 'hp',
            title: 'Hải Phòng: 9 tháng tăng trưởng 10,08%',
            source: 'TTXVN',
            url: 'https://example.vn/hp?a=1&b=2',
            date: '2023-10-19',
            text: 'Thu hút FDI đạt 3,055 tỷ USD, tăng 140,3%.',
          },
        ],
      });
    const { chat, user: lan } = privateChat(501);
    const question = api.sendText(chat, lan, 'FDI tăng bao nhiêu?');
    await api.waitForMessages(501);

    expect(qa.questions).toEqual(['FDI tăng bao nhiêu?']);
    expect(api.callsOf('sendChatAction', 501)[0]?.payload.action).toBe('typing');
    const sent = lastSent(api, 501);
    expect(sent.payload.reply_parameters.message_id).toBe(question.message_id);
    expect(sent.payload.parse_mode).toBe('HTML');
    // The title is the link to the article.
    expect(sent.payload.text).toContain('<b><a href="https://example.vn/hp?a=1&amp;b=2">Hải Phòng: 9 tháng tăng trưởng 10,08%</a></b>');
    const text = telegramHtmlToText(sent.payload.text);
    expect(text).toMatch(
      new RegExp(
        /^Vốn FDI thu hút đạt 3,055 tỷ USD, tăng 140,3% \[1\]\.\n\nNguồn:\n\n/.source +
          /1\. Hải Phòng: 9 tháng tăng trưởng 10,08%\nTTXVN · 19\/10\/2023\n/.source,
      ),
    );
    expect(text).toContain('“Thu hút FDI đạt 3,055 tỷ USD, tăng 140,3%.”');
  });

  it('shows a not-found answer without a sources list', async () => {
    const { api, qa } = await startBot();
    qa.answerWith = (question) =>
      makeAnswer({
        question,
        status: 'not_found',
        answer: 'Không tìm thấy thông tin về câu hỏi này.',
        citations: [{ n: 1, docId: 'x', title: 'Gần đúng', source: null, url: null, date: null, text: 'không liên quan' }],
      });
    const { chat, user: lan } = privateChat(502);
    api.sendText(chat, lan, 'Giá vàng hôm nay?');
    await api.waitForMessages(502);
    expect(textsTo(api, 502)).toEqual(['Không tìm thấy thông tin về câu hỏi này.']);
  });

  it('keeps <, >, &, _, * and [ intact in questions, answers and sources', async () => {
    const { api, qa } = await startBot();
    const tricky = 'a<b> & c_d *e* [f](g) </i> &amp; <script>';
    qa.answerWith = (question) =>
      makeAnswer({
        question,
        answer: `Bạn hỏi: ${question}`,
        citations: [
          { n: 1, docId: 'd', title: `T ${tricky}`, source: `S ${tricky}`, url: 'not a url <x>', date: null, text: `Q ${tricky}` },
        ],
      });
    const { chat, user: lan } = privateChat(503);
    api.sendText(chat, lan, tricky);
    await api.waitForMessages(503);
    expect(qa.questions).toEqual([tricky]);
    const [text] = textsTo(api, 503); // parsing strictly proves the HTML is valid
    expect(text).toContain(`Bạn hỏi: ${tricky}`);
    expect(text).toContain(`1. T ${tricky}`);
    expect(text).toContain(`S ${tricky}`);
    expect(text).toContain('not a url <x>');
    expect(text).toContain(`“Q ${tricky}”`);
  });

  it('splits a long answer into at most three valid messages of at most 4,096 characters, losing nothing', async () => {
    const { api, qa } = await startBot();
    const lines = Array.from(
      { length: 60 },
      (_, i) => `Dòng ${i}: chỉ số <${i}> & kết quả tăng ${i},5% so với cùng kỳ năm trước, theo báo cáo.`,
    );
    const longQuote = Array.from({ length: 400 }, (_, i) => `từ${i}`).join(' ');
    qa.answerWith = (question) =>
      makeAnswer({
        question,
        answer: lines.join('\n'),
        citations: [{ n: 1, docId: 'd', title: 'Báo cáo dài', source: 'TTXVN', url: null, date: '2023-10-19', text: longQuote }],
      });
    const { chat, user: lan } = privateChat(504);
    api.sendText(chat, lan, 'Cho tôi mọi chỉ số');
    await api.waitFor(() => textsTo(api, 504).join('\n').includes('từ399'), 'the whole long answer');

    const sent = api.callsOf('sendMessage', 504).map((c) => c.payload.text as string);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.length).toBeLessThanOrEqual(3);
    for (const html of sent) expect(html.length).toBeLessThanOrEqual(4096);
    const texts = sent.map(telegramHtmlToText);
    // Cuts fall between lines: every line arrives whole, in order.
    const received = texts.join('\n').split('\n');
    const wanted = lines.map((l) => received.indexOf(l));
    expect(wanted.every((at) => at >= 0)).toBe(true);
    expect([...wanted].sort((a, b) => a - b)).toEqual(wanted);
    // The one very long quote is cut between words, never inside one.
    const words = texts.join(' ').match(/từ\d+/g)!;
    expect(words).toEqual(Array.from({ length: 400 }, (_, i) => `từ${i}`));
  });

  it('repeats the full citations of the last answer on /sources', async () => {
    const { api, qa } = await startBot();
    const { chat, user: lan } = privateChat(505);
    api.sendText(chat, lan, '/sources');
    await api.waitForMessages(505);
    expect(textsTo(api, 505)[0]).toContain('Chưa có câu trả lời nào');

    qa.answerWith = (question) =>
      makeAnswer({
        question,
        citations: [
          { n: 1, docId: 'a', title: 'Bản tin A', source: 'TTXVN', url: 'https://a.vn/1', date: '2023-10-19', text: 'Câu A.' },
          { n: 2, docId: 'b', title: 'Bản tin B', source: null, url: null, date: '2023-10', text: 'Câu B.' },
        ],
      });
    api.sendText(chat, lan, 'Có gì mới?');
    api.sendText(chat, lan, '/sources');
    await api.waitForMessages(505, 3);
    const text = textsTo(api, 505)[2]!;
    expect(text).toContain('Nguồn của câu trả lời gần nhất:');
    expect(text).toContain('1. Bản tin A\nTTXVN · 19/10/2023\n“Câu A.”');
    expect(lastSent(api, 505).payload.text).toContain('<b><a href="https://a.vn/1">Bản tin A</a></b>');
    expect(text).toContain('2. Bản tin B\n10/2023\n“Câu B.”');
  });

  it('explains on /start and /help what it knows and how to ask, in Vietnamese', async () => {
    const { api } = await startBot();
    const { chat, user: lan } = privateChat(506);
    api.sendText(chat, lan, '/start');
    api.sendText(chat, lan, '/help');
    await api.waitForMessages(506, 2);
    for (const text of textsTo(api, 506)) {
      expect(text).toContain('Tôi đang có 2 bản tin, mới nhất ngày 19/10/2023.');
      expect(text).toContain('/ask <câu hỏi>');
      expect(text).toContain(`@${FAKE_BOT.username}`);
      expect(text).toContain('FDI của Hải Phòng tăng bao nhiêu?');
    }
  });

  it('registers its command menu at start-up', async () => {
    const { api } = await startBot();
    const commands = api.callsOf('setMyCommands')[0]!.payload.commands.map((c: { command: string }) => c.command);
    expect(commands).toEqual(['ask', 'new', 'sources', 'help']);
  });
});

describe('Telegram bot: groups', () => {
  it('ignores chatter and answers /ask, @mentions and replies to the bot', async () => {
    const { api, qa } = await startBot();
    const group = groupChat(600);
    const minh = user(61);
    api.sendText(group, minh, 'Chào cả nhà, hôm nay trời đẹp quá');
    api.sendText(group, minh, 'Ai biết FDI tăng bao nhiêu không?');
    api.sendText(group, minh, '/ask FDI tăng bao nhiêu?');
    api.sendText(group, minh, `/ask@${FAKE_BOT.username} GRDP tăng bao nhiêu?`);
    api.sendText(group, minh, `@${FAKE_BOT.username} khách du lịch bao nhiêu?`);
    api.sendText(group, minh, 'còn xuất khẩu thì sao?', {
      reply_to_message: { message_id: 1, date: 0, chat: group, from: FAKE_BOT, text: 'Trả lời trước' } as never,
    });
    api.sendText(group, minh, 'còn nhập khẩu?', {
      reply_to_message: { message_id: 2, date: 0, chat: group, from: user(62), text: 'tin của người khác' } as never,
    });
    api.sendText(group, minh, '/ask cuối cùng');
    await api.waitForMessages(group.id, 5);
    // The reply to the bot continues Minh's thread: its follow-up is asked as a standalone question.
    expect(qa.questions).toEqual([
      'FDI tăng bao nhiêu?',
      'GRDP tăng bao nhiêu?',
      'khách du lịch bao nhiêu?',
      'Xuất khẩu là bao nhiêu?',
      'cuối cùng',
    ]);
    expect(api.callsOf('sendMessage', group.id)).toHaveLength(5);
  });

  it('asks for the question when /ask comes alone', async () => {
    const { api, qa } = await startBot();
    const group = groupChat(601);
    api.sendText(group, user(63), '/ask');
    await api.waitForMessages(group.id);
    expect(textsTo(api, group.id)[0]).toContain('Hãy viết câu hỏi sau lệnh');
    expect(qa.questions).toEqual([]);
  });
});

describe('Telegram bot: limits and access', () => {
  it('answers the excess of a user over the rate limit with a polite message, once, and serves others', async () => {
    const { api, qa } = await startBot({ env: { TELEGRAM_RATE_LIMIT: '2', TELEGRAM_RATE_WINDOW_SECONDS: '3600' } });
    const group = groupChat(700);
    const hasty = user(71);
    for (let i = 1; i <= 5; i++) api.sendText(group, hasty, `/ask câu ${i}`);
    api.sendText(group, user(72), '/ask câu của người khác');
    await api.waitFor(() => qa.questions.includes('câu của người khác'), 'the other user answered');
    await api.waitForMessages(group.id, 4);
    expect(qa.questions).toEqual(['câu 1', 'câu 2', 'câu của người khác']);
    const texts = textsTo(api, group.id);
    expect(texts).toHaveLength(4);
    expect(texts.filter((t) => t.includes('tối đa 2 câu hỏi mỗi 3.600 giây'))).toHaveLength(1);
  });

  it('lets only admins use /stats and /reindex, refusing others politely', async () => {
    const reindexer = new FakeReindexer();
    const { api } = await startBot({ reindexer, env: { TELEGRAM_ADMIN_IDS: '90, 91' } });
    const { chat: stranger, user: s } = privateChat(801);
    api.sendText(stranger, s, '/stats');
    api.sendText(stranger, s, '/reindex');
    await api.waitForMessages(801, 2);
    expect(textsTo(api, 801)).toEqual([
      'Xin lỗi, lệnh này chỉ dành cho quản trị viên của bot.',
      'Xin lỗi, lệnh này chỉ dành cho quản trị viên của bot.',
    ]);
    expect(reindexer.calls).toBe(0);

    const { chat: adminChat, user: admin } = privateChat(91);
    api.sendText(adminChat, admin, '/stats');
    await api.waitForMessages(91);
    const stats = textsTo(api, 91)[0]!;
    expect(stats).toContain('Bản tin: 2');
    expect(stats).toContain('Đoạn (chunk): 5');
    expect(stats).toContain('Tìm kiếm: từ khoá (FTS5)');
    expect(stats).toMatch(/Thời gian chạy: .+/);
    expect(stats).toContain('Số câu hỏi đã trả lời: 0');
  });

  it('re-indexes in the background for an admin, keeps answering meanwhile, and reports progress and summary', async () => {
    const qa = new FakeQaService();
    const reindexer = new FakeReindexer();
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    reindexer.reindexWith = async (onProgress) => {
      onProgress?.({ phase: 'read', done: 1, total: 4 });
      await gate;
      onProgress?.({ phase: 'commit', done: 4, total: 4 });
      return {
        filesRead: 4,
        added: 1,
        updated: 0,
        unchanged: 3,
        removed: 0,
        chunks: 42,
        embedded: 0,
        skipped: [{ path: 'corpus/hong.pdf', reason: 'không đọc được PDF' }],
        seconds: 1.5,
      };
    };
    const { api } = await startBot({ qa, reindexer, env: { TELEGRAM_ADMIN_IDS: '92' } });
    const { chat, user: admin } = privateChat(92);
    api.sendText(chat, admin, '/reindex');
    await api.waitForMessages(92);
    expect(textsTo(api, 92)[0]).toContain('Bắt đầu cập nhật chỉ mục');
    api.sendText(chat, admin, '/reindex');
    api.sendText(chat, admin, 'Câu hỏi trong lúc chờ');
    await api.waitForMessages(92, 3);
    expect(textsTo(api, 92)[1]).toBe('Đang cập nhật chỉ mục, vui lòng đợi lần cập nhật hiện tại hoàn tất.');
    expect(qa.questions).toEqual(['Câu hỏi trong lúc chờ']);

    finish();
    await api.waitForMessages(92, 4);
    const summary = textsTo(api, 92)[3]!;
    expect(summary).toContain('Tệp đã đọc: 4; thêm 1, sửa 0, giữ nguyên 3, xoá 0.');
    expect(summary).toContain('Số đoạn: 42.');
    expect(summary).toContain('- corpus/hong.pdf: không đọc được PDF');
    const edits = api.callsOf('editMessageText', 92).map((c) => c.payload.text as string);
    expect(edits.some((t) => t.includes('đọc bản tin: 1/4'))).toBe(true);
  });

  it('serves only the chats in TELEGRAM_ALLOWED_CHATS', async () => {
    const { api, qa } = await startBot({ env: { TELEGRAM_ALLOWED_CHATS: '-1000900,901' } });
    const { chat: outsider, user: o } = privateChat(902);
    api.sendText(outsider, o, 'Cho hỏi');
    api.sendText(groupChat(1000901), user(5), '/ask ở nhóm lạ');
    const { chat: insider, user: i } = privateChat(901);
    api.sendText(insider, i, 'Câu hỏi hợp lệ');
    api.sendText(groupChat(1000900), user(5), '/ask ở nhóm quen');
    await api.waitForMessages(901);
    await api.waitForMessages(-1000900);
    await api.waitForMessages(902);
    expect(textsTo(api, 902)).toEqual(['Xin lỗi, bot này chỉ phục vụ một số cuộc trò chuyện nhất định.']);
    expect(api.callsOf('sendMessage', -1000901)).toHaveLength(0);
    expect(qa.questions.sort()).toEqual(['/ask ở nhóm quen'.slice(5), 'Câu hỏi hợp lệ'].sort());
  });
});

describe('Telegram bot: failures', () => {
  it('retries a reply that Telegram refused with 429 retry_after', async () => {
    const { api } = await startBot();
    api.failNext('sendMessage', 429, 'Too Many Requests: retry after 1', { retry_after: 1 });
    const { chat, user: lan } = privateChat(1001);
    api.sendText(chat, lan, 'Câu hỏi lúc đông');
    await api.waitFor(() => api.callsOf('sendMessage', 1001).length >= 2, 'the retried reply');
    const [refused, retried] = api.callsOf('sendMessage', 1001);
    expect(retried!.payload).toEqual(refused!.payload);
  });

  it('apologises in Vietnamese when answering fails, logs the details, and keeps serving', async () => {
    const { api, qa, logs } = await startBot();
    qa.answerWith = (question) => {
      if (question === 'hỏng') throw new Error('index exploded at /secret/path');
      return makeAnswer({ question, answer: 'Vẫn trả lời được [1].' });
    };
    const { chat, user: lan } = privateChat(1002);
    api.sendText(chat, lan, 'hỏng');
    api.sendText(chat, lan, 'còn chạy không?');
    await api.waitForMessages(1002, 2);
    const [apology, next] = textsTo(api, 1002);
    expect(apology).toBe('Xin lỗi, đã có lỗi khi trả lời câu hỏi này. Bạn vui lòng thử lại sau ít phút.');
    expect(apology).not.toContain('exploded');
    expect(next).toContain('Vẫn trả lời được [1].');
    await vi.waitFor(() => expect(logs.some((l) => l.includes('index exploded'))).toBe(true));
  });

  it('never logs the token, and logs question text only when LOG_QUESTIONS is on', async () => {
    const quiet = await startBot();
    const { chat, user: lan } = privateChat(1003);
    quiet.api.sendText(chat, lan, 'câu hỏi riêng tư');
    await quiet.api.waitForMessages(1003);
    const questionLog = await vi.waitFor(() => {
      const line = quiet.logs.find((l) => l.includes('"event":"question"'));
      if (line === undefined) throw new Error('no question logged yet');
      return line;
    });
    expect(JSON.parse(questionLog)).toMatchObject({
      chat: 'private',
      status: 'answered',
      hits: 1,
      mode: { retrieval: 'lexical', answer: 'extractive' },
    });
    expect(questionLog).not.toContain('câu hỏi riêng tư');

    const chatty = await startBot({ logQuestions: true });
    chatty.api.sendText(chat, lan, 'câu hỏi được ghi');
    await chatty.api.waitForMessages(1003);
    await vi.waitFor(() => expect(chatty.logs.some((l) => l.includes('câu hỏi được ghi'))).toBe(true));
    for (const line of [...quiet.logs, ...chatty.logs]) expect(line).not.toContain(TOKEN.split(':')[1]);
  });

  it('refuses to start with a token Telegram rejects, without printing the token', async () => {
    const api = new FakeTelegramApi('1:other_token_the_server_knows_00000');
    const apiRoot = await api.start();
    try {
      const config = loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot });
      const failure = await startTelegramBot(new FakeQaService(), config).then(
        () => null,
        (e: Error) => e,
      );
      expect(failure?.message).toMatch(/TELEGRAM_BOT_TOKEN/);
      expect(failure?.message).not.toContain(TOKEN.split(':')[1]);
    } finally {
      await api.close();
    }
  });

  it('stops start-up with one line naming a missing or malformed variable', () => {
    expect(() => loadTelegramConfig({})).toThrow(new ConfigError('TELEGRAM_BOT_TOKEN is not set: set it to the token @BotFather gave you'));
    expect(() => loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_ADMIN_IDS: '12,bob' })).toThrow(/^TELEGRAM_ADMIN_IDS is invalid/);
    expect(() => loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'http://bot.example.vn/tg' })).toThrow(
      /^TELEGRAM_WEBHOOK_URL is invalid: must be an https:\/\//,
    );
    try {
      loadTelegramConfig({ TELEGRAM_BOT_TOKEN: 'wrong-secret-value' });
    } catch (e) {
      expect((e as Error).message).toMatch(/^TELEGRAM_BOT_TOKEN is invalid/);
      expect((e as Error).message).not.toContain('wrong-secret-value');
    }
  });
});

describe('Telegram bot: streaming', () => {
  it('sends the reply early, edits it as the answer grows, and ends with the checked final answer', async () => {
    const deltas = ['Vốn FDI ', 'tăng rất ', 'mạnh (bản nháp chưa kiểm)'];
    // Each delta is released only once the previous one is on screen, so every stage is observable.
    const shown = (n: number) =>
      api.waitFor(
        (calls) => calls.filter((c) => c.payload.chat_id === 1101 && /^(sendMessage|editMessageText)$/.test(c.method)).length >= n,
        `stage ${n}`,
      );
    class SteppedQa extends FakeQaService {
      override async *askStream(question: string): AsyncIterable<AnswerEvent> {
        this.questions.push(question);
        for (const [i, text] of deltas.entries()) {
          yield { type: 'delta', text };
          await shown(i + 1);
        }
        yield {
          type: 'final',
          answer: makeAnswer({ question, answer: 'Vốn FDI tăng 140,3% [1].', mode: { retrieval: 'lexical', answer: 'llm' } }),
        };
      }
    }
    const { api } = await startBot({ qa: new SteppedQa() });
    const { chat, user: lan } = privateChat(1101);
    api.sendText(chat, lan, 'FDI?');
    await shown(4);
    const sent = api.callsOf('sendMessage', 1101);
    expect(sent).toHaveLength(1);
    expect(telegramHtmlToText(sent[0]!.payload.text)).toBe('Vốn FDI …');
    const edits = api.callsOf('editMessageText', 1101);
    expect(edits).toHaveLength(3);
    expect(new Set(edits.map((e) => e.payload.message_id)).size).toBe(1);
    expect(telegramHtmlToText(edits[0]!.payload.text)).toBe('Vốn FDI tăng rất …');
    const final = telegramHtmlToText(edits[2]!.payload.text);
    expect(final).toMatch(/^Vốn FDI tăng 140,3% \[1\]\.\n\nNguồn:/);
    expect(final).not.toContain('bản nháp');
  });
});

describe('Telegram bot: webhook mode', () => {
  it('answers updates posted with the secret token and refuses those without it', async () => {
    const { api, qa, handle } = await startBot({
      env: {
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.vn/telegram/hook',
        TELEGRAM_WEBHOOK_SECRET: 'webhook_secret_42',
        TELEGRAM_WEBHOOK_PORT: '0',
      },
    });
    expect(handle.mode).toBe('webhook');
    const setWebhook = api.callsOf('setWebhook')[0]!.payload;
    expect(setWebhook).toMatchObject({ url: 'https://bot.example.vn/telegram/hook', secret_token: 'webhook_secret_42' });
    const { chat, user: lan } = privateChat(1201);
    const update = (text: string, id: number) =>
      JSON.stringify({ update_id: id, message: { message_id: id, date: 0, chat, from: lan, text } });
    const url = `http://127.0.0.1:${handle.webhookPort}/telegram/hook`;

    const forged = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'guess' },
      body: update('giả mạo', 1),
    });
    expect(forged.status).toBe(401);
    const genuine = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'webhook_secret_42' },
      body: update('thật', 2),
    });
    expect(genuine.status).toBe(200);
    await api.waitForMessages(1201);
    expect(qa.questions).toEqual(['thật']);
  });
});
