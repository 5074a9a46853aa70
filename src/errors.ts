/**
 * An error the user or admin caused and can fix (a bad setting or flag, no index, the index busy,
 * a full disk, a model that cannot be reached): its message already says what went wrong and what
 * to do, in one line, safe to show. Anything else is a bug, reported with its stack. Callers decide
 * by class (`instanceof ExpectedError`), never by an error's name or message.
 */
export class ExpectedError extends Error {
  override name = 'ExpectedError';
}
