import fs from 'node:fs';
import { ioProblem, notRegular } from './io-problem.js';

/**
 * Reads a corpus file whole, or says why not. Only a regular file is read: the file is opened
 * without blocking and checked before reading, so a FIFO (which a plain read would wait on forever)
 * or a device is refused even when it was swapped in after the folder was listed.
 */
export function readRegularFile(absPath: string): { ok: true; bytes: Buffer } | { ok: false; reason: string } {
  let fd: number;
  try {
    fd = fs.openSync(absPath, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, reason: ioProblem(error, 'file') };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: notRegular(stat) ?? 'not a regular file: not read' };
    return { ok: true, bytes: fs.readFileSync(fd) };
  } catch (error) {
    return { ok: false, reason: ioProblem(error, 'file') };
  } finally {
    fs.closeSync(fd);
  }
}
