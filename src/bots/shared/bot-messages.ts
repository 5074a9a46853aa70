import type { ServiceStats } from '../../answer/qa-service-types.js';
import type { FeedbackSummary } from '../../conversation/feedback-store.js';
import type { Language } from '../../conversation/language.js';
import { ReindexBusyError } from '../../ingestion/reindex.js';
import type { IngestProgress, IngestSummary } from '../../ingestion/types.js';
import { formatDate, formatDateTime, formatDuration, formatNumber } from '../../text/format-vi.js';
import { printable } from '../../util/printable.js';

export type { Language } from '../../conversation/language.js';

/**
 * Every fixed text both bots show, in Vietnamese and in English, as plain unescaped strings: each
 * adapter escapes them for its own markup. One catalogue, so a new message is written once per
 * language and nothing is left untranslated. Answers themselves come from the core.
 */
export interface MessageCatalogue {
  apology: string;
  adminOnly: string;
  noSourcesYet: string;
  lastAnswerHasNoSources: string;
  reindexBusy: string;
  askUsage: string;
  notAllowedChat: string;
  unknownCommand: string;
  notFound: string;
  invalidQuestion: string;
  rateLimited(limit: number, windowSeconds: number, retryAfterSeconds: number): string;
  corpusSummary(stats: Pick<ServiceStats, 'documents' | 'newestDate'>): string;
  /** "Hiểu là: …": how a follow-up was understood. */
  understoodAs(question: string): string;
  newConversation: string;
  buttons: { sources: string; up: string; down: string };
  thanks: string;
  answerExpired: string;
  sourcesHeading: string;
  sourcesOfLast: string;
  sourcesOf(question: string): string;
  /** Closes a reply whose sources did not all fit: the rest are on /sources. */
  moreSources(omitted: number): string;
  sourcesSentPrivately: string;
  startPrivateChatFirst: string;
  help: {
    intro: string;
    howToAsk: string;
    privateChat: string;
    group(botHandle: string): string;
    followUps: string;
    examples: string;
    commands: string;
    sourcesCommand: string;
    newCommand: string;
    helpCommand: string;
  };
  statsTitle: string;
  statsLines(stats: ServiceStats, feedback: FeedbackSummary | null, now?: Date): string[];
  reindexStarted: string;
  reindexFailed: string;
  reindexProgress(event: Parameters<IngestProgress>[0]): string;
  reindexSummary(summary: IngestSummary): string[];
}

const n = formatNumber;

const PHASE: Record<Language, Record<Parameters<IngestProgress>[0]['phase'], string>> = {
  vi: { scan: 'quét tệp', read: 'đọc bản tin', embed: 'tính vector', commit: 'ghi chỉ mục' },
  en: { scan: 'scanning files', read: 'reading briefings', embed: 'computing vectors', commit: 'writing the index' },
};

const STATS_LABELS = {
  vi: {
    documents: 'Bản tin',
    chunks: 'Đoạn (chunk)',
    retrieval: 'Tìm kiếm',
    hybrid: 'kết hợp (từ khoá + vector)',
    lexical: 'từ khoá (FTS5)',
    answer: 'Trả lời',
    llm: 'mô hình ngôn ngữ (LLM)',
    extractive: 'trích xuất',
    embeddingModel: 'Mô hình nhúng',
    newest: 'Bản tin mới nhất',
    lastIngest: 'Cập nhật chỉ mục lần cuối',
    uptime: 'Thời gian chạy',
    answered: 'Số câu hỏi đã trả lời',
    feedback: 'Góp ý',
    downShare: 'chiếm ',
  },
  en: {
    documents: 'Briefings',
    chunks: 'Chunks',
    retrieval: 'Retrieval',
    hybrid: 'hybrid (keywords + vectors)',
    lexical: 'keywords (FTS5)',
    answer: 'Answers',
    llm: 'language model (LLM)',
    extractive: 'extractive',
    embeddingModel: 'Embedding model',
    newest: 'Newest briefing',
    lastIngest: 'Index last updated',
    uptime: 'Uptime',
    answered: 'Questions answered',
    feedback: 'Feedback',
    downShare: '',
  },
} as const;

