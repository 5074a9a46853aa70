import { afterEach, describe, expect, it } from 'vitest';
import { DiscordLoginError, startDiscordBot } from '../../../src/bots/discord/bot.js';
import { commandDefinitions } from '../../../src/bots/discord/commands.js';
import { registerCommands } from '../../../src/bots/discord/register-commands.js';
import { ConfigError } from '../../../src/config/parse-env.js';
import { loadDiscordConfig } from '../../../src/config/discord-config.js';
import { FAKE, FakeDiscord } from '../../helpers/fakes/fake-discord.js';
import { FakeQaService } from '../../helpers/fakes/fake-qa-service.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.GfAkEt.fake-token-for-tests-only-000000';
const base = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: FAKE.applicationId };

function configError(env: Record<string, string>): string {
  try {
    loadDiscordConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('Discord configuration', () => {
  it('stops with one line naming a missing token or application id', () => {
    expect(configError({})).toMatch(/^DISCORD_TOKEN is not set: .*developer portal/);
    expect(configError({ DISCORD_TOKEN: TOKEN })).toMatch(/^DISCORD_APPLICATION_ID is not set/);
  });

  it('rejects a malformed token without echoing it', () => {
    const message = configError({ ...base, DISCORD_TOKEN: 'my-client-secret-oops' });
    expect(message).toMatch(/^DISCORD_TOKEN is invalid/);
    expect(message).not.toContain('my-client-secret-oops');
    expect(message.split('\n')).toHaveLength(1);
  });

  it('names the variable holding a bad id list or number', () => {
    expect(configError({ ...base, DISCORD_ADMIN_IDS: '123456789012345678, alice' })).toMatch(/^DISCORD_ADMIN_IDS is invalid/);
    expect(configError({ ...base, DISCORD_ALLOWED_CHANNELS: '#general' })).toMatch(/^DISCORD_ALLOWED_CHANNELS is invalid/);
    expect(configError({ ...base, DISCORD_RATE_LIMIT: 'many' })).toMatch(/^DISCORD_RATE_LIMIT is invalid/);
    expect(configError({ ...base, DISCORD_API_URL: 'discord' })).toMatch(/^DISCORD_API_URL is invalid/);
  });

  it('reads lists and defaults', () => {
    const config = loadDiscordConfig({ ...base, DISCORD_ADMIN_IDS: ' 123456789012345678 , 123456789012345679 ' });
    expect(config.DISCORD_ADMIN_IDS).toEqual(['123456789012345678', '123456789012345679']);
    expect(config.DISCORD_ALLOWED_CHANNELS).toEqual([]);
    expect(config.DISCORD_API_URL).toBe('https://discord.com/api');
    expect(config.DISCORD_GUILD_ID).toBeUndefined();
  });
});

describe('Discord start-up and command registration', () => {
  let fake: FakeDiscord | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });

  it('fails to start with a clear error, free of the token, when Discord refuses the token', async () => {
    fake = await new FakeDiscord().start();
    fake.rejectToken = true;
    const config = loadDiscordConfig({ ...base, DISCORD_API_URL: fake.apiUrl });
    const failure = await startDiscordBot(new FakeQaService(), config, { rest: { retries: 0, timeout: 5_000 } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DiscordLoginError);
    expect((failure as Error).message).toMatch(/DISCORD_TOKEN/);
    expect((failure as Error).message).not.toContain(TOKEN);
  });

  it('registers /ask, /sources, /help, /stats and /reindex for DISCORD_GUILD_ID, or globally', async () => {
    fake = await new FakeDiscord().start();
    const guildId = FAKE.guildId;
    const forGuild = await registerCommands(loadDiscordConfig({ ...base, DISCORD_API_URL: fake.apiUrl, DISCORD_GUILD_ID: guildId }), {
      retries: 0,
    });
    const global = await registerCommands(loadDiscordConfig({ ...base, DISCORD_API_URL: fake.apiUrl }), { retries: 0 });

    expect(forGuild).toEqual({ scope: 'guild', count: 5 });
    expect(global).toEqual({ scope: 'global', count: 5 });
    const [guildPut, globalPut] = fake.calls.filter((c) => c.method === 'PUT');
    expect(guildPut!.path).toBe(`/applications/${FAKE.applicationId}/guilds/${guildId}/commands`);
    expect(globalPut!.path).toBe(`/applications/${FAKE.applicationId}/commands`);
    expect(guildPut!.authorized).toBe(true);
    expect(guildPut!.body.map((c: { name: string }) => c.name)).toEqual(['ask', 'sources', 'help', 'stats', 'reindex']);
    const ask = commandDefinitions().find((c) => c.name === 'ask')!;
    expect(ask.options).toMatchObject([
      { name: 'question', required: true },
      { name: 'new', required: false },
    ]);
  });
});
