import fs from 'node:fs';
import path from 'node:path';

export interface ScannedFile {
  /** Absolute path: the file's identity in the index. */
  absPath: string;
  /** Path relative to the input it was found under: the base of its documents' ids. */
  relPath: string;
}

/**
 * Lists the files under the given inputs (files or folders, recursively), sorted, skipping hidden
 * files and folders and README files. Inputs that do not exist are returned in `missing`.
 */
export function scanFiles(inputs: string[]): { files: ScannedFile[]; missing: string[] } {
  const files: ScannedFile[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const root = path.resolve(input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(root);
    } catch {
      missing.push(input);
      continue;
    }
    const found = stat.isDirectory()
      ? walk(root).map((abs) => ({ absPath: abs, relPath: path.relative(root, abs).split(path.sep).join('/') }))
      : [{ absPath: root, relPath: path.basename(root) }];
    for (const f of found) {
      if (seen.has(f.absPath)) continue;
      seen.add(f.absPath);
      files.push(f);
    }
  }
  return { files, missing };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    // Hidden files and the folder's own README (documentation of the format) are not briefings.
    if (entry.name.startsWith('.') || /^readme(\.\w+)?$/i.test(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
