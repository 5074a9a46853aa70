import { afterEach, describe, expect, it } from 'vitest';
import { ReindexBusyError } from '../../../src/ingestion/reindex.js';
import type { AnswerEvent } from '../../../src/answer/types.js';
import { ADMIN_ONLY, APOLOGY, REINDEX_BUSY } from '../../../src/bots/shared/bot-messages.js';
import { startDiscordBot, type DiscordBotHandle } from '../../../src/bots/discord/bot.js';
import { loadDiscordConfig } from '../../../src/config/discord-config.js';
import { FAKE, FakeDiscord, MANAGE_GUILD, type RecordedCall } from '../../helpers/fakes/fake-discord.js';
import { FakeQaService, makeAnswer } from '../../helpers/fakes/fake-qa-service.js';
import { FakeReindexer } from '../../helpers/fakes/fake-reindexer.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.GfAkEt.fake-token-for-tests-only-000000';
const EPHEMERAL = 64;
const DEFERRED_REPLY = 5;
const CHANNEL_MESSAGE = 4;

let running: { bot: DiscordBotHandle; fake: FakeDiscord } | null = null;

async function startBot(qa: FakeQaService, env: Record<string, string> = {}, reindexer = new FakeReindexer()) {
  const fake = await new FakeDiscord().start();
  const config = loadDiscordConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: FAKE.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_STREAM_EDIT_MS: '250',
    ...env,
  });
  const bot = await startDiscordBot(qa, config, { rest: { retries: 0, timeout: 5_000 }, reindexer });
  running = { bot, fake };
  return fake;
}

afterEach(async () => {
  // The client goes first: a closed fake would otherwise make it reconnect.
  await running?.bot.stop();
  await running?.fake.close();
  running = null;
});

const isOriginalEdit = (token: string) => (c: RecordedCall) => c.method === 'PATCH' && c.path.endsWith(`${token}/messages/@original`);
const isFollowUp = (token: string) => (c: RecordedCall) => c.method === 'POST' && c.path === `/webhooks/${FAKE.applicationId}/${token}`;
const isCallback = (id: string) => (c: RecordedCall) => c.method === 'POST' && c.path.startsWith(`/interactions/${id}/`);
const isReplyTo = (messageId: string) => (c: RecordedCall) =>
  c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path) && c.body?.message_reference?.message_id === messageId;

const fdiAnswer = (question: string) =>
  makeAnswer({
    question,
    answer: 'Vốn FDI thu hút vào Hải Phòng tăng 140,3% so với cùng kỳ [1].',
    citations: [
      {
        n: 1,
        docId: 'hp-2023-10',
        title: 'Hải Phòng: kinh tế 9 tháng',
        source: 'Cổng TTĐT Hải Phòng',
        url: 'https://haiphong.gov.vn/tin/1',
        date: '2023-10-19',
        text: 'Thu hút FDI đạt 2,1 tỷ USD, tăng 140,3% so với cùng kỳ.',
      },
    ],
  });

