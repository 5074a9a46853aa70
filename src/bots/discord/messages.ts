import type { Message } from 'discord.js';
import { chatLanguage } from '../../conversation/language.js';
import { EXAMPLE_QUESTIONS, messages } from '../shared/bot-messages.js';
import type { ReplySurface } from '../shared/chat-driver.js';
import { channelAllowed } from './access.js';
import { answerQuestion, discordConversation } from './answer-question.js';
import { discordText, type DiscordBotContext } from './context.js';
import { errorForLog } from '../../log.js';
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
 * or thread, within the author's conversation there. Other messages, and messages from bots,
 * webhooks or the system, are ignored. Never throws: failures are logged and the asker gets a
 * short apology.
 */
export async function handleMessage(message: Message, ctx: DiscordBotContext, botUserId: string): Promise<void> {
  if (message.author.bot || message.webhookId !== null || message.system) return;
  if (!addressedToBot(message, botUserId)) return;
  const parentId = message.channel.isThread() ? message.channel.parentId : null;
  if (!channelAllowed(ctx.config.DISCORD_ALLOWED_CHANNELS, message.channelId, parentId)) return;

  let sent: Message | null = null;
  const show = async (payload: DiscordPayload) => {
    const { notice: _notice, ...body } = payload;
    if (sent === null) sent = await message.reply({ ...body, allowedMentions: NO_MENTIONS });
    else await sent.edit({ ...body, allowedMentions: NO_MENTIONS });
  };
  const question = questionFromMention(message.content, botUserId);
  const language = chatLanguage(question);
  try {
    if (question === '') return await show({ content: escapeText(discordText(language).mentionUsage(EXAMPLE_QUESTIONS[0]!)), embeds: [] });

    const decision = ctx.limiter.take(message.author.id);
    if (!decision.allowed) {
      // A message cannot be answered privately: explain once per window instead of replying to every excess message.
      ctx.logger.info({ event: 'rate-limited', chat: 'discord', told: decision.firstRefusal });
      if (decision.firstRefusal) {
        const text = messages(language).rateLimited(
          ctx.limiter.limit,
          Math.round(ctx.limiter.windowMs / 1000),
          Math.ceil(decision.retryAfterMs / 1000),
        );
        await show({ content: escapeText(text), embeds: [] });
      }
      return;
    }

    if (message.channel.isSendable()) void message.channel.sendTyping().catch(() => {});
    const surface: ReplySurface<DiscordPayload> = {
      show,
      append: async ({ notice: _notice, ...payload }) => {
        if (message.channel.isSendable()) await message.channel.send({ ...payload, allowedMentions: NO_MENTIONS });
        else await message.reply({ ...payload, allowedMentions: NO_MENTIONS });
      },
    };
    const conversation = discordConversation(message.channelId, message.author.id, message.inGuild());
    await answerQuestion(
      ctx,
      { conversation, question, language, via: message.inGuild() ? 'mention' : 'dm', channelId: message.channelId },
      surface,
    );
  } catch (error) {
    ctx.logger.warn({ event: 'reply-failed', chat: 'discord', err: errorForLog(error, [ctx.config.DISCORD_TOKEN]) });
  }
}
