import { errorForLog } from '../../log.js';
import { ReindexBusyError } from '../../ingestion/reindex.js';
import { messages } from '../shared/bot-messages.js';
import { ThrottledEditor } from '../shared/throttled-editor.js';
import { HTML_OPTIONS, languageOf, replyTo, type BotContext, type TelegramBotDeps } from './bot-deps.js';
import { escapeHtml } from './html.js';
import { splitTelegramHtml } from './split-html.js';

/** Whether the sender is listed in TELEGRAM_ADMIN_IDS; replies with a polite refusal if not. */
export async function requireAdmin(ctx: BotContext, deps: TelegramBotDeps): Promise<boolean> {
  const userId = ctx.from?.id;
  if (userId !== undefined && deps.config.TELEGRAM_ADMIN_IDS.includes(String(userId))) return true;
  deps.logger.info({ event: 'admin-refused', chat: ctx.chat?.type, command: ctx.msg?.text?.split(/\s/)[0] });
  await ctx.reply(escapeHtml(messages(languageOf(ctx)).adminOnly), replyTo(ctx));
  return false;
}

/** /stats: documents, chunks, modes, uptime, questions answered and the readers' votes. */
export async function handleStats(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  if (!(await requireAdmin(ctx, deps))) return;
  const t = messages(languageOf(ctx));
  const lines = t.statsLines(deps.chat.qa.stats(), deps.chat.feedback.summary()).map(escapeHtml);
  await ctx.reply([`<b>${escapeHtml(t.statsTitle)}</b>`, ...lines].join('\n'), replyTo(ctx));
}

/**
 * Starts re-indexing for /reindex. Runs in the background so the chat (and the bot) keep being
 * served by the old index meanwhile; progress is shown by editing one message, then the summary
 * is sent. Only one re-index runs at a time.
 */
export function createReindexHandler(deps: TelegramBotDeps): (ctx: BotContext) => Promise<void> {
  let running: Promise<void> | null = null;
  const secrets = [deps.config.TELEGRAM_BOT_TOKEN];

  async function run(ctx: BotContext): Promise<void> {
    const chatId = ctx.chat!.id;
    const t = messages(languageOf(ctx));
    // The admin waits from the command on: the reply, the child's start, the run (not only its transaction).
    const startedAt = performance.now();
    const progress = await ctx.reply(escapeHtml(t.reindexStarted), replyTo(ctx));
    const editor = new ThrottledEditor(
      async (html) => {
        await ctx.api.editMessageText(chatId, progress.message_id, html, HTML_OPTIONS);
      },
      deps.config.TELEGRAM_EDIT_INTERVAL_MS,
      (error) => deps.logger.warn({ event: 'reindex-progress-edit-failed', err: errorForLog(error, secrets) }),
    );
    try {
      const run = await deps.reindexer.reindex((event) => editor.update(escapeHtml(t.reindexProgress(event))));
      await editor.finish().catch(() => {});
      const summary = { ...run, seconds: (performance.now() - startedAt) / 1000 };
      deps.logger.info({ event: 'reindex-done', summary: { ...summary, skipped: summary.skipped.length } });
      for (const part of splitTelegramHtml(t.reindexSummary(summary).map(escapeHtml).join('\n'))) {
        await ctx.api.sendMessage(chatId, part, HTML_OPTIONS);
      }
    } catch (error) {
      await editor.finish().catch(() => {});
      if (error instanceof ReindexBusyError) {
        await ctx.api.sendMessage(chatId, escapeHtml(t.reindexBusy), HTML_OPTIONS);
        return;
      }
      deps.logger.error({ event: 'reindex-failed', err: errorForLog(error, secrets) });
      await ctx.api.sendMessage(chatId, escapeHtml(t.reindexFailed), HTML_OPTIONS);
    }
  }

  return async (ctx) => {
    if (!(await requireAdmin(ctx, deps))) return;
    if (running !== null) {
      await ctx.reply(escapeHtml(messages(languageOf(ctx)).reindexBusy), replyTo(ctx));
      return;
    }
    running = run(ctx)
      .catch((error: unknown) => deps.logger.error({ event: 'reindex-report-failed', err: errorForLog(error, secrets) }))
      .finally(() => {
        running = null;
      });
  };
}
