import type { Log } from '../log.js';

/**
 * A chat adapter's link to its chat API: `connecting` until it first works, `ok`, `reconnecting`
 * (the library is retrying) or `down` (it has given up: a revoked token, say).
 */
export type ConnectionState = 'connecting' | 'ok' | 'reconnecting' | 'down';

/** What /healthz says about one adapter. */
export interface ConnectionReport {
  state: ConnectionState;
  /** When the adapter entered this state (ISO time). */
  since: string;
  /** Why it is not `ok`, when it is not (never contains a token: callers pass scrubbed text). */
  reason?: string;
}

/**
 * The connection state of one adapter, fed by the adapter's library events and read by the health
 * endpoint. Each outage is logged once when it starts (and once more if the library gives up),
 * and once when the connection is back, with how long it was away.
 */
export class ConnectionStatus {
  #state: ConnectionState = 'connecting';
  #since: number;
  #reason: string | undefined;
  /** When the current outage began (kept across reconnecting → down), for the recovery line. */
  #outageStart: number | null = null;

  constructor(
    readonly adapter: string,
    private readonly logger: Log,
    private readonly now: () => number = Date.now,
  ) {
    this.#since = now();
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** The API answered: connected (again). */
  ok(): void {
    if (this.#state === 'ok') return;
    if (this.#outageStart !== null) {
      this.logger.info(
        { event: 'connection-restored', adapter: this.adapter, downMs: this.now() - this.#outageStart },
        `${this.adapter}: connection restored`,
      );
    }
    this.#outageStart = null;
    this.#set('ok', undefined);
  }

  /** The API could not be reached; the library keeps trying. */
  reconnecting(reason: string): void {
    if (this.#state === 'reconnecting' || this.#state === 'down') return;
    // Failing before ever connecting is an outage too: the admin learns why the bot is silent.
    this.#outageStart = this.now();
    this.logger.warn({ event: 'connection-lost', adapter: this.adapter, reason }, `${this.adapter}: connection lost, reconnecting`);
    this.#set('reconnecting', reason);
  }

  /** The library stopped trying: the adapter will not come back by itself. */
  down(reason: string): void {
    if (this.#state === 'down') return;
    this.#outageStart ??= this.now();
    this.logger.error({ event: 'connection-down', adapter: this.adapter, reason }, `${this.adapter}: connection down, not retrying`);
    this.#set('down', reason);
  }

  report(): ConnectionReport {
    return { state: this.#state, since: new Date(this.#since).toISOString(), ...(this.#reason ? { reason: this.#reason } : {}) };
  }

  /** How long the adapter has been without a working connection (0 while `ok`). */
  outageMs(): number {
    return this.#state === 'ok' ? 0 : this.now() - this.#since;
  }

  #set(state: ConnectionState, reason: string | undefined): void {
    this.#state = state;
    this.#reason = reason;
    this.#since = this.now();
  }
}