describe('Discord bot: /ask', () => {
  it('defers the reply at once, then edits it with the answer and its sources', async () => {
    const qa = new FakeQaService();
    qa.answerWith = fdiAnswer;
    const fake = await startBot(qa);

    const interaction = fake.slashCommand('ask', { question: 'FDI tăng bao nhiêu?' });
    const edit = await fake.waitForCall(isOriginalEdit(interaction.token));

    const [callback] = fake.interactionCalls(interaction);
    expect(callback!.path).toBe(`/interactions/${interaction.id}/${interaction.token}/callback`);
    expect(callback!.body.type).toBe(DEFERRED_REPLY);
    expect(callback!.authorized).toBe(false);
    expect(qa.questions).toEqual(['FDI tăng bao nhiêu?']);
    expect(edit.body.content).toContain('140,3%');
    const embed = edit.body.embeds[0];
    expect(embed.description).toContain('[Hải Phòng: kinh tế 9 tháng](https://haiphong.gov.vn/tin/1)');
    expect(embed.description).toContain('Cổng TTĐT Hải Phòng · 19/10/2023');
    expect(embed.description).toContain('tăng 140,3% so với cùng kỳ');
  });

  it('shows a not-found answer without a sources embed', async () => {
    const qa = new FakeQaService();
    qa.answerWith = (question) => makeAnswer({ question, status: 'not_found', answer: 'Không tìm thấy thông tin này trong các bản tin.' });
    const fake = await startBot(qa);

    const interaction = fake.slashCommand('ask', { question: 'Giá vàng hôm nay?' });
    const edit = await fake.waitForCall(isOriginalEdit(interaction.token));
    expect(edit.body.content).toBe('Không tìm thấy thông tin này trong các bản tin.');
    expect(edit.body.embeds ?? []).toEqual([]);
  });

  it('splits an answer longer than 2,000 characters over follow-up messages, sources under the last', async () => {
    const qa = new FakeQaService();
    const sentences = Array.from({ length: 60 }, (_, i) => `Câu số ${i + 1} nói về kinh tế Hải Phòng trong chín tháng đầu năm [1].`);
    qa.answerWith = (question) => makeAnswer({ question, answer: sentences.join('\n') });
    const fake = await startBot(qa);

    const interaction = fake.slashCommand('ask', { question: 'Tóm tắt kinh tế?' });
    await fake.waitForCall(isFollowUp(interaction.token));
    const messages = fake
      .interactionCalls(interaction)
      .filter((c) => isOriginalEdit(interaction.token)(c) || isFollowUp(interaction.token)(c));

    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const m of messages) expect(m.body.content.length).toBeLessThanOrEqual(2000);
    expect(messages.map((m) => m.body.content).join('\n')).toBe(sentences.join('\n'));
    expect(messages.at(-1)!.body.embeds).toHaveLength(1);
    expect(messages[0]!.body.embeds ?? []).toEqual([]);
  });

  it('pings nobody even when the corpus text contains @everyone, a role or a user mention', async () => {
    const qa = new FakeQaService();
    const hostile = '@everyone @here <@&900000000000000300> <@900000000000000202> được mời họp.';
    qa.answerWith = (question) =>
      makeAnswer({
        question,
        answer: `${hostile} [1]`,
        citations: [{ ...makeAnswer().citations[0]!, title: '@everyone họp khẩn', text: hostile }],
      });
    const fake = await startBot(qa);

    const interaction = fake.slashCommand('ask', { question: 'Ai được mời họp?' });
    const edit = await fake.waitForCall(isOriginalEdit(interaction.token));
    const mention = fake.message(`<@${FAKE.botId}> Ai được mời họp?`, { mentionBot: true });
    const reply = await fake.waitForCall(isReplyTo(mention.id));

    for (const call of [edit, reply]) {
      expect(call.body.content).toContain('@everyone');
      expect(call.body.allowed_mentions).toMatchObject({ parse: [] });
      expect(call.body.allowed_mentions.users ?? []).toEqual([]);
      expect(call.body.allowed_mentions.roles ?? []).toEqual([]);
      expect(call.body.allowed_mentions.replied_user ?? false).toBe(false);
    }
  });

  it('streams an LLM answer into the deferred reply, then replaces it with the final answer', async () => {
    const qa = new FakeQaService();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    qa.askStream = async function* (question: string): AsyncIterable<AnswerEvent> {
      yield { type: 'delta', text: 'Vốn FDI ' };
      yield { type: 'delta', text: 'tăng mạnh' };
      await gate;
      yield { type: 'final', answer: fdiAnswer(question) };
    };
    const fake = await startBot(qa);

    const interaction = fake.slashCommand('ask', { question: 'FDI tăng bao nhiêu?' });
    const preview = await fake.waitForCall(isOriginalEdit(interaction.token));
    expect(preview.body.content).toMatch(/^Vốn FDI tăng mạnh/);
    expect(preview.body.embeds ?? []).toEqual([]);
    release();
    const final = await fake.waitForCall((c) => isOriginalEdit(interaction.token)(c) && c !== preview);
    expect(final.body.content).toBe('Vốn FDI thu hút vào Hải Phòng tăng 140,3% so với cùng kỳ [1].');
    expect(final.body.embeds).toHaveLength(1);
  });
});

