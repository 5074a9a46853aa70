import { MessageFlags, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import { ReindexBusyError } from '../../answer/qa-service-types.js';
import { log } from '../../log.js';
import {
  ADMIN_ONLY,
  APOLOGY,
  LAST_ANSWER_HAS_NO_SOURCES,
  NO_SOURCES_YET,
  REINDEX_BUSY,
  rateLimitedMessage,
  reindexProgressText,
  reindexSummaryLines,
  statsLines,
} from '../shared/bot-messages.js';
import { ThrottledEditor } from '../shared/throttled-editor.js';
import { channelAllowed, isAdmin } from './access.js';
import { answerQuestion, errorSummary, type ReplySurface } from './answer-question.js';
import { COMMAND, QUESTION_OPTION } from './commands.js';
import { DISCORD_TEXT, type DiscordBotContext } from './context.js';
import { escapeText, fitEscaped, fullSourcesMessages, linesMessage, NO_MENTIONS } from './format.js';

type Command = ChatInputCommandInteraction;

/**
 * Handles one interaction. Never throws: a failure is logged and the user gets a short ephemeral
 * apology, and the bot goes on serving.
 */
export async function handleInteraction(interaction: Interaction, ctx: DiscordBotContext): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  try {
    switch (interaction.commandName) {
      case COMMAND.ask:
        return await ask(interaction, ctx);
      case COMMAND.sources:
        return await sources(interaction, ctx);
      case COMMAND.stats:
        return await stats(interaction, ctx);
      case COMMAND.reindex:
        return await reindex(interaction, ctx);
      default:
        log.warn({ chat: 'discord', command: interaction.commandName }, 'unknown command (re-run npm run discord:commands?)');
    }
  } catch (error) {
    log.error({ chat: 'discord', command: interaction.commandName, err: errorSummary(error) }, 'command failed');
    await apologise(interaction);
  }
}

/** Replies privately: only the user who ran the command sees it. */
async function replyPrivately(interaction: Command, content: string): Promise<void> {
  await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}

/**
 * The apology must be ephemeral, but a deferred public reply cannot become ephemeral: it is
 * deleted and the apology sent as an ephemeral follow-up instead.
 */
async function apologise(interaction: Command): Promise<void> {
  try {
    if (!interaction.deferred && !interaction.replied) return await replyPrivately(interaction, APOLOGY);
    if (!interaction.ephemeral) await interaction.deleteReply().catch(() => {});
    await interaction.followUp({ content: APOLOGY, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  } catch (error) {
    log.warn({ chat: 'discord', err: errorSummary(error) }, 'could not send the apology');
  }
}

function threadParent(interaction: Command): string | null {
  const channel = interaction.channel;
  return channel && 'parentId' in channel ? channel.parentId : null;
}

/** False (after telling the user privately) when the bot must not answer in this channel. */
async function checkChannel(interaction: Command, ctx: DiscordBotContext): Promise<boolean> {
  if (channelAllowed(ctx.config.DISCORD_ALLOWED_CHANNELS, interaction.channelId, threadParent(interaction))) return true;
  await replyPrivately(interaction, DISCORD_TEXT.channelNotAllowed);
  return false;
}

async function ask(interaction: Command, ctx: DiscordBotContext): Promise<void> {
  if (!(await checkChannel(interaction, ctx))) return;
  const decision = ctx.limiter.take(interaction.user.id);
  if (!decision.allowed) {
    return replyPrivately(interaction, rateLimitedMessage(ctx.limiter.limit, Math.round(ctx.limiter.windowMs / 1000)));
  }
  const question = interaction.options.getString(QUESTION_OPTION, true);
  // Deferring first: answers may take seconds, and Discord drops interactions not acknowledged within 3 s.
  await interaction.deferReply();
  const surface: ReplySurface = {
    show: async (payload) => {
      await interaction.editReply({ ...payload, allowedMentions: NO_MENTIONS });
    },
    append: async (payload) => {
      await interaction.followUp({ ...payload, allowedMentions: NO_MENTIONS });
    },
  };
  const answer = await answerQuestion(ctx.qa, question, surface, {
    via: interaction.inGuild() ? 'slash' : 'dm',
    editIntervalMs: ctx.config.DISCORD_STREAM_EDIT_MS,
    logQuestions: ctx.logQuestions,
  });
  ctx.lastAnswers.remember(interaction.channelId, answer);
}

async function sources(interaction: Command, ctx: DiscordBotContext): Promise<void> {
  if (!(await checkChannel(interaction, ctx))) return;
  const last = ctx.lastAnswers.get(interaction.channelId);
  if (!last) return replyPrivately(interaction, NO_SOURCES_YET);
  if (last.status !== 'answered' || last.citations.length === 0) return replyPrivately(interaction, LAST_ANSWER_HAS_NO_SOURCES);
  const [first, ...rest] = fullSourcesMessages(last);
  await interaction.reply({ ...first!, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  for (const payload of rest) await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}

/** False (after a private refusal) for users who are neither Manage Server members nor listed admins. */
async function checkAdmin(interaction: Command, ctx: DiscordBotContext): Promise<boolean> {
  if (isAdmin(interaction.user.id, interaction.memberPermissions, ctx.config.DISCORD_ADMIN_IDS)) return true;
  log.info({ chat: 'discord', command: interaction.commandName, userId: interaction.user.id }, 'admin command refused');
  await replyPrivately(interaction, ADMIN_ONLY);
  return false;
}

async function stats(interaction: Command, ctx: DiscordBotContext): Promise<void> {
  if (!(await checkAdmin(interaction, ctx))) return;
  await replyPrivately(interaction, linesMessage(statsLines(ctx.qa.stats())));
}

/**
 * Rebuilds the index while the current one keeps answering; the admin sees progress in a private
 * reply (edits rate-limited), then the summary, or why it could not run.
 */
async function reindex(interaction: Command, ctx: DiscordBotContext): Promise<void> {
  if (!(await checkAdmin(interaction, ctx))) return;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const editor = new ThrottledEditor(
    async (content) => {
      await interaction.editReply({ content, allowedMentions: NO_MENTIONS });
    },
    ctx.config.DISCORD_STREAM_EDIT_MS,
    (error) => log.warn({ chat: 'discord', err: errorSummary(error) }, 'reindex progress edit failed'),
  );
  let outcome: string;
  try {
    const summary = await ctx.qa.reindex((event) => editor.update(escapeText(reindexProgressText(event))));
    log.info({ chat: 'discord', summary: { ...summary, skipped: summary.skipped.length } }, 'reindex finished');
    outcome = linesMessage(reindexSummaryLines(summary));
  } catch (error) {
    if (error instanceof ReindexBusyError) {
      outcome = escapeText(REINDEX_BUSY);
    } else {
      log.error({ chat: 'discord', err: errorSummary(error) }, 'reindex failed');
      outcome = fitEscaped(DISCORD_TEXT.reindexFailed(error instanceof Error ? error.message : String(error)), 2000);
    }
  }
  await editor.finish(outcome);
}
