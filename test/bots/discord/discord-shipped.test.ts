import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaService } from '../../../src/answer/qa-service-types.js';
import { startDiscordBot, type DiscordBotHandle } from '../../../src/bots/discord/bot.js';
import { loadDiscordConfig } from '../../../src/config/discord-config.js';
import { FAKE, FakeDiscord } from '../../helpers/fakes/fake-discord.js';
import { createShippedQa } from '../../helpers/shipped-qa.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.GfAkEt.fake-token-for-tests-only-000000';

/** The real core over the shipped briefing, behind the real discord.js client talking to a fake Discord. */
describe('Discord bot over the shipped corpus', () => {
  let shipped: { qa: QaService; close(): Promise<void> };
  let fake: FakeDiscord;
  let bot: DiscordBotHandle;

  beforeAll(async () => {
    shipped = await createShippedQa();
    fake = await new FakeDiscord().start();
    const config = loadDiscordConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: FAKE.applicationId, DISCORD_API_URL: fake.apiUrl });
    bot = await startDiscordBot(shipped.qa, config, { rest: { retries: 0, timeout: 10_000 } });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await shipped?.close();
  });

  it('/ask FDI tăng bao nhiêu? is deferred, then edited with the answer citing 140,3% and its source', async () => {
    const interaction = fake.slashCommand('ask', { question: 'FDI tăng bao nhiêu?' });
    const edit = await fake.waitForCall((c) => c.method === 'PATCH' && c.path.endsWith(`${interaction.token}/messages/@original`));

    expect(fake.interactionCalls(interaction)[0]!.body.type).toBe(5);
    expect(edit.body.content).toContain('140,3%');
    expect(edit.body.content).toMatch(/\[\d+\]/);
    const embed = edit.body.embeds[0];
    expect(embed.title).toBe('Nguồn');
    expect(embed.description).toContain('140,3%');
    expect(edit.body.allowed_mentions.parse).toEqual([]);
  });

  it('a mention gets the same answer as a reply, and /sources then lists its full citations', async () => {
    const mention = fake.message(`<@${FAKE.botId}> FDI tăng bao nhiêu?`, { mentionBot: true });
    const reply = await fake.waitForCall((c) => c.method === 'POST' && c.body?.message_reference?.message_id === mention.id);
    expect(reply.body.content).toContain('140,3%');

    const sources = fake.slashCommand('sources');
    const callback = await fake.waitForCall((c) => c.method === 'POST' && c.path.startsWith(`/interactions/${sources.id}/`));
    expect(callback.body.data.flags & 64).toBe(64);
    expect(callback.body.data.embeds.some((e: { description?: string }) => e.description?.includes('140,3%'))).toBe(true);
  });
});
