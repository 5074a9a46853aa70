import { InteractionContextType, SlashCommandBuilder, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';

/** Names of the bot's slash commands, shared by the registration script and the dispatcher. */
export const COMMAND = { ask: 'ask', sources: 'sources', stats: 'stats', reindex: 'reindex' } as const;

/** Name of the /ask option carrying the question. */
export const QUESTION_OPTION = 'question';

/** Longest question the /ask option accepts (the core rejects longer ones politely anyway). */
export const QUESTION_MAX_LENGTH = 1000;

const everywhere = [InteractionContextType.Guild, InteractionContextType.BotDM];

/**
 * The slash commands as sent to Discord by `npm run discord:commands`. /stats and /reindex are
 * visible to everyone: the permission check happens in the bot, because DISCORD_ADMIN_IDS may name
 * people without Manage Server (and Discord's own permission gate cannot know that list).
 */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [
    new SlashCommandBuilder()
      .setName(COMMAND.ask)
      .setDescription('Ask a question about the regional news briefings')
      .setDescriptionLocalizations({ vi: 'Đặt câu hỏi về các bản tin địa phương' })
      .setContexts(everywhere)
      .addStringOption((o) =>
        o
          .setName(QUESTION_OPTION)
          .setDescription('Your question, e.g. FDI của Hải Phòng tăng bao nhiêu?')
          .setDescriptionLocalizations({ vi: 'Câu hỏi, ví dụ: FDI của Hải Phòng tăng bao nhiêu?' })
          .setRequired(true)
          .setMaxLength(QUESTION_MAX_LENGTH),
      ),
    new SlashCommandBuilder()
      .setName(COMMAND.sources)
      .setDescription('Show the full sources of the last answer in this channel')
      .setDescriptionLocalizations({ vi: 'Xem đầy đủ nguồn của câu trả lời gần nhất trong kênh này' })
      .setContexts(everywhere),
    new SlashCommandBuilder()
      .setName(COMMAND.stats)
      .setDescription('Index and bot statistics (admins)')
      .setDescriptionLocalizations({ vi: 'Thống kê chỉ mục và bot (quản trị viên)' })
      .setContexts(everywhere),
    new SlashCommandBuilder()
      .setName(COMMAND.reindex)
      .setDescription('Re-read the briefings and rebuild the index (admins)')
      .setDescriptionLocalizations({ vi: 'Đọc lại các bản tin và cập nhật chỉ mục (quản trị viên)' })
      .setContexts(everywhere),
  ].map((builder) => builder.toJSON());
}
