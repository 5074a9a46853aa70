/**
 * Shows a growing text (a streamed answer, a re-index progress line) by editing one message, at
 * most once per `minIntervalMs`: chat platforms rate-limit edits, and intermediate states are
 * disposable, so only the latest text is ever sent. Writes never overlap and keep their order.
 */
export class ThrottledEditor {
  #shown: string | null = null;
  #pending: string | null = null;
  #lastWriteAt = -Infinity;
  #timer: NodeJS.Timeout | null = null;
  #chain: Promise<void> = Promise.resolve();
  #closed = false;

  /**
   * @param write Puts `text` on screen (the first call typically sends the message, later ones
   *   edit it). Errors from intermediate writes are reported to `onError` and do not stop later ones.
   * @param minIntervalMs Minimum time between two writes.
   * @param onError Receives failures of intermediate writes (for the log).
   */
  constructor(
    private readonly write: (text: string) => Promise<void>,
    private readonly minIntervalMs: number,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Asks for `text` to be shown soon; a later call before the write replaces it. */
  update(text: string): void {
    if (this.#closed) return;
    this.#pending = text;
    if (this.#timer !== null) return;
    const wait = Math.max(0, this.#lastWriteAt + this.minIntervalMs - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#chain = this.#chain.then(() => this.#writePending(false));
    }, wait);
  }

  /**
   * Stops throttling: waits for the write in flight, then shows `finalText` (or the last pending
   * text) unless it is already on screen. Errors of this last write are thrown to the caller,
   * since the final state matters.
   */
  async finish(finalText?: string): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (finalText !== undefined) this.#pending = finalText;
    await this.#chain;
    await this.#writePending(true);
  }

  async #writePending(final: boolean): Promise<void> {
    const text = this.#pending;
    this.#pending = null;
    if (text === null || text === this.#shown) return;
    this.#lastWriteAt = Date.now();
    try {
      await this.write(text);
      this.#shown = text;
    } catch (error) {
      if (final) throw error;
      this.onError(error);
    }
  }
}