describe('Discord bot: mentions and other messages', () => {
  it('answers a message that mentions the bot as a reply in the same channel', async () => {
    const qa = new FakeQaService();
    qa.answerWith = fdiAnswer;
    const fake = await startBot(qa);

    const mention = fake.message(`<@${FAKE.botId}> FDI tăng bao nhiêu?`, { mentionBot: true });
    const reply = await fake.waitForCall(isReplyTo(mention.id));

    expect(reply.path).toBe(`/channels/${FAKE.channelId}/messages`);
    expect(qa.questions).toEqual(['FDI tăng bao nhiêu?']);
    expect(reply.body.content).toContain('140,3%');
    expect(reply.body.embeds[0].description).toContain('Hải Phòng: kinh tế 9 tháng');
  });

  it('streams an LLM answer into its reply to a mention, then edits in the final answer', async () => {
    const qa = new FakeQaService();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    qa.askStream = async function* (question: string): AsyncIterable<AnswerEvent> {
      yield { type: 'delta', text: 'Vốn FDI tăng' };
      await gate;
      yield { type: 'final', answer: fdiAnswer(question) };
    };
    const fake = await startBot(qa);

    const mention = fake.message(`<@${FAKE.botId}> FDI tăng bao nhiêu?`, { mentionBot: true });
    const preview = await fake.waitForCall(isReplyTo(mention.id));
    expect(preview.body.content).toMatch(/^Vốn FDI tăng/);
    release();
    const final = await fake.waitForCall((c) => c.method === 'PATCH' && c.path.startsWith(`/channels/${FAKE.channelId}/messages/`));
    expect(final.body.content).toContain('140,3%');
    expect(final.body.embeds).toHaveLength(1);
    expect(fake.calls.filter(isReplyTo(mention.id))).toHaveLength(1);
  });

  it('answers in the thread where it was mentioned', async () => {
    const qa = new FakeQaService();
    const fake = await startBot(qa);
    const mention = fake.message(`<@${FAKE.botId}> FDI?`, { mentionBot: true, channelId: FAKE.threadId });
    const reply = await fake.waitForCall(isReplyTo(mention.id));
    expect(reply.path).toBe(`/channels/${FAKE.threadId}/messages`);
  });

  it('ignores messages that do not mention it, and messages from bots', async () => {
    const qa = new FakeQaService();
    const fake = await startBot(qa);

    const plain = fake.message('FDI tăng bao nhiêu?');
    const everyone = fake.message('@everyone FDI tăng bao nhiêu?');
    const fromBot = fake.message(`<@${FAKE.botId}> FDI tăng bao nhiêu?`, { author: FAKE.otherBot, mentionBot: true });
    // Gateway events are handled in order: once this later mention is answered, the earlier ones have been seen.
    const last = fake.message(`<@${FAKE.botId}> Câu hỏi thật`, { mentionBot: true });
    await fake.waitForCall(isReplyTo(last.id));

    expect(qa.questions).toEqual(['Câu hỏi thật']);
    for (const ignored of [plain, everyone, fromBot]) expect(fake.calls.some(isReplyTo(ignored.id))).toBe(false);
  });

  it('answers direct messages without needing a mention', async () => {
    const qa = new FakeQaService();
    const fake = await startBot(qa);
    const dm = fake.message('FDI tăng bao nhiêu?', { dm: true });
    const reply = await fake.waitForCall(isReplyTo(dm.id));
    expect(reply.path).toBe(`/channels/${FAKE.dmChannelId}/messages`);
    expect(qa.questions).toEqual(['FDI tăng bao nhiêu?']);
  });

  it('answers a bare mention with how to ask, without querying the index', async () => {
    const qa = new FakeQaService();
    const fake = await startBot(qa);
    const mention = fake.message(`<@${FAKE.botId}>`, { mentionBot: true });
    const reply = await fake.waitForCall(isReplyTo(mention.id));
    expect(reply.body.content).toContain('/ask');
    expect(qa.questions).toEqual([]);
  });
});

