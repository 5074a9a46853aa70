import type { Message } from 'discord.js';
import { log } from '../../log.js';
import { APOLOGY, EXAMPLE_QUESTIONS, rateLimitedMessage } from '../shared/bot-messages.js';
import { channelAllowed } from './access.js';
import { answerQuestion, errorSummary, type ReplySurface } from './answer-question.js';
import { DISCORD_TEXT, type DiscordBotContext } from './context.js';
import { escapeText, NO_MENTIONS, type DiscordPayload } from './format.js';

/** The question in a message that mentions the bot: the text without the bot's own mention. */
export function questionFromMention(content: string, botUserId: string): string {
  return content
    .replace(new RegExp(`<@!?${botUserId}>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a message is addressed to the bot: a direct message, or one that mentions it (not via @everyone or a role). */
function addressedToBot(message: Message, botUserId: string): boolean {
  if (!message.inGuild()) return true;
  return message.mentions.users.has(botUserId);
}

/**
 * Answers a message that mentions the bot (or any direct message) as a reply in the same channel
 * or thread. Other messages, and messages from bots, webhooks or the system, are ignored. Never
 * throws: failures are logged and the asker gets a short apology.
 */
export async function handleMessage(message: Message, ctx: DiscordBotContext, botUserId: string): Promise<void> {
  if (message.author.bot || message.webhookId !== null || message.system) return;
  if (!addressedToBot(message, botUserId)) return;
  const parentId = message.channel.isThread() ? message.channel.parentId : null;
  if (!channelAllowed(ctx.config.DISCORD_ALLOWED_CHANNELS, message.channelId, parentId)) return;

  let sent: Message | null = null;
  const reply = async (payload: DiscordPayload) => {
    sent = await message.reply({ ...payload, allowedMentions: NO_MENTIONS });
  };
  try {
    const question = questionFromMention(message.content, botUserId);
    if (question === '') return await reply({ content: escapeText(DISCORD_TEXT.mentionUsage(EXAMPLE_QUESTIONS[0]!)), embeds: [] });

    const decision = ctx.limiter.take(message.author.id);
    if (!decision.allowed) {
      // A message cannot be answered privately: explain once per window instead of replying to every excess message.
      if (decision.firstRefusal) {
        await reply({ content: escapeText(rateLimitedMessage(ctx.limiter.limit, Math.round(ctx.limiter.windowMs / 1000))), embeds: [] });
      }
      return;
    }

    if (message.channel.isSendable()) void message.channel.sendTyping().catch(() => {});
    const surface: ReplySurface = {
      show: async (payload) => {
        if (sent === null) await reply(payload);
        else await (sent as Message).edit({ ...payload, allowedMentions: NO_MENTIONS });
      },
      append: async (payload) => {
        if (message.channel.isSendable()) await message.channel.send({ ...payload, allowedMentions: NO_MENTIONS });
        else await message.reply({ ...payload, allowedMentions: NO_MENTIONS });
      },
    };
    const answer = await answerQuestion(ctx.qa, question, surface, {
      via: message.inGuild() ? 'mention' : 'dm',
      editIntervalMs: ctx.config.DISCORD_STREAM_EDIT_MS,
      logQuestions: ctx.logQuestions,
    });
    ctx.lastAnswers.remember(message.channelId, answer);
  } catch (error) {
    log.error({ chat: 'discord', err: errorSummary(error) }, 'answering a mention failed');
    try {
      const apology = { content: escapeText(APOLOGY), embeds: [], allowedMentions: NO_MENTIONS };
      if (sent !== null) await (sent as Message).edit(apology);
      else await message.reply(apology);
    } catch (replyError) {
      log.warn({ chat: 'discord', err: errorSummary(replyError) }, 'could not send the apology');
    }
  }
}
