import '../../config/load-dotenv.js';
import { pathToFileURL } from 'node:url';
import { REST, Routes, type RESTOptions } from 'discord.js';
import { loadDiscordConfig, type DiscordConfig } from '../../config/discord-config.js';
import { errorLine } from '../../log.js';
import { commandDefinitions } from './commands.js';

/** Where the commands were registered and how many. */
export interface RegistrationResult {
  scope: 'global' | 'guild';
  count: number;
}

/**
 * Registers (overwrites) the bot's slash commands: for DISCORD_GUILD_ID when set, which takes
 * effect at once, otherwise globally (Discord may take a while to show global changes everywhere).
 */
export async function registerCommands(config: DiscordConfig, restOptions: Partial<RESTOptions> = {}): Promise<RegistrationResult> {
  const rest = new REST({ api: config.DISCORD_API_URL, ...restOptions }).setToken(config.DISCORD_TOKEN);
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_APPLICATION_ID);
  const body = commandDefinitions();
  await rest.put(route, { body });
  return { scope: config.DISCORD_GUILD_ID ? 'guild' : 'global', count: body.length };
}

async function main(): Promise<void> {
  const config = loadDiscordConfig();
  try {
    const result = await registerCommands(config);
    console.log(
      result.scope === 'guild'
        ? `Registered ${result.count} slash commands for guild ${config.DISCORD_GUILD_ID} (available now).`
        : `Registered ${result.count} global slash commands (Discord may take up to an hour to show them everywhere).`,
    );
  } catch (error) {
    throw new Error(`Could not register the slash commands: ${errorLine(error, [config.DISCORD_TOKEN])}`, {
      cause: error,
    });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  });
}
