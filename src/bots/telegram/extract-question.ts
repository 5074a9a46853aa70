import type { Message, UserFromGetMe } from 'grammy/types';

/**
 * Decides whether a text message is a question for the bot, and returns the question without the
 * bot's @mention. In a private chat every non-command text is a question; in groups only a message
 * that mentions the bot or replies to one of its messages is (`/ask` is handled as a command), so
 * ordinary chatter is ignored. Returns null for messages that are not for the bot.
 */
export function extractQuestion(message: Message, me: UserFromGetMe): string | null {
  const text = message.text;
  if (text === undefined) return null;
  const entities = message.entities ?? [];
  if (entities.some((e) => e.type === 'bot_command' && e.offset === 0)) return null;
  if (message.chat.type === 'private') return text.trim();
  if (message.chat.type !== 'group' && message.chat.type !== 'supergroup') return null;

  const handle = `@${me.username}`.toLowerCase();
  const mentions = entities.filter(
    (e) =>
      (e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === handle) ||
      (e.type === 'text_mention' && e.user.id === me.id),
  );
  const repliesToBot = message.reply_to_message?.from?.id === me.id;
  if (mentions.length === 0 && !repliesToBot) return null;

  // Remove the @mentions (from the end, so earlier offsets stay valid); a text_mention is a name
  // typed by the user and linked to the bot, also not part of the question.
  let question = text;
  for (const e of [...mentions].sort((a, b) => b.offset - a.offset)) {
    question = question.slice(0, e.offset) + question.slice(e.offset + e.length);
  }
  return question
    .replace(/^[\s,:;-]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
