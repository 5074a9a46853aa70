import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A module next to the caller, to start as a thread or child process: `name.js` when the caller
 * runs from the build (dist/), `name.ts` when it runs from TypeScript sources (tsx, vitest), in
 * which case `fromSources` says the new thread or process must load it through tsx.
 */
export function siblingModule(callerUrl: string, name: string): { url: URL; path: string; fromSources: boolean } {
  const extension = path.extname(fileURLToPath(callerUrl));
  const url = new URL(`./${name}${extension}`, callerUrl);
  return { url, path: fileURLToPath(url), fromSources: extension === '.ts' };
}
