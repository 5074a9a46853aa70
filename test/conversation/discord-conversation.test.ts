import { PermissionFlagsBits } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QaService } from '../../src/answer/qa-service-types.js';
import { startDiscordBot, type DiscordBotHandle } from '../../src/bots/discord/bot.js';
import { commandDefinitions } from '../../src/bots/discord/commands.js';
import { loadDiscordConfig } from '../../src/config/discord-config.js';
import { createChatCore, type ChatCore } from '../../src/conversation/chat-core.js';
import { FAKE, FakeDiscord, MANAGE_GUILD, type RecordedCall } from '../helpers/fakes/fake-discord.js';
import { FakeQaService } from '../helpers/fakes/fake-qa-service.js';
import { briefingsQa } from '../helpers/briefing-index.js';
import { CITY_REPORTS } from '../helpers/conversation-briefings.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.GfAkEt.fake-token-for-tests-only-000000';
const EPHEMERAL = 64;

let shared: { qa: QaService; indexDir: string; close(): Promise<void> };
beforeAll(async () => {
  shared = await briefingsQa('dc-conversation-', CITY_REPORTS);
});
afterAll(() => shared?.close());

let running: { bot: DiscordBotHandle; fake: FakeDiscord; chat: ChatCore } | null = null;

async function startBot(env: Record<string, string> = {}, qa: QaService = shared.qa) {
  const fake = await new FakeDiscord().start();
  const config = loadDiscordConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: FAKE.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_STREAM_EDIT_MS: '250',
    ...env,
  });
  const chat = createChatCore(qa, { indexDir: qa.indexDir });
  const bot = await startDiscordBot(qa, config, { rest: { retries: 0, timeout: 5_000 }, chat });
  running = { bot, fake, chat };
  return fake;
}

afterEach(async () => {
  await running?.bot.stop();
  await running?.fake.close();
  running?.chat.close();
  running = null;
});

const isOriginalEdit = (token: string) => (c: RecordedCall) => c.method === 'PATCH' && c.path.endsWith(`${token}/messages/@original`);
const isCallback = (id: string) => (c: RecordedCall) => c.method === 'POST' && c.path.startsWith(`/interactions/${id}/`);
const isReplyTo = (messageId: string) => (c: RecordedCall) =>
  c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path) && c.body?.message_reference?.message_id === messageId;

async function ask(
  fake: FakeDiscord,
  options: Record<string, string | boolean>,
  who: Parameters<FakeDiscord['slashCommand']>[2] = {},
): Promise<RecordedCall> {
  const interaction = fake.slashCommand('ask', options, who);
  return fake.waitForCall(isOriginalEdit(interaction.token));
}

describe('Discord: a conversation', () => {
  it('follows up on /ask with the right figures and a "Hiểu là" line, and /ask new:true starts afresh', async () => {
    const fake = await startBot();
    const first = await ask(fake, { question: 'Hải Phòng đón bao nhiêu lượt khách du lịch 9 tháng năm 2023?' });
    expect(first.body.content).toContain('7,9 triệu lượt khách du lịch');

    const second = await ask(fake, { question: 'Còn xuất khẩu thì sao?' });
    expect(second.body.content.split('\n')[0]).toBe('-# Hiểu là: Xuất khẩu là bao nhiêu ở Hải Phòng trong 9 tháng đầu năm 2023?');
    expect(second.body.content).toContain('20,5 tỷ USD');

    const third = await ask(fake, { question: 'Thế còn Đà Nẵng?' });
    expect(third.body.content).toContain('Hiểu là: Xuất khẩu là bao nhiêu ở Đà Nẵng trong 9 tháng đầu năm 2023?');
    expect(third.body.content).toContain('1,2 tỷ USD');

    // Bob in the same channel has a conversation of his own.
    const bobs = await ask(fake, { question: 'Còn xuất khẩu thì sao?' }, { user: FAKE.bob });
    expect(bobs.body.content).not.toContain('Hiểu là');

    const fresh = await ask(fake, { question: 'Năm 2023 thì sao?', new: true });
    expect(fresh.body.content).not.toContain('Hiểu là');
  });

  it('keeps the thread of a conversation in mentions and direct messages', async () => {
    const fake = await startBot();
    const m1 = fake.message(`<@${FAKE.botId}> Đà Nẵng đón bao nhiêu lượt khách du lịch 9 tháng năm 2023?`, { mentionBot: true });
    await fake.waitForCall(isReplyTo(m1.id));
    const m2 = fake.message(`<@${FAKE.botId}> Thế còn Hải Phòng?`, { mentionBot: true });
    const reply = await fake.waitForCall(isReplyTo(m2.id));
    expect(reply.body.content).toContain('Hiểu là');
    expect(reply.body.content).toContain('Hải Phòng đón 7,9 triệu lượt khách du lịch');

    const d1 = fake.message('FDI của Hải Phòng đạt bao nhiêu?', { dm: true });
    await fake.waitForCall(isReplyTo(d1.id));
    const d2 = fake.message('Thế còn Đà Nẵng?', { dm: true });
    const dmReply = await fake.waitForCall(isReplyTo(d2.id));
    expect(dmReply.body.content).toContain('120 triệu USD');
  });
});

