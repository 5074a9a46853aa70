/**
 * Remembers the latest value per key (the last answer of each chat or channel, for `/sources`; the
 * conversation each bot message belongs to). Bounded: the least recently set keys are forgotten first.
 */
export class RecentMap<T> {
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
