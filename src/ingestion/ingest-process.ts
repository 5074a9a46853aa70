import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { IngestProgress, IngestSummary } from './types.js';

/** Messages the ingest CLI sends its parent when run with `--ipc`. */
export type IngestIpcMessage =
  | { type: 'progress'; event: Parameters<IngestProgress>[0] }
  | { type: 'done'; summary: IngestSummary }
  | { type: 'error'; message: string };

const CLI = fileURLToPath(new URL('../cli/ingest.ts', import.meta.url));

/**
 * Runs ingestion in a child process, so a serving bot's event loop stays free to answer (SQLite
 * writes are synchronous) and a crash in ingestion cannot take the bot down. Resolves with the
 * summary once the new index is committed. `feeds` reads the feeds file (alone, when `inputs` is empty).
 */
export function runIngestProcess(options: { inputs: string[]; indexDir: string; prune: boolean; feeds?: boolean }, onProgress?: IngestProgress): Promise<IngestSummary> {
  return new Promise((resolve, reject) => {
    const args = [...options.inputs, '--index', options.indexDir, '--ipc', ...(options.prune ? ['--prune'] : []), ...(options.feeds ? ['--feeds'] : [])];
    const child = fork(CLI, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let settled = false;
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    child.on('message', (message: IngestIpcMessage) => {
      if (message.type === 'progress') onProgress?.(message.event);
      else if (message.type === 'done') {
        settled = true;
        resolve(message.summary);
      } else {
        settled = true;
        reject(new Error(message.message));
      }
    });
    child.on('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`ingestion stopped (exit code ${code}): ${stderr.trim().split('\n').pop() ?? ''}`));
      settled = true;
    });
  });
}
