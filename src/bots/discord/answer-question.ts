import type { QaService } from '../../answer/qa-service-types.js';
import type { Answer } from '../../answer/types.js';
import { log } from '../../log.js';
import { ThrottledEditor } from '../shared/throttled-editor.js';
import { answerPayloads, streamingPreview, type DiscordPayload } from './format.js';

/**
 * Where an answer goes: a deferred slash-command reply or a reply to a mention. `show` puts a
 * payload in the one main reply message (sending it the first time, editing it afterwards);
 * `append` sends a further message for the rest of a long answer.
 */
export interface ReplySurface {
  show(payload: DiscordPayload): Promise<void>;
  append(payload: DiscordPayload): Promise<void>;
}

/** How the question reached the bot, for the log. */
export type AskedVia = 'slash' | 'mention' | 'dm';

export interface AnswerQuestionOptions {
  via: AskedVia;
  /** Minimum time between two edits of a streaming answer. */
  editIntervalMs: number;
  /** Log the question text too (LOG_QUESTIONS=1). */
  logQuestions: boolean;
}

/**
 * Answers one question on a reply surface: streams LLM text into the reply as it grows (edits
 * rate-limited), then replaces it with the final, checked answer and its sources, split over
 * several messages when longer than Discord allows. Logs one line per question. Throws when the
 * service fails, so the caller can apologise in the way its surface allows.
 */
export async function answerQuestion(qa: QaService, question: string, surface: ReplySurface, options: AnswerQuestionOptions): Promise<Answer> {
  const startedAt = Date.now();
  let streamingOver = false;
  const editor = new ThrottledEditor(
    async (text) => {
      // The final answer replaces whatever was streamed, so a preview still queued at the end is dropped.
      if (!streamingOver) await surface.show({ content: streamingPreview(text), embeds: [] });
    },
    options.editIntervalMs,
    (error) => log.warn({ chat: 'discord', err: errorSummary(error) }, 'streaming edit failed'),
  );
  let final: Answer | null = null;
  let streamed = '';
  try {
    for await (const event of qa.askStream(question)) {
      if (event.type === 'delta') {
        streamed += event.text;
        editor.update(streamed);
      } else {
        final = event.answer;
      }
    }
  } finally {
    streamingOver = true;
    await editor.finish();
  }
  if (final === null) throw new Error('the answer stream ended without a final answer');

  const [first, ...rest] = answerPayloads(final);
  await surface.show(first!);
  for (const payload of rest) await surface.append(payload);
  logAnswer(final, question, options, Date.now() - startedAt);
  return final;
}

/** One log line per answered question: where from, status, modes, hits and timings (the text only when allowed). */
function logAnswer(answer: Answer, question: string, options: AnswerQuestionOptions, replyMs: number): void {
  log.info(
    {
      chat: 'discord',
      via: options.via,
      status: answer.status,
      mode: answer.mode,
      hits: answer.passages.length,
      citations: answer.citations.length,
      timings: answer.timings,
      replyMs,
      ...(options.logQuestions ? { question } : {}),
    },
    'question answered',
  );
}

/** A short description of an error for the log (no stack of request bodies, no secrets). */
export function errorSummary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
