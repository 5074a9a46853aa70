import type { ServiceStats } from '../../answer/qa-service-types.js';
import { corpusSummary, EXAMPLE_QUESTIONS } from '../shared/bot-messages.js';
import { escapeHtml } from './html.js';

/**
 * The /start and /help message in Vietnamese: what the bot knows (number of briefings, newest
 * date), how to ask in private and in groups, and example questions.
 */
export function helpHtml(stats: ServiceStats, botUsername: string): string {
  return [
    '<b>Xin chào! Tôi trả lời câu hỏi về các bản tin thời sự vùng miền Việt Nam, kèm nguồn trích dẫn.</b>',
    escapeHtml(corpusSummary(stats)),
    '',
    '<b>Cách hỏi</b>',
    '• Trò chuyện riêng: gõ câu hỏi của bạn (có dấu hay không dấu đều được).',
    `• Trong nhóm: /ask &lt;câu hỏi&gt;, nhắc @${escapeHtml(botUsername)} kèm câu hỏi, hoặc trả lời (reply) tin nhắn của tôi.`,
    '',
    '<b>Ví dụ</b>',
    ...EXAMPLE_QUESTIONS.map((q) => `• ${escapeHtml(q)}`),
    '',
    '<b>Lệnh</b>',
    '/sources — nguồn đầy đủ của câu trả lời gần nhất',
    '/help — hướng dẫn này',
  ].join('\n');
}
