import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTelegramConfig } from '../../../src/config/telegram-config.js';
import { startTelegramBot, type TelegramBotHandle } from '../../../src/bots/telegram/index.js';
import { FakeQaService, makeAnswer } from '../../helpers/fakes/fake-qa-service.js';
import { FakeTelegramApi, groupChat, user } from '../../helpers/fakes/fake-telegram-api.js';

const TOKEN = '123456789:AAH-load_test_token_0123456789abcdef';
const CHATS = 50;
const PER_CHAT = 6;

describe('Telegram bot under load', () => {
  let api: FakeTelegramApi;
  let handle: TelegramBotHandle;
  const qa = new FakeQaService();
  // A small async delay stands in for retrieval, so answers from different chats really overlap.
  qa.answerWith = async (question) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return makeAnswer({ question, answer: `Trả lời cho: ${question} [1].` });
  };

  beforeAll(async () => {
    api = new FakeTelegramApi(TOKEN);
    const apiRoot = await api.start();
    const config = loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, TELEGRAM_RATE_LIMIT: '1000' });
    handle = await startTelegramBot(qa, config);
  });
  afterAll(async () => {
    await handle?.stop();
    await api?.close();
  });

  it(`answers all ${CHATS * PER_CHAT} questions from ${CHATS} chats, each chat in order`, async () => {
    const asked = [];
    for (let round = 0; round < PER_CHAT; round++) {
      for (let c = 1; c <= CHATS; c++) asked.push(api.sendText(groupChat(2000 + c), user(c), `/ask câu ${round} của nhóm ${c}`));
    }
    const started = performance.now();
    await api.waitFor((calls) => calls.filter((call) => call.method === 'sendMessage').length >= asked.length, 'every answer', 60_000);
    const seconds = (performance.now() - started) / 1000;

    const replies = api.callsOf('sendMessage');
    expect(replies).toHaveLength(asked.length);
    const byQuestion = new Map(replies.map((r) => [`${r.payload.chat_id}/${r.payload.reply_parameters.message_id}`, r]));
    const latencies = asked.map((q) => {
      const reply = byQuestion.get(`${q.chat.id}/${q.message_id}`);
      expect(reply?.payload.text).toContain(`Trả lời cho: ${q.text!.slice(5)} [1].`);
      return reply!.at - q.sentAt;
    });
    for (let c = 1; c <= CHATS; c++) {
      const order = api.callsOf('sendMessage', -(2000 + c)).map((r) => /câu (\d+)/.exec(r.payload.text)![1]);
      expect(order).toEqual(Array.from({ length: PER_CHAT }, (_, i) => String(i)));
    }

    latencies.sort((a, b) => a - b);
    const p95 = latencies[Math.floor(latencies.length * 0.95)]!;
    console.log(
      `telegram load: ${asked.length} answers in ${seconds.toFixed(2)} s = ${(asked.length / seconds).toFixed(0)} answers/s; p95 latency ${p95.toFixed(0)} ms`,
    );
  });
});
