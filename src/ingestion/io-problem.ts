/**
 * Why a file or folder of the corpus could not be read, in words an admin can act on (never a bare
 * error code such as EACCES).
 */
export function ioProblem(error: unknown, what: 'file' | 'folder'): string {
  const code = (error as NodeJS.ErrnoException).code;
  const unreadable = what === 'file' ? 'unreadable' : 'unreadable folder';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `${unreadable}: permission denied (check the ${what} permissions)`;
    case 'ENOENT':
      return `${unreadable}: ${what} not found (removed while ingesting?)`;
    case 'EISDIR':
      return 'unreadable: this is a directory, not a file';
    default:
      return `${unreadable}: ${(error as Error).message ?? String(error)}`;
  }
}

/** What a directory entry or path is when it is not a regular file or a folder, or null when it is one. */
export function notRegular(kind: {
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isBlockDevice(): boolean;
  isCharacterDevice(): boolean;
}): string | null {
  if (kind.isSymbolicLink()) return 'symbolic link: not followed (copy the file into the corpus, or give its target as a path)';
  const special = kind.isFIFO()
    ? 'a named pipe (FIFO)'
    : kind.isSocket()
      ? 'a socket'
      : kind.isBlockDevice() || kind.isCharacterDevice()
        ? 'a device'
        : null;
  return special ? `not a regular file (${special}): not read` : null;
}
