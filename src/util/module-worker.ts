import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread running the module `name` (without extension) beside `importerUrl`, in
 * the importer's own form: the compiled `.js` file, or the TypeScript source when running from
 * sources (tsx, vitest). Node 20's worker threads do not inherit tsx's loader, so from sources the
 * thread imports the module through tsx's API.
 */
export function startModuleWorker(importerUrl: string, name: string, options: WorkerOptions): Worker {
  const extension = path.extname(fileURLToPath(importerUrl));
  const module = new URL(`./${name}${extension}`, importerUrl).href;
  if (extension !== '.ts') return new Worker(new URL(module), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(module)}, ${JSON.stringify(module)}));`, { ...options, eval: true });
}
