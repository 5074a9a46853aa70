import { driveAnswer, type ChatQuestion, type ReplySurface } from '../shared/chat-driver.js';
import type { DiscordBotContext } from './context.js';
import { discordPresenter, type DiscordPayload } from './format.js';

/** How the question reached the bot, for the log. */
export type AskedVia = 'slash' | 'mention' | 'dm';

/**
 * The conversation of a Discord question: each user has their own in a channel or thread, and a
 * DM channel is one conversation.
 */
export function discordConversation(channelId: string, userId: string, inGuild: boolean): string {
  return inGuild ? `discord:${channelId}:${userId}` : `discord:dm:${channelId}`;
}

/**
 * Answers one question on a reply surface through the shared chat driver, and remembers the
 * answer for /sources in the channel. Never throws (the driver apologises on the surface).
 */
export async function answerQuestion(
  ctx: DiscordBotContext,
  ask: ChatQuestion & { via: AskedVia; channelId: string },
  surface: ReplySurface<DiscordPayload>,
): Promise<void> {
  const view = await driveAnswer(ctx.chat, ask, surface, discordPresenter, {
    editIntervalMs: ctx.config.DISCORD_STREAM_EDIT_MS,
    logger: ctx.logger,
    logFields: { chat: 'discord', via: ask.via },
    secrets: [ctx.config.DISCORD_TOKEN],
  });
  if (view) ctx.lastAnswers.remember(ask.channelId, view.answer);
}
