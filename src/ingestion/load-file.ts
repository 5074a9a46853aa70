/**
 * Reading one corpus file into documents, whatever its format, or a reason it was skipped.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { LoadResult } from './types.js';
import { decodeText } from './loaders/decode.js';
import { loadHtml } from './loaders/html.js';
import { loadJson, loadJsonLines } from './loaders/json.js';
import { loadMarkdown } from './loaders/markdown.js';
import { loadText } from './loaders/text.js';

type Loader = (text: string, relPath: string) => LoadResult;

const LOADERS: Record<string, Loader> = {
  '.md': loadMarkdown,
  '.markdown': loadMarkdown,
  '.txt': loadText,
  '.html': loadHtml,
  '.htm': loadHtml,
  '.json': loadJson,
  '.jsonl': loadJsonLines,
};

/** Extensions {@link loadFile} reads, lower case with the dot. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(LOADERS);

/** True when {@link loadFile} has a loader for this path's extension (case-insensitive). */
export function isSupportedFile(path: string): boolean {
  return extname(path).toLowerCase() in LOADERS;
}

/** Why a file could not be read, in words an admin can act on. */
function readError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'unreadable: permission denied (check the file permissions)';
    case 'ENOENT':
      return 'unreadable: file not found (removed while ingesting?)';
    case 'EISDIR':
      return 'unreadable: this is a directory, not a file';
    default:
      return `unreadable: ${(err as Error).message ?? String(err)}`;
  }
}

/**
 * Reads the file at `absPath` into documents. `relPath` (the path below the corpus folder) names the
 * documents: ids are derived from it when the file gives none. `bytes`, when the caller has already
 * read the file (to hash it), saves reading a large file twice. Never throws for bad input: an
 * unreadable, empty, binary, malformed or unsupported file comes back as `{ ok: false, reason }`.
 * The format follows the extension, case-insensitively: .md (.markdown), .txt, .html/.htm, .json, .jsonl.
 */
export async function loadFile(absPath: string, relPath: string, bytes?: Buffer): Promise<LoadResult> {
  const ext = extname(relPath || absPath).toLowerCase();
  const loader = LOADERS[ext];
  if (!loader) {
    const shown = ext || '(none)';
    return { ok: false, reason: `unsupported file type ${shown} (supported: .md .txt .html .htm .json .jsonl)` };
  }
  let content: Buffer;
  try {
    content = bytes ?? (await readFile(absPath));
  } catch (err) {
    return { ok: false, reason: readError(err) };
  }
  const decoded = decodeText(content);
  if (!decoded.ok) return decoded;
  try {
    return loader(decoded.text, relPath);
  } catch (err) {
    // A loader bug must not stop the whole ingestion; report it against the file.
    return { ok: false, reason: `could not be parsed: ${(err as Error).message ?? String(err)}` };
  }
}
