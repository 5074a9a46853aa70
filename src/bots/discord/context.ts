import type { QaService } from '../../answer/qa-service-types.js';
import type { DiscordConfig } from '../../config/discord-config.js';
import type { LastAnswers } from '../shared/last-answers.js';
import type { SlidingWindowLimiter } from '../shared/rate-limit.js';

/** What the Discord handlers share: the core service, settings and the bot's own small state. */
export interface DiscordBotContext {
  qa: QaService;
  config: DiscordConfig;
  /** Last answer per channel (DM channels included), for /sources. */
  lastAnswers: LastAnswers;
  /** Per-user question limit (DISCORD_RATE_LIMIT per DISCORD_RATE_WINDOW_SECONDS). */
  limiter: SlidingWindowLimiter;
  /** LOG_QUESTIONS from the core configuration. */
  logQuestions: boolean;
}

/** Discord-specific Vietnamese texts (the ones both bots share live in ../shared/bot-messages.ts). */
export const DISCORD_TEXT = {
  channelNotAllowed: 'Xin lỗi, bot không trả lời trong kênh này. Hãy hỏi ở kênh mà quản trị viên đã cho phép.',
  mentionUsage: (example: string) => `Hãy nhắc tôi kèm câu hỏi, hoặc dùng lệnh /ask. Ví dụ: /ask ${example}`,
  reindexFailed: (reason: string) => `Cập nhật chỉ mục thất bại: ${reason}. Chỉ mục cũ vẫn đang được dùng.`,
} as const;
