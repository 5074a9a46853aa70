import fs from 'node:fs';
import path from 'node:path';
import { isSameProcessAlive, processStartTime } from '../util/process-alive.js';
import { ExpectedError } from '../errors.js';

/** Another ingestion holds the index; the message says which process and what to do. */
export class IndexBusyError extends ExpectedError {
  override name = 'IndexBusyError';
}

/**
 * Takes the single-writer lock of an index folder: a file holding the writer's pid and the time
 * that process started, created exclusively. A lock left by a process that no longer exists (killed
 * with -9) is taken over, even when its pid now belongs to another live process: the start time
 * tells them apart. Returns the release function.
 */
export function acquireIndexLock(indexDir: string): () => void {
  fs.mkdirSync(indexDir, { recursive: true });
  const file = path.join(indexDir, 'ingest.lock');
  const self = `${process.pid} ${processStartTime(process.pid) ?? ''}`.trim();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, self, { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // "pid start-time"; a lock written by an earlier version holds the pid alone.
      const [pidText, startTime] = fs.readFileSync(file, 'utf8').trim().split(/\s+/);
      const holder = Number(pidText);
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isSameProcessAlive(holder, startTime ?? null)) {
        throw new IndexBusyError(
          `Another ingestion (pid ${holder}) is already running on ${indexDir}. Wait for it to finish, then run again.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new IndexBusyError(`Could not take the ingestion lock ${file}; another ingestion may be starting. Try again.`);
}

/**
 * Removes the lock of `indexDir` if the process `pid`, now gone, holds it: a parent that killed its
 * ingestion child tidies up after it. A lock another process has taken since is left alone.
 */
export function releaseDeadHoldersLock(indexDir: string, pid: number): void {
  const file = path.join(indexDir, 'ingest.lock');
  try {
    const [holder] = fs.readFileSync(file, 'utf8').trim().split(/\s+/);
    if (Number(holder) === pid) fs.rmSync(file, { force: true });
  } catch {
    // No lock: nothing to tidy.
  }
}