describe('Discord bot: admin commands', () => {
  it('refuses /stats and /reindex privately to members without Manage Server', async () => {
    const qa = new FakeQaService();
    const reindexer = new FakeReindexer();
    const fake = await startBot(qa, {}, reindexer);

    for (const name of ['stats', 'reindex']) {
      const interaction = fake.slashCommand(name);
      const callback = await fake.waitForCall(isCallback(interaction.id));
      expect(callback.body.type).toBe(CHANNEL_MESSAGE);
      expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(callback.body.data.content).toBe(ADMIN_ONLY);
    }
    expect(reindexer.calls).toBe(0);
  });

  it('shows /stats to Manage Server members and to DISCORD_ADMIN_IDS', async () => {
    const qa = new FakeQaService();
    const fake = await startBot(qa, { DISCORD_ADMIN_IDS: FAKE.bob.id });

    const byManager = fake.slashCommand('stats', {}, { permissions: MANAGE_GUILD });
    const byListed = fake.slashCommand('stats', {}, { user: FAKE.bob });
    for (const interaction of [byManager, byListed]) {
      const callback = await fake.waitForCall(isCallback(interaction.id));
      expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(callback.body.data.content).toContain('Bản tin: 2');
      expect(callback.body.data.content).toContain('Đoạn (chunk): 5');
    }
  });

  it('/reindex shows progress privately, then the summary', async () => {
    const qa = new FakeQaService();
    const reindexer = new FakeReindexer();
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    reindexer.reindexWith = async (onProgress) => {
      onProgress?.({ phase: 'read', done: 3, total: 10 });
      await gate;
      return {
        filesRead: 10,
        added: 2,
        updated: 1,
        unchanged: 7,
        removed: 0,
        chunks: 42,
        embedded: 0,
        skipped: [{ path: 'x.pdf', reason: 'định dạng không hỗ trợ' }],
        seconds: 1.5,
      };
    };
    const fake = await startBot(qa, { DISCORD_ADMIN_IDS: FAKE.alice.id }, reindexer);

    const interaction = fake.slashCommand('reindex');
    const callback = await fake.waitForCall(isCallback(interaction.id));
    expect(callback.body.type).toBe(DEFERRED_REPLY);
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const progress = await fake.waitForCall(isOriginalEdit(interaction.token));
    expect(progress.body.content).toContain('3/10');
    finish();
    const summary = await fake.waitForCall((c) => isOriginalEdit(interaction.token)(c) && c !== progress);
    expect(summary.body.content).toContain('Số đoạn: 42');
    expect(summary.body.content).toContain('x.pdf');
  });

  it('/reindex reports the time the admin waited, not only the run it was given', async () => {
    const qa = new FakeQaService();
    const reindexer = new FakeReindexer();
    const heldMs = 1_500;
    // The reindexer takes a while (a queue, a child starting), then reports a run of a tenth of a second.
    reindexer.reindexWith = async () => {
      await new Promise((resolve) => setTimeout(resolve, heldMs));
      return { filesRead: 1, added: 0, updated: 1, unchanged: 0, removed: 0, chunks: 3, embedded: 0, skipped: [], seconds: 0.1 };
    };
    const fake = await startBot(qa, { DISCORD_ADMIN_IDS: FAKE.alice.id }, reindexer);
    const interaction = fake.slashCommand('reindex');
    const summary = await fake.waitForCall((c) => isOriginalEdit(interaction.token)(c) && String(c.body.content).includes('Số đoạn'));
    const seconds = Number(/trong (\d+(?:,\d+)?) giây/.exec(String(summary.body.content))?.[1]?.replace(',', '.'));
    expect(seconds).toBeGreaterThanOrEqual(heldMs / 1000);
  });

  it('/reindex while one is running says so', async () => {
    const qa = new FakeQaService();
    const reindexer = new FakeReindexer();
    reindexer.reindexWith = async () => {
      throw new ReindexBusyError();
    };
    const fake = await startBot(qa, { DISCORD_ADMIN_IDS: FAKE.alice.id }, reindexer);
    const interaction = fake.slashCommand('reindex');
    const edit = await fake.waitForCall(isOriginalEdit(interaction.token));
    expect(edit.body.content).toBe(REINDEX_BUSY);
  });
});

