/** What went wrong talking to an OpenAI-compatible server, coarse enough to decide what to do next. */
export type OpenAiErrorKind = 'timeout' | 'http' | 'network' | 'protocol';

/**
 * A failed call to an OpenAI-compatible server. The message names the server and the cause in one
 * line and never contains the API key (messages are scrubbed before construction), so it is safe to
 * log and to show an admin.
 */
export class OpenAiError extends Error {
  override name = 'OpenAiError';
  constructor(
    message: string,
    readonly kind: OpenAiErrorKind,
    /** HTTP status when `kind` is `http`. */
    readonly status?: number,
  ) {
    super(message);
  }
}
