import fs from 'node:fs';
import path from 'node:path';
import { ioProblem, notRegular } from './io-problem.js';
import type { SkippedFile } from './types.js';

export interface ScannedFile {
  /** Absolute path: the file's identity in the index. */
  absPath: string;
  /** Path relative to the input it was found under: the base of its documents' ids. */
  relPath: string;
}

/**
 * Lists the regular files under the given inputs (files or folders, recursively), sorted, skipping
 * hidden files and folders and README files. What cannot be read is returned in `skipped` with its
 * reason: inputs that do not exist, folders without permission, and anything that is not a regular
 * file (a symbolic link inside a folder is not followed; a FIFO is never opened, since reading one
 * waits for a writer forever).
 */
export function scanFiles(inputs: string[]): { files: ScannedFile[]; skipped: SkippedFile[] } {
  const files: ScannedFile[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const root = path.resolve(input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(root);
    } catch {
      skipped.push({ path: input, reason: 'no such file or folder' });
      continue;
    }
    const found: ScannedFile[] = [];
    if (stat.isDirectory()) walk(root, root, found, skipped);
    else if (stat.isFile()) found.push({ absPath: root, relPath: path.basename(root) });
    else skipped.push({ path: input, reason: notRegular(stat) ?? 'not a regular file: not read' });
    for (const f of found) {
      if (seen.has(f.absPath)) continue;
      seen.add(f.absPath);
      files.push(f);
    }
  }
  return { files, skipped };
}

function walk(root: string, dir: string, out: ScannedFile[], skipped: SkippedFile[]): void {
  const rel = (full: string) => path.relative(root, full).split(path.sep).join('/');
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    skipped.push({ path: dir === root ? root : `${rel(dir)}/`, reason: ioProblem(error, 'folder') });
    return;
  }
  for (const entry of entries) {
    // Hidden files and the folder's own README (documentation of the format) are not briefings.
    if (entry.name.startsWith('.') || /^readme(\.\w+)?$/i.test(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(root, full, out, skipped);
    else if (entry.isFile()) out.push({ absPath: full, relPath: rel(full) });
    else skipped.push({ path: rel(full), reason: notRegular(entry) ?? 'not a regular file: not read' });
  }
}