describe('Discord: buttons under an answer', () => {
  it('shows the full passages privately on 📄 Nguồn and records votes that /stats counts', async () => {
    const fake = await startBot();
    const answer = await ask(fake, { question: 'FDI của Hải Phòng tăng bao nhiêu?' });
    const buttons = answer.body.components[0].components as Array<{ label: string; custom_id: string }>;
    expect(buttons.map((b) => b.label)).toEqual(['📄 Nguồn', '👍', '👎']);

    const press = fake.pressButton(buttons[0]!.custom_id, '900000000000009999');
    const shown = await fake.waitForCall(isCallback(press.id));
    expect(shown.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(shown.body.data.embeds[0].description).toContain('Kim ngạch xuất khẩu của thành phố đạt 20,5 tỷ USD');

    const up = fake.pressButton(buttons[1]!.custom_id, '900000000000009999');
    const thanked = await fake.waitForCall(isCallback(up.id));
    expect(thanked.body.data.content).toBe('Cảm ơn bạn đã góp ý!');
    const down = fake.pressButton(buttons[2]!.custom_id, '900000000000009999', { user: FAKE.bob });
    await fake.waitForCall(isCallback(down.id));

    const stats = fake.slashCommand('stats', {}, { permissions: MANAGE_GUILD });
    const reply = await fake.waitForCall(isCallback(stats.id));
    expect(reply.body.data.content).toContain('Góp ý: 👍 1 · 👎 1 (👎 chiếm 50%)');
  });

  it('says politely that an answer no one keeps any more has expired', async () => {
    const fake = await startBot();
    const press = fake.pressButton('a:u:noSuchAnswer', '900000000000009999', { locale: 'en-US' });
    const reply = await fake.waitForCall(isCallback(press.id));
    expect(reply.body.data.content).toBe('Sorry, this answer is too old and no longer kept. Please ask again.');
  });
});

describe('Discord: language, help and commands', () => {
  it('speaks English to an English client: /help, the rate-limit notice and the buttons', async () => {
    const fake = await startBot({ DISCORD_RATE_LIMIT: '1' }, new FakeQaService());
    const help = fake.slashCommand('help', {}, { locale: 'en-US' });
    const helpReply = await fake.waitForCall(isCallback(help.id));
    expect(helpReply.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(helpReply.body.data.content).toContain('Hello! I answer questions about Vietnamese regional news briefings');
    expect(helpReply.body.data.content).toContain('FDI của Hải Phòng tăng bao nhiêu?');

    const answered = await ask(fake, { question: 'FDI tăng bao nhiêu?' }, { locale: 'en-GB' });
    expect(answered.body.components[0].components.map((b: { label: string }) => b.label)).toEqual(['📄 Sources', '👍', '👎']);
    const limited = fake.slashCommand('ask', { question: 'Again?' }, { locale: 'en-GB' });
    const notice = await fake.waitForCall(isCallback(limited.id));
    expect(notice.body.data.content).toMatch(/^You are asking a little fast: at most 1 question every 60 seconds/);
  });

  it('shows /help in Vietnamese to a Vietnamese client', async () => {
    const fake = await startBot({}, new FakeQaService());
    const help = fake.slashCommand('help');
    const reply = await fake.waitForCall(isCallback(help.id));
    expect(reply.body.data.content).toContain('Tôi đang có 2 bản tin, mới nhất ngày 19/10/2023.');
    expect(reply.body.data.content).toContain('/ask new:true');
  });

  it('hides the admin commands from members without Manage Server, and names options in Vietnamese for Vietnamese clients', () => {
    const commands = commandDefinitions();
    const byName = Object.fromEntries(commands.map((c) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual(['ask', 'help', 'reindex', 'sources', 'stats']);
    for (const admin of ['stats', 'reindex'])
      expect(byName[admin]!.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    for (const open of ['ask', 'help', 'sources']) expect(byName[open]!.default_member_permissions ?? null).toBeNull();
    const options = byName.ask!.options as Array<{ name: string; name_localizations?: Record<string, string> }>;
    expect(options.map((o) => [o.name, o.name_localizations?.vi])).toEqual([
      ['question', 'câu-hỏi'],
      ['new', 'mới'],
    ]);
  });

  it('tells a user over the limit once per window, then answers again once the window has passed', async () => {
    const qa = new FakeQaService();
    const fake = await startBot({ DISCORD_RATE_LIMIT: '1', DISCORD_RATE_WINDOW_SECONDS: '1' }, qa);
    const first = fake.message(`<@${FAKE.botId}> Một?`, { mentionBot: true });
    await fake.waitForCall(isReplyTo(first.id));
    const second = fake.message(`<@${FAKE.botId}> Hai?`, { mentionBot: true });
    const notice = await fake.waitForCall(isReplyTo(second.id));
    expect(notice.body.content).toContain('hỏi hơi nhanh');
    const third = fake.message(`<@${FAKE.botId}> Ba?`, { mentionBot: true });
    await new Promise((r) => setTimeout(r, 1_100));
    const fourth = fake.message(`<@${FAKE.botId}> Bốn?`, { mentionBot: true });
    const answered = await fake.waitForCall(isReplyTo(fourth.id));
    expect(answered.body.content).not.toContain('hỏi hơi nhanh');
    expect(fake.calls.some(isReplyTo(third.id))).toBe(false);
    expect(qa.questions).toEqual(['Một?', 'Bốn?']);
  });
});