/** The lines of /stats in `language`: index size, modes, uptime, questions answered and the readers' votes. */
function statsLines(language: Language): MessageCatalogue['statsLines'] {
  const l = STATS_LABELS[language];
  const num = language === 'vi' ? n : (value: number) => value.toLocaleString('en-US');
  return (stats, feedback, now = new Date()) => {
    const lines = [
      `${l.documents}: ${num(stats.documents)}`,
      `${l.chunks}: ${num(stats.chunks)}`,
      `${l.retrieval}: ${stats.retrieval === 'hybrid' ? l.hybrid : l.lexical}`,
      `${l.answer}: ${stats.answer === 'llm' ? l.llm : l.extractive}`,
    ];
    if (stats.embeddingModel) lines.push(`${l.embeddingModel}: ${stats.embeddingModel}`);
    if (stats.newestDate) lines.push(`${l.newest}: ${formatDate(stats.newestDate)}`);
    if (stats.lastIngestAt) lines.push(`${l.lastIngest}: ${formatDateTime(stats.lastIngestAt)}`);
    lines.push(`${l.uptime}: ${formatDuration(now.getTime() - new Date(stats.startedAt).getTime(), language)}`);
    lines.push(`${l.answered}: ${num(stats.questionsAnswered)}`);
    if (feedback) {
      const total = feedback.up + feedback.down;
      const share = total === 0 ? '–' : `${num(Math.round((1000 * feedback.down) / total) / 10)}%`;
      lines.push(`${l.feedback}: 👍 ${num(feedback.up)} · 👎 ${num(feedback.down)} (👎 ${l.downShare}${share})`);
    }
    return lines;
  };
}

