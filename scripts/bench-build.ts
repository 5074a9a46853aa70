/**
 * The benchmark measures what production runs: `node dist/...` (README, "Production"), not the
 * TypeScript sources through tsx, whose transform (esbuild's `keepNames` among others) makes some
 * code paths measurably slower and its loader adds memory to every child and thread.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Compiles `src/` into `dist/` as `npm run build` does; throws with tsc's output when that fails. */
export function buildForBench(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/**
 * The compiled form of a module under `src/` (`'ingestion/ingest-process'`). Threads and children
 * it starts are then the compiled ones too (see `src/util/sibling-module.ts`).
 */
export async function importBuilt<T>(modulePath: string): Promise<T> {
  return (await import(pathToFileURL(path.join(ROOT, 'dist', `${modulePath}.js`)).href)) as T;
}
