import type { QaService } from '../answer/qa-service-types.js';
import type { Answer } from '../answer/types.js';
import { errorForLog, log, type Log } from '../log.js';
import type { Condenser } from './condense.js';
import { frameOf, samePeriod } from './frame.js';
import { isFollowUp, resolveOffline, type ResolvedQuestion, type Turn } from './follow-up.js';
import { ConversationMemory } from './memory.js';

/** Events of an answer in a conversation: text as an LLM writes it, then the final answer. */
export type ConversationEvent =
  | { type: 'delta'; text: string }
  | {
      type: 'final';
      answer: Answer;
      /** The standalone question answered, when it is not what the user typed ("Hiểu là: …"). */
      understoodAs: string | null;
    };

/**
 * Questions answered as parts of conversations: a follow-up ("Còn xuất khẩu thì sao?") is first
 * made standalone from the conversation's last questions (by the LLM when one is configured,
 * else by slot filling), then answered by the core. The adapters name the conversation (a chat,
 * a member's thread, a channel) with an opaque key; what is remembered stays here, in memory.
 */
export class Conversations {
  readonly #log: Log;

  /** `options.logger`: where a failed condensation is logged (the global {@link log} when absent). */
  constructor(
    private readonly qa: QaService,
    readonly memory: ConversationMemory = new ConversationMemory(),
    private readonly condenser: Condenser | null = null,
    options: { logger?: Log } = {},
  ) {
    this.#log = options.logger ?? log;
  }

  /** The question `key`'s conversation is asking, made standalone when it is a follow-up. */
  async understand(key: string, question: string): Promise<ResolvedQuestion> {
    const history = this.memory.recall(key);
    const offline = resolveOffline(question, history.at(-1));
    if (!this.condenser || !offline.rewritten) return offline;
    try {
      const condensed = (await this.condenser.condense(history, question)).trim();
      return agreesWithFrame(condensed, offline)
        ? { question: condensed, frame: frameOf(condensed), rewritten: condensed !== question.trim() }
        : offline;
    } catch (error) {
      this.#log.warn(
        { event: 'condense-failed', err: errorForLog(error) },
        'Could not condense the follow-up with the LLM; filled in offline',
      );
      return offline;
    }
  }

  /** Answers `question` within `key`'s conversation and remembers it as the conversation's latest. */
  async *ask(key: string, question: string): AsyncIterable<ConversationEvent> {
    const resolved = await this.understand(key, question);
    for await (const event of this.qa.askStream(resolved.question)) {
      if (event.type === 'delta') {
        yield event;
        continue;
      }
      // A question that could not be asked (empty, too long) is no context for the next one.
      if (event.answer.status !== 'invalid')
        this.memory.remember(key, { question: resolved.question, frame: resolved.frame } satisfies Turn);
      yield { type: 'final', answer: event.answer, understoodAs: resolved.rewritten ? resolved.question : null };
    }
  }

  /** Starts `key`'s conversation afresh (`/new`). */
  forget(key: string): void {
    this.memory.forget(key);
  }
}

/**
 * The frame rules hold for the LLM's rewriting too: it must be about the places and the period
 * slot filling found (the follow-up's own, or those carried over), and not be empty.
 */
function agreesWithFrame(condensed: string, offline: ResolvedQuestion): boolean {
  if (condensed === '' || condensed.length > 500) return false;
  const frame = frameOf(condensed);
  const samePlaces = frame.places.length === offline.frame.places.length && frame.places.every((p) => offline.frame.places.includes(p));
  return samePlaces && samePeriod(frame.period, offline.frame.period) && !isFollowUp(frame);
}
