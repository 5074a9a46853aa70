import { errorForLog, type Log } from '../../log.js';
import type { Answer } from '../../answer/types.js';
import type { ChatCore } from '../../conversation/chat-core.js';
import type { Language } from '../../conversation/language.js';
import { messages } from './bot-messages.js';
import { ThrottledEditor } from './throttled-editor.js';

/**
 * Where an answer goes, whatever the platform: `show` puts a payload in the one main reply message
 * (sending it the first time, editing it afterwards); `append` sends a further message for the
 * rest of a long answer.
 */
export interface ReplySurface<P> {
  show(payload: P): Promise<void>;
  append(payload: P): Promise<void>;
}

/** An answer ready to be shown: in the asker's language, with how a follow-up was understood and the id its buttons carry. */
export interface AnswerView {
  answer: Answer;
  understoodAs: string | null;
  /** Null when the answer has no buttons (nothing found, or it could not be stored). */
  answerId: string | null;
  language: Language;
}

/** How one platform draws answers: a streaming preview, the final answer (one payload per message), a short notice. */
export interface AnswerPresenter<P> {
  preview(text: string): P;
  answer(view: AnswerView): P[];
  notice(text: string): P;
}

/** One question in a conversation. */
export interface ChatQuestion {
  /** Names the conversation (a chat, a member's thread, a channel per user); opaque to the core. */
  conversation: string;
  question: string;
  language: Language;
}

export interface DriveOptions {
  /** Minimum time between two edits of a streaming answer. */
  editIntervalMs: number;
  logger: Log;
  /** Added to the log line of the question (where it came from: `chat`, `via`). */
  logFields?: Record<string, unknown>;
  /** The platform's secrets (its bot token), removed from every error logged. */
  secrets: Array<string | undefined>;
}

/**
 * The one chat driver of both bots: question → conversation → answer → reply surface. Streams LLM
 * text into the reply as it grows (edits rate-limited), then replaces it with the final, checked
 * answer and its buttons, split over several messages when long. Logs one `question` line per
 * question (the text only with LOG_QUESTIONS=1). Never throws: a failure becomes a short apology
 * in the asker's language, in place of any half-streamed text, and the details go to the log.
 * Returns the answer shown, or null when it failed.
 */
export async function driveAnswer<P>(
  core: ChatCore,
  ask: ChatQuestion,
  surface: ReplySurface<P>,
  presenter: AnswerPresenter<P>,
  options: DriveOptions,
): Promise<AnswerView | null> {
  const startedAt = performance.now();
  const { logger } = options;
  let streamingOver = false;
  const editor = new ThrottledEditor(
    async (text) => {
      // The final answer replaces whatever was streamed, so a preview still queued at the end is dropped.
      if (!streamingOver) await surface.show(presenter.preview(text));
    },
    options.editIntervalMs,
    (error) => logger.warn({ event: 'stream-edit-failed', err: errorForLog(error, options.secrets) }),
  );
  let streamed = '';
  let deltas = 0;
  try {
    let final: { answer: Answer; understoodAs: string | null } | null = null;
    try {
      for await (const event of core.conversations.ask(ask.conversation, ask.question)) {
        if (event.type === 'delta') {
          streamed += event.text;
          deltas++;
          editor.update(streamed);
        } else final = event;
      }
    } finally {
      streamingOver = true;
      await editor.finish();
    }
    if (final === null) throw new Error('the answer stream ended without a final answer');
    const view: AnswerView = {
      answer: inLanguage(final.answer, ask.language),
      understoodAs: final.understoodAs,
      answerId: storeForButtons(core, final.answer, options),
      language: ask.language,
    };
    const [first, ...rest] = presenter.answer(view);
    await surface.show(first!);
    for (const payload of rest) await surface.append(payload);
    logger.info({
      event: 'question',
      ...options.logFields,
      status: view.answer.status,
      mode: view.answer.mode,
      hits: view.answer.passages.length,
      citations: view.answer.citations.length,
      followUp: view.understoodAs !== null,
      timings: view.answer.timings,
      replyMs: Math.round(performance.now() - startedAt),
      deltas,
      parts: rest.length + 1,
      ...(core.logQuestions ? { question: ask.question, ...(view.understoodAs ? { understoodAs: view.understoodAs } : {}) } : {}),
    });
    return view;
  } catch (error) {
    logger.error({ event: 'answer-failed', ...options.logFields, err: errorForLog(error, options.secrets) });
    try {
      await surface.show(presenter.notice(messages(ask.language).apology));
    } catch (replyError) {
      logger.warn({ event: 'apology-failed', ...options.logFields, err: errorForLog(replyError, options.secrets) });
    }
    return null;
  }
}

/**
 * Answers are written by the core in Vietnamese; for an English speaker the fixed ones (nothing
 * found, a question that cannot be asked) are replaced by the catalogue's English.
 */
function inLanguage(answer: Answer, language: Language): Answer {
  if (language === 'vi' || answer.status === 'answered') return answer;
  return { ...answer, answer: answer.status === 'not_found' ? messages(language).notFound : messages(language).invalidQuestion };
}

/** Keeps what the answer's buttons need; null (no buttons) when there is nothing to show or the store fails. */
function storeForButtons(core: ChatCore, answer: Answer, options: DriveOptions): string | null {
  if (answer.status !== 'answered') return null;
  try {
    return core.feedback.saveAnswer(answer);
  } catch (error) {
    options.logger.warn({ event: 'answer-not-stored', err: errorForLog(error, options.secrets) });
    return null;
  }
}