const vi: MessageCatalogue = {
  apology: 'Xin lỗi, đã có lỗi khi trả lời câu hỏi này. Bạn vui lòng thử lại sau ít phút.',
  adminOnly: 'Xin lỗi, lệnh này chỉ dành cho quản trị viên của bot.',
  noSourcesYet: 'Chưa có câu trả lời nào trong cuộc trò chuyện này. Hãy đặt một câu hỏi trước.',
  lastAnswerHasNoSources: 'Câu trả lời gần nhất không trích dẫn nguồn nào.',
  reindexBusy: new ReindexBusyError().message,
  askUsage: 'Hãy viết câu hỏi sau lệnh, ví dụ: /ask FDI của Hải Phòng tăng bao nhiêu?',
  notAllowedChat: 'Xin lỗi, bot này chỉ phục vụ một số cuộc trò chuyện nhất định.',
  unknownCommand: 'Tôi không biết lệnh này. Gõ /help để xem hướng dẫn.',
  notFound: 'Xin lỗi, tôi không tìm thấy thông tin trả lời câu hỏi này trong các bản tin hiện có.',
  invalidQuestion: 'Hãy hỏi bằng một câu ngắn, ví dụ: "FDI của Hải Phòng tăng bao nhiêu?"',
  rateLimited: (limit, windowSeconds, retryAfter) =>
    `Bạn đang hỏi hơi nhanh: tối đa ${n(limit)} câu hỏi mỗi ${n(windowSeconds)} ` +
    `giây. Vui lòng đợi khoảng ${n(retryAfter)} giây rồi hỏi tiếp nhé.`,
  corpusSummary: (stats) => {
    if (stats.documents === 0) return 'Hiện chưa có bản tin nào trong chỉ mục.';
    const newest = formatDate(stats.newestDate);
    return `Tôi đang có ${n(stats.documents)} bản tin${newest ? `, mới nhất ngày ${newest}` : ''}.`;
  },
  understoodAs: (q) => `Hiểu là: ${q}`,
  newConversation: 'Đã bắt đầu cuộc trò chuyện mới: tôi không còn dựa vào các câu hỏi trước.',
  buttons: { sources: '📄 Nguồn', up: '👍', down: '👎' },
  thanks: 'Cảm ơn bạn đã góp ý!',
  answerExpired: 'Xin lỗi, câu trả lời này đã cũ nên tôi không còn lưu. Bạn hãy hỏi lại nhé.',
  sourcesHeading: 'Nguồn:',
  sourcesOfLast: 'Nguồn của câu trả lời gần nhất:',
  sourcesOf: (q) => `Nguồn của câu trả lời cho: “${q}”`,
  moreSources: (k) => `… và ${n(k)} nguồn khác: dùng /sources để xem đầy đủ.`,
  sourcesSentPrivately: 'Tôi đã gửi nguồn cho bạn trong trò chuyện riêng.',
  startPrivateChatFirst: 'Hãy mở trò chuyện riêng với bot (bấm Start) để nhận nguồn đầy đủ.',
  help: {
    intro: 'Xin chào! Tôi trả lời câu hỏi về các bản tin thời sự vùng miền Việt Nam, kèm nguồn trích dẫn.',
    howToAsk: 'Cách hỏi',
    privateChat: 'Trò chuyện riêng: gõ câu hỏi của bạn (có dấu hay không dấu đều được).',
    group: (bot) => `Trong nhóm: /ask <câu hỏi>, nhắc ${bot} kèm câu hỏi, hoặc trả lời (reply) tin nhắn của tôi.`,
    followUps:
      'Hỏi tiếp như khi trò chuyện: "Còn xuất khẩu thì sao?", "Thế còn Đà ' +
      'Nẵng?". Tôi nhớ vài câu hỏi gần nhất của bạn; /new để bắt đầu lại.',
    examples: 'Ví dụ',
    commands: 'Lệnh',
    sourcesCommand: 'nguồn đầy đủ của câu trả lời gần nhất',
    newCommand: 'bắt đầu cuộc trò chuyện mới',
    helpCommand: 'hướng dẫn này',
  },
  statsTitle: 'Thống kê',
  statsLines: statsLines('vi'),
  reindexStarted: 'Bắt đầu cập nhật chỉ mục; tôi vẫn trả lời từ chỉ mục cũ trong lúc chờ.',
  reindexFailed: 'Cập nhật chỉ mục thất bại; chỉ mục cũ vẫn đang được dùng. Chi tiết có trong nhật ký (log) của bot.',
  reindexProgress: (e) => `Đang cập nhật chỉ mục — ${PHASE.vi[e.phase]}: ${n(e.done)}/${n(e.total)}`,
  reindexSummary: (s) => {
    const lines = [
      `Đã cập nhật chỉ mục trong ${n(s.seconds, 1)} giây.`,
      `Tệp đã đọc: ${n(s.filesRead)}; thêm ${n(s.added)}, sửa ${n(s.updated)}, giữ nguyên ${n(s.unchanged)}, xoá ${n(s.removed)}.`,
      `Số đoạn: ${n(s.chunks)}${s.embedded > 0 ? `; vector mới: ${n(s.embedded)}` : ''}.`,
    ];
    return [
      ...lines,
      ...skippedLines(
        s,
        (k) => `Bỏ qua ${k} tệp:`,
        (k) => `- … và ${k} tệp khác`,
      ),
    ];
  },
};