describe('Discord bot: /sources, limits and failures', () => {
  it('/sources shows the full citations of the last answer in the channel, privately', async () => {
    const qa = new FakeQaService();
    const longQuote = `Thu hút FDI tăng 140,3% so với cùng kỳ. ${'Chi tiết dài. '.repeat(60)}Hết.`;
    qa.answerWith = (question) => ({ ...fdiAnswer(question), citations: [{ ...fdiAnswer(question).citations[0]!, text: longQuote }] });
    const fake = await startBot(qa);

    const before = fake.slashCommand('sources');
    expect((await fake.waitForCall(isCallback(before.id))).body.data.content).toContain('Chưa có câu trả lời');

    const ask = fake.slashCommand('ask', { question: 'FDI tăng bao nhiêu?' });
    const answerEdit = await fake.waitForCall(isOriginalEdit(ask.token));
    expect(answerEdit.body.embeds[0].description).not.toContain('Hết.');

    const sources = fake.slashCommand('sources');
    const callback = await fake.waitForCall(isCallback(sources.id));
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const [embed] = callback.body.data.embeds;
    expect(embed.title).toBe('1. Hải Phòng: kinh tế 9 tháng');
    expect(embed.url).toBe('https://haiphong.gov.vn/tin/1');
    expect(embed.description).toContain('Hết.');
  });

  it('answers questions beyond the per-user rate limit privately, without asking the index', async () => {
    const qa = new FakeQaService();
    const fake = await startBot(qa, { DISCORD_RATE_LIMIT: '1' });

    const first = fake.slashCommand('ask', { question: 'Một?' });
    await fake.waitForCall(isOriginalEdit(first.token));
    const second = fake.slashCommand('ask', { question: 'Hai?' });
    const callback = await fake.waitForCall(isCallback(second.id));
    expect(callback.body.type).toBe(CHANNEL_MESSAGE);
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(callback.body.data.content).toContain('hỏi hơi nhanh');
    const byBob = fake.slashCommand('ask', { question: 'Ba?' }, { user: FAKE.bob });
    await fake.waitForCall(isOriginalEdit(byBob.token));
    expect(qa.questions).toEqual(['Một?', 'Ba?']);
  });

  it('answers only in DISCORD_ALLOWED_CHANNELS (and their threads)', async () => {
    const qa = new FakeQaService();
    const fake = await startBot(qa, { DISCORD_ALLOWED_CHANNELS: FAKE.channelId });

    const elsewhere = fake.slashCommand('ask', { question: 'Ở đâu?' }, { channelId: FAKE.otherChannelId });
    const refusal = await fake.waitForCall(isCallback(elsewhere.id));
    expect(refusal.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(refusal.body.data.content).toContain('không trả lời trong kênh này');

    const ignored = fake.message(`<@${FAKE.botId}> Ở kênh khác?`, { mentionBot: true, channelId: FAKE.otherChannelId });
    const inThread = fake.message(`<@${FAKE.botId}> Trong luồng?`, { mentionBot: true, channelId: FAKE.threadId });
    await fake.waitForCall(isReplyTo(inThread.id));
    expect(fake.calls.some(isReplyTo(ignored.id))).toBe(false);
    expect(qa.questions).toEqual(['Trong luồng?']);
  });

  it('apologises privately when answering fails, and keeps serving', async () => {
    const qa = new FakeQaService();
    let calls = 0;
    qa.answerWith = (question) => {
      if (++calls === 1) throw new Error('database is locked');
      return fdiAnswer(question);
    };
    const fake = await startBot(qa);

    const failing = fake.slashCommand('ask', { question: 'FDI?' });
    const apology = await fake.waitForCall(isFollowUp(failing.token));
    expect(apology.body.content).toBe(APOLOGY);
    expect(apology.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(fake.interactionCalls(failing).some((c) => c.method === 'DELETE' && c.path.endsWith('/messages/@original'))).toBe(true);
    expect(JSON.stringify(fake.calls)).not.toContain('database is locked');

    const next = fake.slashCommand('ask', { question: 'FDI tăng bao nhiêu?' });
    const edit = await fake.waitForCall(isOriginalEdit(next.token));
    expect(edit.body.content).toContain('140,3%');
  });

  it('apologises in the channel when answering a mention fails, and keeps serving', async () => {
    const qa = new FakeQaService();
    let calls = 0;
    qa.answerWith = (question) => {
      if (++calls === 1) throw new Error('boom');
      return fdiAnswer(question);
    };
    const fake = await startBot(qa);

    const failing = fake.message(`<@${FAKE.botId}> FDI?`, { mentionBot: true });
    expect((await fake.waitForCall(isReplyTo(failing.id))).body.content).toBe(APOLOGY);
    const next = fake.message(`<@${FAKE.botId}> FDI tăng bao nhiêu?`, { mentionBot: true });
    expect((await fake.waitForCall(isReplyTo(next.id))).body.content).toContain('140,3%');
  });
});
