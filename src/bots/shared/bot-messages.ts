import { ReindexBusyError, type ServiceStats } from '../../answer/qa-service-types.js';
import type { IngestProgress, IngestSummary } from '../../ingestion/types.js';
import { printable } from '../../util/printable.js';
import { formatDateVi, formatDurationVi } from './format-date.js';

/**
 * Vietnamese texts both bots show, as plain unescaped strings: each adapter escapes them for its
 * own markup. Platform-specific wording (how to ask in a group) stays in the adapter.
 */

/** Shown instead of any internal error; the details go to the log, never to the chat. */
export const APOLOGY = 'Xin lỗi, đã có lỗi khi trả lời câu hỏi này. Bạn vui lòng thử lại sau ít phút.';

/** Shown to non-admins who try an admin command. */
export const ADMIN_ONLY = 'Xin lỗi, lệnh này chỉ dành cho quản trị viên của bot.';

/** Shown when `/sources` is used before any answer was given in the conversation. */
export const NO_SOURCES_YET = 'Chưa có câu trả lời nào trong cuộc trò chuyện này. Hãy đặt một câu hỏi trước.';

/** Shown when `/sources` follows an answer that cited nothing. */
export const LAST_ANSWER_HAS_NO_SOURCES = 'Câu trả lời gần nhất không trích dẫn nguồn nào.';

/** Shown while the previous re-index is still running (the core's own wording). */
export const REINDEX_BUSY = new ReindexBusyError().message;

/** Shown when `/ask` comes without a question. */
export const ASK_USAGE = 'Hãy viết câu hỏi sau lệnh, ví dụ: /ask FDI của Hải Phòng tăng bao nhiêu?';

/** Example questions for /start and /help (answerable from the shipped briefing). */
export const EXAMPLE_QUESTIONS: readonly string[] = [
  'FDI của Hải Phòng tăng bao nhiêu?',
  'GRDP Hải Phòng 9 tháng năm 2023 tăng bao nhiêu?',
  'Hải Phòng đón bao nhiêu lượt khách du lịch?',
  'Tin mới nhất về Hải Phòng?',
];

/** Closes a reply whose sources did not all fit: the rest are on /sources. */
export function moreSourcesLine(omitted: number): string {
  return `… và ${omitted} nguồn khác: dùng /sources để xem đầy đủ.`;
}

/** Polite refusal for a user over the question rate limit. */
export function rateLimitedMessage(limit: number, windowSeconds: number): string {
  return `Bạn đang hỏi hơi nhanh: tối đa ${limit} câu hỏi mỗi ${windowSeconds} giây. Vui lòng đợi một chút rồi hỏi tiếp nhé.`;
}

/** One sentence on what the bot knows: number of briefings and the newest date. */
export function corpusSummary(stats: Pick<ServiceStats, 'documents' | 'newestDate'>): string {
  if (stats.documents === 0) return 'Hiện chưa có bản tin nào trong chỉ mục.';
  const newest = formatDateVi(stats.newestDate);
  return `Tôi đang có ${stats.documents.toLocaleString('vi-VN')} bản tin${newest ? `, mới nhất ngày ${newest}` : ''}.`;
}

/** The lines of /stats: documents, chunks, modes, uptime, questions answered. */
export function statsLines(stats: ServiceStats, now: Date = new Date()): string[] {
  const uptimeMs = now.getTime() - new Date(stats.startedAt).getTime();
  const lines = [
    `Bản tin: ${stats.documents.toLocaleString('vi-VN')}`,
    `Đoạn (chunk): ${stats.chunks.toLocaleString('vi-VN')}`,
    `Tìm kiếm: ${stats.retrieval === 'hybrid' ? 'kết hợp (từ khoá + vector)' : 'từ khoá (FTS5)'}`,
    `Trả lời: ${stats.answer === 'llm' ? 'mô hình ngôn ngữ (LLM)' : 'trích xuất'}`,
  ];
  if (stats.embeddingModel) lines.push(`Mô hình nhúng: ${stats.embeddingModel}`);
  if (stats.newestDate) lines.push(`Bản tin mới nhất: ${formatDateVi(stats.newestDate)}`);
  if (stats.lastIngestAt) lines.push(`Cập nhật chỉ mục lần cuối: ${stats.lastIngestAt}`);
  lines.push(`Thời gian chạy: ${formatDurationVi(uptimeMs)}`);
  lines.push(`Số câu hỏi đã trả lời: ${stats.questionsAnswered.toLocaleString('vi-VN')}`);
  return lines;
}

const PHASE_VI: Record<Parameters<IngestProgress>[0]['phase'], string> = {
  scan: 'quét tệp',
  read: 'đọc bản tin',
  embed: 'tính vector',
  commit: 'ghi chỉ mục',
};

/** One progress line of /reindex: `Đang đọc bản tin: 12/40`. */
export function reindexProgressText(event: Parameters<IngestProgress>[0]): string {
  return `Đang cập nhật chỉ mục — ${PHASE_VI[event.phase]}: ${event.done}/${event.total}`;
}

/** The summary of a finished /reindex, including files that were skipped and why. */
export function reindexSummaryLines(summary: IngestSummary): string[] {
  const lines = [
    `Đã cập nhật chỉ mục trong ${summary.seconds.toFixed(1)} giây.`,
    `Tệp đã đọc: ${summary.filesRead}; thêm ${summary.added}, sửa ${summary.updated}, giữ nguyên ${summary.unchanged}, xoá ${summary.removed}.`,
    `Số đoạn: ${summary.chunks}${summary.embedded > 0 ? `; vector mới: ${summary.embedded}` : ''}.`,
  ];
  if (summary.skipped.length > 0) {
    lines.push(`Bỏ qua ${summary.skipped.length} tệp:`);
    for (const s of summary.skipped.slice(0, 20)) lines.push(`- ${printable(s.path)}: ${printable(s.reason)}`);
    if (summary.skipped.length > 20) lines.push(`- … và ${summary.skipped.length - 20} tệp khác`);
  }
  return lines;
}
