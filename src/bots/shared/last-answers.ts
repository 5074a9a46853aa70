import type { Answer } from '../../answer/types.js';

/**
 * Remembers the latest value per key (the last answer of each chat or channel, for `/sources`; the
 * conversation of each bot message). Bounded: the least recently used keys are forgotten first.
 */
export class LastAnswers<T = Answer> {
  readonly #byKey = new Map<string, T>();
  constructor(private readonly capacity = 10_000) {}

  remember(key: string, value: T): void {
    this.#byKey.delete(key);
    this.#byKey.set(key, value);
    if (this.#byKey.size > this.capacity) {
      const oldest = this.#byKey.keys().next().value;
      if (oldest !== undefined) this.#byKey.delete(oldest);
    }
  }

  get(key: string): T | undefined {
    return this.#byKey.get(key);
  }
}
