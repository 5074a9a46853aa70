import {
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

/** Names of the bot's slash commands, shared by the registration script and the dispatcher. */
export const COMMAND = { ask: 'ask', sources: 'sources', help: 'help', stats: 'stats', reindex: 'reindex' } as const;

/** Name of the /ask option carrying the question (Discord sends this name whatever the user's language). */
export const QUESTION_OPTION = 'question';
/** Name of the /ask option that starts a new conversation. */
export const NEW_OPTION = 'new';

/** Longest question the /ask option accepts (the core rejects longer ones politely anyway). */
export const QUESTION_MAX_LENGTH = 1000;

const everywhere = [InteractionContextType.Guild, InteractionContextType.BotDM];

/**
 * The slash commands as sent to Discord by `npm run discord:commands`, with Vietnamese names and
 * descriptions for Vietnamese clients. /stats and /reindex are hidden from members without Manage
 * Server (a server admin can grant them to others under Server Settings → Integrations); the bot
 * still checks, and also accepts the people listed in DISCORD_ADMIN_IDS.
 */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [
    new SlashCommandBuilder()
      .setName(COMMAND.ask)
      .setNameLocalizations({ vi: 'hỏi' })
      .setDescription('Ask a question about the regional news briefings')
      .setDescriptionLocalizations({ vi: 'Đặt câu hỏi về các bản tin địa phương' })
      .setContexts(everywhere)
      .addStringOption((o) =>
        o
          .setName(QUESTION_OPTION)
          .setNameLocalizations({ vi: 'câu-hỏi' })
          .setDescription('Your question, e.g. FDI của Hải Phòng tăng bao nhiêu?')
          .setDescriptionLocalizations({ vi: 'Câu hỏi, ví dụ: FDI của Hải Phòng tăng bao nhiêu?' })
          .setRequired(true)
          .setMaxLength(QUESTION_MAX_LENGTH),
      )
      .addBooleanOption((o) =>
        o
          .setName(NEW_OPTION)
          .setNameLocalizations({ vi: 'mới' })
          .setDescription('Start a new conversation (forget the earlier questions)')
          .setDescriptionLocalizations({ vi: 'Bắt đầu cuộc trò chuyện mới (quên các câu hỏi trước)' }),
      ),
    new SlashCommandBuilder()
      .setName(COMMAND.sources)
      .setNameLocalizations({ vi: 'nguồn' })
      .setDescription('Show the full sources of the last answer in this channel')
      .setDescriptionLocalizations({ vi: 'Xem đầy đủ nguồn của câu trả lời gần nhất trong kênh này' })
      .setContexts(everywhere),
    new SlashCommandBuilder()
      .setName(COMMAND.help)
      .setNameLocalizations({ vi: 'trợ-giúp' })
      .setDescription('What the bot knows, how to ask, examples')
      .setDescriptionLocalizations({ vi: 'Bot biết gì, cách hỏi, ví dụ' })
      .setContexts(everywhere),
    new SlashCommandBuilder()
      .setName(COMMAND.stats)
      .setNameLocalizations({ vi: 'thống-kê' })
      .setDescription('Index, bot and feedback statistics (admins)')
      .setDescriptionLocalizations({ vi: 'Thống kê chỉ mục, bot và góp ý (quản trị viên)' })
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
      .setContexts(everywhere),
    new SlashCommandBuilder()
      .setName(COMMAND.reindex)
      .setNameLocalizations({ vi: 'cập-nhật-chỉ-mục' })
      .setDescription('Re-read the briefings and rebuild the index (admins)')
      .setDescriptionLocalizations({ vi: 'Đọc lại các bản tin và cập nhật chỉ mục (quản trị viên)' })
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
      .setContexts(everywhere),
  ].map((builder) => builder.toJSON());
}
