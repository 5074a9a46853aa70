import type { Answer } from '../../answer/types.js';

/**
 * Remembers the last answer given in each chat or channel, so `/sources` can repeat its full
 * citations. Bounded: the least recently used conversations are forgotten first.
 */
export class LastAnswers {
  readonly #byConversation = new Map<string, Answer>();
  constructor(private readonly capacity = 10_000) {}

  remember(conversationId: string, answer: Answer): void {
    this.#byConversation.delete(conversationId);
    this.#byConversation.set(conversationId, answer);
    if (this.#byConversation.size > this.capacity) {
      const oldest = this.#byConversation.keys().next().value;
      if (oldest !== undefined) this.#byConversation.delete(oldest);
    }
  }

  get(conversationId: string): Answer | undefined {
    return this.#byConversation.get(conversationId);
  }
}
