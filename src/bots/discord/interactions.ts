import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import { chatLanguage, type Language } from '../../conversation/language.js';
import { parseButtonData, pressButton } from '../shared/answer-buttons.js';
import { EXAMPLE_QUESTIONS, messages } from '../shared/bot-messages.js';
import type { ReplySurface } from '../shared/chat-driver.js';
import { ThrottledEditor } from '../shared/throttled-editor.js';
import { channelAllowed, isAdmin } from './access.js';
import { answerQuestion, discordConversation } from './answer-question.js';
import { COMMAND, NEW_OPTION, QUESTION_OPTION } from './commands.js';
import { discordText, type DiscordBotContext } from './context.js';
import { errorForLog } from '../../log.js';
import { ReindexBusyError } from '../../ingestion/reindex.js';
import { escapeText, fitEscaped, fullSourcesMessages, linesMessage, NO_MENTIONS, type DiscordPayload } from './format.js';

type Command = ChatInputCommandInteraction;

/** The language of the person interacting: their question's, or their Discord client's. */
function languageOf(interaction: Command | ButtonInteraction, question: string | null = null): Language {
  return chatLanguage(question, interaction.locale);
}

/**
 * Handles one interaction: a slash command, or a button under an answer. Never throws: a failure
 * is logged and the user gets a short ephemeral apology, and the bot goes on serving.
 */
export async function handleInteraction(interaction: Interaction, ctx: DiscordBotContext): Promise<void> {
  if (interaction.isButton()) return answerButton(interaction, ctx);
  if (!interaction.isChatInputCommand()) return;
  try {
    switch (interaction.commandName) {
      case COMMAND.ask:
        return await ask(interaction, ctx);
      case COMMAND.sources:
        return await sources(interaction, ctx);
      case COMMAND.help:
        return await help(interaction, ctx);
      case COMMAND.stats:
        return await stats(interaction, ctx);
      case COMMAND.reindex:
        return await reindex(interaction, ctx);
      default:
        ctx.logger.warn(
          { event: 'unknown-command', chat: 'discord', command: interaction.commandName },
          'unknown command (re-run npm run discord:commands?)',
        );
    }
  } catch (error) {
    ctx.logger.error({
      event: 'command-failed',
      chat: 'discord',
      command: interaction.commandName,
      err: errorForLog(error, [ctx.config.DISCORD_TOKEN]),
    });
    await apologise(interaction, ctx);
  }
}

/** Replies privately: only the user who ran the command (or pressed the button) sees it. */
async function replyPrivately(interaction: Command | ButtonInteraction, content: string): Promise<void> {
  await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}

/**
 * The apology must be ephemeral, but a deferred public reply cannot become ephemeral: it is
 * deleted and the apology sent as an ephemeral follow-up instead.
 */
