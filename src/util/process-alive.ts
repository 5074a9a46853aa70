import fs from 'node:fs';

/**
 * True while a process with this pid exists (even one we may not signal). Used to tell a lock or a
 * temporary file left by a killed process from one whose writer is still at work.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When the process with this pid started, as the kernel counts it (clock ticks since boot, field 22
 * of /proc/<pid>/stat), or null where there is no /proc or no such process. With the pid it names
 * one process for good: a pid is reused by later processes, its start time is not.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces or ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/**
 * True while the process that had this pid at `startTime` is still running. Without a recorded
 * start time (or without /proc), any live process with the pid counts.
 */
export function isSameProcessAlive(pid: number, startTime: string | null): boolean {
  if (!isProcessAlive(pid)) return false;
  if (startTime === null) return true;
  const now = processStartTime(pid);
  return now === null || now === startTime;
}
