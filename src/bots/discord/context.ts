import type { Answer } from '../../answer/types.js';
import type { Log } from '../../log.js';
import type { DiscordConfig } from '../../config/discord-config.js';
import type { ChatCore } from '../../conversation/chat-core.js';
import type { ReindexRunner } from '../../ingestion/reindex.js';
import type { Language } from '../../conversation/language.js';
import type { RecentMap } from '../shared/recent-map.js';
import type { SlidingWindowLimiter } from '../shared/rate-limit.js';

/** What the Discord handlers share: the chat core, /reindex, settings and the bot's own small state. */
export interface DiscordBotContext {
  chat: ChatCore;
  reindexer: ReindexRunner;
  config: DiscordConfig;
  /** Last answer per channel (DM channels included), for /sources. */
  lastAnswers: RecentMap<Answer>;
  /** Per-user question limit (DISCORD_RATE_LIMIT per DISCORD_RATE_WINDOW_SECONDS). */
  limiter: SlidingWindowLimiter;
  logger: Log;
}

/** Discord-specific texts (the ones both bots share live in ../shared/bot-messages.ts). */
const TEXT = {
  vi: {
    channelNotAllowed: 'Xin lỗi, bot không trả lời trong kênh này. Hãy hỏi ở kênh mà quản trị viên đã cho phép.',
    mentionUsage: (example: string) => `Hãy nhắc tôi kèm câu hỏi, hoặc dùng lệnh /ask. Ví dụ: /ask ${example}`,
    reindexFailed: (reason: string) => `Cập nhật chỉ mục thất bại: ${reason}. Chỉ mục cũ vẫn đang được dùng.`,
    groupHowTo: 'Trong máy chủ: /ask <câu hỏi>, hoặc nhắc @bot kèm câu hỏi. Tin nhắn riêng: gõ câu hỏi.',
    newCommand: '/ask new:true — bắt đầu cuộc trò chuyện mới',
  },
  en: {
    channelNotAllowed: 'Sorry, the bot does not answer in this channel. Ask in a channel the administrators allowed.',
    mentionUsage: (example: string) => `Mention me with your question, or use /ask. For example: /ask ${example}`,
    reindexFailed: (reason: string) => `Updating the index failed: ${reason}. The current index is still in use.`,
    groupHowTo: 'In a server: /ask <question>, or mention @bot with your question. In a direct message: just type it.',
    newCommand: '/ask new:true — start a new conversation',
  },
} as const;

export function discordText(language: Language) {
  return TEXT[language];
}
