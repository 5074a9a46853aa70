/** A short description of an error for the log (no stack of request bodies, no secrets). */
export function errorSummary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
