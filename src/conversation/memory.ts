import type { Turn } from './follow-up.js';

/** How long and how much a conversation memory keeps. */
export interface MemoryLimits {
  /** A conversation silent this long starts afresh (CONVERSATION_TTL_MINUTES). */
  ttlMs: number;
  /** At most this many conversations are remembered; the least recently active go first. */
  maxConversations: number;
  /** Questions remembered per conversation. */
  turns: number;
}

export const DEFAULT_MEMORY_LIMITS: MemoryLimits = { ttlMs: 30 * 60_000, maxConversations: 10_000, turns: 3 };

/**
 * The short memory of each conversation: its last few questions (as understood) and their frames.
 * In memory only, never persisted nor logged; expires after a silence (TTL) and is bounded in
 * size (least recently used first), so an idle or crowded bot stays small.
 */
export class ConversationMemory {
  readonly #conversations = new Map<string, { turns: Turn[]; at: number }>();

  constructor(
    readonly limits: MemoryLimits = DEFAULT_MEMORY_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The conversation's remembered questions, oldest first; empty when new or expired. */
  recall(key: string): readonly Turn[] {
    const entry = this.#conversations.get(key);
    if (!entry) return [];
    if (this.now() - entry.at >= this.limits.ttlMs) {
      this.#conversations.delete(key);
      return [];
    }
    return entry.turns;
  }

  /** Adds a question to the conversation (and makes it the most recently used). */
  remember(key: string, turn: Turn): void {
    const turns = [...this.recall(key), turn].slice(-this.limits.turns);
    this.#conversations.delete(key);
    this.#conversations.set(key, { turns, at: this.now() });
    while (this.#conversations.size > this.limits.maxConversations) {
      const oldest = this.#conversations.keys().next().value;
      if (oldest === undefined) break;
      this.#conversations.delete(oldest);
    }
  }

  /** Forgets the conversation (`/new`). */
  forget(key: string): void {
    this.#conversations.delete(key);
  }

  get size(): number {
    return this.#conversations.size;
  }
}
