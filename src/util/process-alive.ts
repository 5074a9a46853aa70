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