async function apologise(interaction: Command, ctx: DiscordBotContext): Promise<void> {
  const apology = messages(languageOf(interaction)).apology;
  try {
    if (!interaction.deferred && !interaction.replied) return await replyPrivately(interaction, apology);
    if (!interaction.ephemeral) await interaction.deleteReply().catch(() => {});
    await interaction.followUp({ content: apology, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  } catch (error) {
    ctx.logger.warn({ event: 'apology-failed', chat: 'discord', err: errorForLog(error, [ctx.config.DISCORD_TOKEN]) });
  }
}

function threadParent(interaction: Command): string | null {
  const channel = interaction.channel;
  return channel && 'parentId' in channel ? channel.parentId : null;
}

/** False (after telling the user privately) when the bot must not answer in this channel. */
async function checkChannel(interaction: Command, ctx: DiscordBotContext): Promise<boolean> {
  if (channelAllowed(ctx.config.DISCORD_ALLOWED_CHANNELS, interaction.channelId, threadParent(interaction))) return true;
  await replyPrivately(interaction, discordText(languageOf(interaction)).channelNotAllowed);
  return false;
}

async function ask(interaction: Command, ctx: DiscordBotContext): Promise<void> {
  if (!(await checkChannel(interaction, ctx))) return;
  const question = interaction.options.getString(QUESTION_OPTION, true);
  const language = languageOf(interaction, question);
  const decision = ctx.limiter.take(interaction.user.id);
  if (!decision.allowed) {
    ctx.logger.info({ event: 'rate-limited', chat: 'discord', told: true });
    return replyPrivately(
      interaction,
      messages(language).rateLimited(ctx.limiter.limit, Math.round(ctx.limiter.windowMs / 1000), Math.ceil(decision.retryAfterMs / 1000)),
    );
  }
  const conversation = discordConversation(interaction.channelId, interaction.user.id, interaction.inGuild());
  if (interaction.options.getBoolean(NEW_OPTION) === true) ctx.chat.conversations.forget(conversation);
  // Deferring first: answers may take seconds, and Discord drops interactions not acknowledged within 3 s.
  await interaction.deferReply();
  const surface: ReplySurface<DiscordPayload> = {
    show: async ({ notice, ...payload }) => {
      if (!notice) return void (await interaction.editReply({ ...payload, allowedMentions: NO_MENTIONS }));
      // A deferred public reply cannot become private: it goes, and the notice is sent to the asker alone.
      await interaction.deleteReply().catch(() => {});
      await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    },
    append: async ({ notice: _notice, ...payload }) => {
      await interaction.followUp({ ...payload, allowedMentions: NO_MENTIONS });
    },
  };
  await answerQuestion(
    ctx,
    { conversation, question, language, via: interaction.inGuild() ? 'slash' : 'dm', channelId: interaction.channelId },
    surface,
  );
}

/** Sends `payloads` privately to the user, as the reply and its follow-ups. */
async function replyPrivatelyWith(interaction: Command | ButtonInteraction, payloads: DiscordPayload[]): Promise<void> {
  const [first, ...rest] = payloads;
  await interaction.reply({ ...first!, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  for (const payload of rest) await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}

async function sources(interaction: Command, ctx: DiscordBotContext): Promise<void> {
  if (!(await checkChannel(interaction, ctx))) return;
  const language = languageOf(interaction);
  const last = ctx.lastAnswers.get(interaction.channelId);
  if (!last) return replyPrivately(interaction, messages(language).noSourcesYet);
  if (last.status !== 'answered' || last.citations.length === 0)
    return replyPrivately(interaction, messages(language).lastAnswerHasNoSources);
  await replyPrivatelyWith(interaction, fullSourcesMessages(last, language));
}

/** /help: what the bot knows, how to ask and follow up, examples, in the user's language. */
async function help(interaction: Command, ctx: DiscordBotContext): Promise<void> {
  const language = languageOf(interaction);
  const t = messages(language);
  const d = discordText(language);
  const lines = [
    `**${escapeText(t.help.intro)}**`,
    escapeText(t.corpusSummary(ctx.chat.qa.stats())),
    '',
    `**${escapeText(t.help.howToAsk)}**`,
    `- ${escapeText(d.groupHowTo)}`,
    `- ${escapeText(t.help.followUps)}`,
    '',
    `**${escapeText(t.help.examples)}**`,
    ...EXAMPLE_QUESTIONS.map((q) => `- ${escapeText(q)}`),
    '',
    `**${escapeText(t.help.commands)}**`,
    `- ${escapeText(d.newCommand)}`,
    `- /sources — ${escapeText(t.help.sourcesCommand)}`,
    `- /help — ${escapeText(t.help.helpCommand)}`,
  ];
  await replyPrivately(interaction, lines.join('\n').slice(0, 2000));
}

/**
 * A button under an answer: 👍/👎 record the vote (thanked privately); "📄 Nguồn" shows the
 * full cited passages privately. An answer no longer kept is explained politely.
 */
async function answerButton(interaction: ButtonInteraction, ctx: DiscordBotContext): Promise<void> {
  const press = parseButtonData(interaction.customId);
  if (press === null) return;
  const t = messages(languageOf(interaction));
  try {
    const outcome = pressButton(ctx.chat, press, `discord:${interaction.user.id}`);
    ctx.logger.info({ event: 'button', chat: 'discord', action: press.action, outcome: outcome.kind });
    if (outcome.kind === 'expired') return await replyPrivately(interaction, t.answerExpired);
    if (outcome.kind === 'voted') return await replyPrivately(interaction, t.thanks);
    await replyPrivatelyWith(interaction, fullSourcesMessages(outcome.answer, languageOf(interaction)));
  } catch (error) {
    ctx.logger.error({ event: 'button-failed', chat: 'discord', err: errorForLog(error, [ctx.config.DISCORD_TOKEN]) });
    if (!interaction.replied) await replyPrivately(interaction, t.apology).catch(() => {});
  }
}

/** False (after a private refusal) for users who are neither Manage Server members nor listed admins. */
async function checkAdmin(interaction: Command, ctx: DiscordBotContext): Promise<boolean> {
  if (isAdmin(interaction.user.id, interaction.memberPermissions, ctx.config.DISCORD_ADMIN_IDS)) return true;
  ctx.logger.info({ event: 'admin-refused', chat: 'discord', command: interaction.commandName });
  await replyPrivately(interaction, messages(languageOf(interaction)).adminOnly);
  return false;
}

async function stats(interaction: Command, ctx: DiscordBotContext): Promise<void> {
  if (!(await checkAdmin(interaction, ctx))) return;
  const t = messages(languageOf(interaction));
  await replyPrivately(interaction, linesMessage([t.statsTitle, ...t.statsLines(ctx.chat.qa.stats(), ctx.chat.feedback.summary())]));
}

/**
 * Rebuilds the index while the current one keeps answering; the admin sees progress in a private
 * reply (edits rate-limited), then the summary, or why it could not run.
 */
async function reindex(interaction: Command, ctx: DiscordBotContext): Promise<void> {
  // The admin waits from the command on: the reply, the child's start, the run (not only its transaction).
  const startedAt = performance.now();
  if (!(await checkAdmin(interaction, ctx))) return;
  const language = languageOf(interaction);
  const t = messages(language);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const editor = new ThrottledEditor(
    async (content) => {
      await interaction.editReply({ content, allowedMentions: NO_MENTIONS });
    },
    ctx.config.DISCORD_STREAM_EDIT_MS,
    (error) =>
      ctx.logger.warn({ event: 'reindex-progress-edit-failed', chat: 'discord', err: errorForLog(error, [ctx.config.DISCORD_TOKEN]) }),
  );
  let outcome: string;
  try {
    const run = await ctx.reindexer.reindex((event) => editor.update(escapeText(t.reindexProgress(event))));
    const summary = { ...run, seconds: (performance.now() - startedAt) / 1000 };
    ctx.logger.info({ event: 'reindex-done', chat: 'discord', summary: { ...summary, skipped: summary.skipped.length } });
    outcome = linesMessage(t.reindexSummary(summary));
  } catch (error) {
    if (error instanceof ReindexBusyError) {
      outcome = escapeText(t.reindexBusy);
    } else {
      ctx.logger.error({ event: 'reindex-failed', chat: 'discord', err: errorForLog(error, [ctx.config.DISCORD_TOKEN]) });
      outcome = fitEscaped(discordText(language).reindexFailed(error instanceof Error ? error.message : String(error)), 2000);
    }
  }
  await editor.finish(outcome);
}
