import type { Answer } from '../../answer/types.js';
import { APOLOGY } from '../shared/bot-messages.js';
import { ThrottledEditor } from '../shared/throttled-editor.js';
import { HTML_OPTIONS, replyTo, type BotContext, type TelegramBotDeps } from './bot-deps.js';
import { errorForLog } from './error-for-log.js';
import { escapeHtml } from './html.js';
import { renderPartialHtml, renderReplyParts } from './render-answer.js';
import { TELEGRAM_MESSAGE_LIMIT } from './split-html.js';
import { showTyping } from './typing-indicator.js';

/**
 * Answers one question in the chat it came from: "typing…" while working, a reply threaded under
 * the question, sent early and edited as an LLM streams, then replaced by the checked final
 * answer (split over several messages when long). Failures become a short apology in the chat
 * and the details go to the log; nothing is thrown, so the chat keeps being served.
 */
export async function answerQuestion(ctx: BotContext, question: string, deps: TelegramBotDeps): Promise<void> {
  const chat = ctx.chat!;
  const startedAt = performance.now();
  const stopTyping = showTyping(ctx);
  let messageId: number | null = null;
  const editor = new ThrottledEditor(
    async (html) => {
      if (messageId === null) messageId = (await ctx.reply(html, replyTo(ctx))).message_id;
      else await ctx.api.editMessageText(chat.id, messageId, html, HTML_OPTIONS);
    },
    deps.config.TELEGRAM_EDIT_INTERVAL_MS,
    (error) => deps.logger.warn({ event: 'stream_edit_failed', err: errorForLog(error, [deps.config.TELEGRAM_BOT_TOKEN]) }),
  );

  let answer: Answer | undefined;
  let streamed = '';
  let deltas = 0;
  try {
    for await (const event of deps.qa.askStream(question)) {
      if (event.type === 'delta') {
        streamed += event.text;
        deltas++;
        editor.update(renderPartialHtml(streamed, TELEGRAM_MESSAGE_LIMIT));
      } else answer = event.answer;
    }
    if (answer === undefined) throw new Error('answer stream ended without a final answer');
  } catch (error) {
    stopTyping();
    deps.logger.error({ event: 'answer_failed', chat: chat.type, err: errorForLog(error, [deps.config.TELEGRAM_BOT_TOKEN]) });
    // Replace a half-streamed reply rather than leaving it dangling above the apology.
    await editor.finish(escapeHtml(APOLOGY));
    return;
  }
  stopTyping();

  // The final answer is authoritative: it replaces the streamed text even if the LLM's draft failed its check.
  const parts = renderReplyParts(answer);
  await editor.finish(parts[0]!);
  for (const part of parts.slice(1)) await ctx.reply(part, HTML_OPTIONS);
  deps.lastAnswers.remember(String(chat.id), answer);

  deps.logger.info({
    event: 'question',
    chat: chat.type,
    status: answer.status,
    mode: answer.mode,
    hits: answer.passages.length,
    citations: answer.citations.length,
    timings: answer.timings,
    replyMs: Math.round(performance.now() - startedAt),
    deltas,
    parts: parts.length,
    ...(deps.logQuestions ? { question } : {}),
  });
}