const en: MessageCatalogue = {
  apology: 'Sorry, something went wrong while answering this question. Please try again in a few minutes.',
  adminOnly: 'Sorry, this command is for the bot’s administrators only.',
  noSourcesYet: 'No question has been answered in this conversation yet. Ask one first.',
  lastAnswerHasNoSources: 'The last answer cited no source.',
  reindexBusy: 'The index is being updated; please wait for the current update to finish.',
  askUsage: 'Write your question after the command, e.g. /ask How much did FDI in Hải Phòng grow?',
  notAllowedChat: 'Sorry, this bot only serves certain chats.',
  unknownCommand: 'I do not know this command. Type /help for help.',
  notFound: 'Sorry, I found nothing in the briefings that answers this question.',
  invalidQuestion: 'Please ask in one short sentence, e.g. "FDI của Hải Phòng tăng bao nhiêu?"',
  rateLimited: (limit, windowSeconds, retryAfter) =>
    `You are asking a little fast: at most ${limit} question${limit === 1 ? '' : 's'} every ${windowSeconds} ` +
    `seconds. Please wait about ${retryAfter} second${retryAfter === 1 ? '' : 's'} and ask again.`,
  corpusSummary: (stats) => {
    if (stats.documents === 0) return 'There are no briefings in the index yet.';
    const newest = formatDate(stats.newestDate);
    return `I know ${stats.documents.toLocaleString('en-US')} briefings${newest ? `, the newest from ${newest}` : ''}.`;
  },
  understoodAs: (q) => `Understood as: ${q}`,
  newConversation: 'Started a new conversation: earlier questions no longer count.',
  buttons: { sources: '📄 Sources', up: '👍', down: '👎' },
  thanks: 'Thank you for your feedback!',
  answerExpired: 'Sorry, this answer is too old and no longer kept. Please ask again.',
  sourcesHeading: 'Sources:',
  sourcesOfLast: 'Sources of the last answer:',
  sourcesOf: (q) => `Sources of the answer to: “${q}”`,
  moreSources: (k) => `… and ${k} more sources: use /sources to see them all.`,
  sourcesSentPrivately: 'I sent you the sources in a private chat.',
  startPrivateChatFirst: 'Open a private chat with the bot (press Start) to get the full sources.',
  help: {
    intro: 'Hello! I answer questions about Vietnamese regional news briefings, with cited sources.',
    howToAsk: 'How to ask',
    privateChat: 'Private chat: type your question (Vietnamese with or without diacritics, or English).',
    group: (bot) => `In a group: /ask <question>, mention ${bot} with your question, or reply to one of my messages.`,
    followUps:
      'Follow up as in a conversation: "Còn xuất khẩu thì sao?", "Thế còn Đà Nẵng?". I remember your last few questions; /new starts afresh.',
    examples: 'Examples',
    commands: 'Commands',
    sourcesCommand: 'full sources of the last answer',
    newCommand: 'start a new conversation',
    helpCommand: 'this help',
  },
  statsTitle: 'Statistics',
  statsLines: statsLines('en'),
  reindexStarted: 'Updating the index; I keep answering from the current one meanwhile.',
  reindexFailed: 'Updating the index failed; the current index is still in use. Details are in the bot’s log.',
  reindexProgress: (e) => `Updating the index — ${PHASE.en[e.phase]}: ${e.done}/${e.total}`,
  reindexSummary: (s) => [
    `Index updated in ${s.seconds.toFixed(1)} seconds.`,
    `Files read: ${s.filesRead}; ${s.added} added, ${s.updated} changed, ${s.unchanged} unchanged, ${s.removed} removed.`,
    `Chunks: ${s.chunks}${s.embedded > 0 ? `; new vectors: ${s.embedded}` : ''}.`,
    ...skippedLines(
      s,
      (k) => `Skipped ${k} files:`,
      (k) => `- … and ${k} more`,
    ),
  ],
};

function skippedLines(summary: IngestSummary, heading: (k: number) => string, more: (k: number) => string): string[] {
  if (summary.skipped.length === 0) return [];
  const lines = [
    heading(summary.skipped.length),
    ...summary.skipped.slice(0, 20).map((s) => `- ${printable(s.path)}: ${printable(s.reason)}`),
  ];
  if (summary.skipped.length > 20) lines.push(more(summary.skipped.length - 20));
  return lines;
}

const CATALOGUES: Record<Language, MessageCatalogue> = { vi, en };

/** The fixed messages in `language`. */
export function messages(language: Language): MessageCatalogue {
  return CATALOGUES[language];
}

/** Example questions for /start and /help (answerable from the shipped briefing). */
export const EXAMPLE_QUESTIONS: readonly string[] = [
  'FDI của Hải Phòng tăng bao nhiêu?',
  'GRDP Hải Phòng 9 tháng năm 2023 tăng bao nhiêu?',
  'Hải Phòng đón bao nhiêu lượt khách du lịch?',
  'Tin mới nhất về Hải Phòng?',
];

/** The Vietnamese texts under their old names (the default language). */
export const APOLOGY = vi.apology;
export const ADMIN_ONLY = vi.adminOnly;
export const REINDEX_BUSY = vi.reindexBusy;
