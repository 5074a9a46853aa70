import { Worker, type WorkerOptions } from 'node:worker_threads';
import { siblingModule } from './sibling-module.js';

/**
 * Starts a worker thread running the module `name` (without extension) beside `importerUrl`, in
 * the importer's own form (see {@link siblingModule}): the compiled `.js` file, or the TypeScript
 * source when running from sources (tsx, vitest). Node 20's worker threads do not inherit tsx's
 * loader, so from sources the thread imports the module through tsx's API.
 */
export function startModuleWorker(importerUrl: string, name: string, options: WorkerOptions): Worker {
  const module = siblingModule(importerUrl, name);
  if (!module.fromSources) return new Worker(module.url, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const href = JSON.stringify(module.url.href);
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${href}, ${href}));`, { ...options, eval: true });
}
