import { scrubSecrets } from '../../log.js';

/**
 * An error as a loggable object with every secret removed: grammY network errors can embed the
 * request URL, which contains the bot token.
 */
export function errorForLog(error: unknown, secrets: Array<string | undefined>): { name: string; message: string; stack?: string } {
  if (error instanceof Error) {
    const out: { name: string; message: string; stack?: string } = { name: error.name, message: scrubSecrets(error.message, secrets) };
    if (error.stack) out.stack = scrubSecrets(error.stack, secrets);
    return out;
  }
  return { name: 'NonError', message: scrubSecrets(String(error), secrets) };
}
