/**
 * Reading one corpus file into documents, whatever its format, or a reason it was skipped.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { LoadResult, SourceDocument } from './types.js';
import { ioProblem } from './io-problem.js';
import { binaryReason, decodeText, utf16AsUtf8, withoutControls } from './loaders/decode.js';
import { loadHtml } from './loaders/html.js';
import { duplicateWarning, loadJson, loadJsonLines, nothingUsable, readJsonLine, splitLines, type ReadLine } from './loaders/json.js';
import type { PreparedDocument } from './prepare-document.js';
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
    return { ok: false, reason: ioProblem(err, 'file') };
  }
  const decoded = decodeText(content);
  if (!decoded.ok) return decoded;
  try {
    const loaded = loader(decoded.text, relPath);
    return loaded.ok ? { ...loaded, documents: loaded.documents.map(withoutControls) } : loaded;
  } catch (err) {
    // A loader bug must not stop the whole ingestion; report it against the file.
    return { ok: false, reason: `could not be parsed: ${(err as Error).message ?? String(err)}` };
  }
}

/**
 * A document read from a file, or a line of a `.jsonl` file known to be unchanged (by its id). A
 * document read by a {@link LineReader} comes with its preparation, already under way.
 */
export type StreamedItem = { document: SourceDocument; lineHash?: string; prepared?: Promise<PreparedDocument> } | { unchanged: string };

/**
 * A file's documents, produced as they are iterated. `warnings` fills in during the iteration;
 * `failure()`, asked after it, says why nothing at all was usable (null when something was).
 */
export interface DocumentStream {
  items: Iterable<StreamedItem> | AsyncIterable<StreamedItem>;
  warnings: string[];
  failure(): string | null;
}

/** How {@link streamFile} recognises `.jsonl` lines it need not parse again. */
export interface LineMemory {
  /** A line's hash (salted by the caller); given with each document read from a `.jsonl` line. */
  hash(line: Uint8Array): string;
  /** The id of the document a line with this hash gave last time, when it needs no re-reading. */
  unchanged(hash: string): string | undefined;
}

/**
 * Reads `.jsonl` lines (see `readJsonLine`) and prepares their documents elsewhere, the
 * preparation thread, while the caller writes earlier ones (see DocumentPreparer).
 */
export interface LineReader {
  readLine(line: Uint8Array, lineNo: number, relPath: string): Promise<{ read: ReadLine; prepared: Promise<PreparedDocument> | null }>;
  /** Sends the lines still gathering for a batch: called before one of them is awaited. */
  flush(): void;
}

/** Lines of a `.jsonl` file a {@link LineReader} is given ahead of the one being used: enough to keep it busy. */
const LINES_AHEAD = 64;

/**
 * Like {@link loadFile}, but a `.jsonl` file is read one line at a time from `raw`, so ingesting
 * a corpus exported as one huge file needs no more memory than the same corpus in many small files;
 * with `lines`, a line seen before is recognised by its hash and not parsed again, so a few changed
 * records in such a file cost little more than reading it. With `reader`, the other lines are read
 * by it, ahead of their use. Other formats hold one or a few documents per file and are loaded whole.
 */
export async function streamFile(
  absPath: string,
  relPath: string,
  raw: Buffer,
  lines?: LineMemory,
  reader?: LineReader,
): Promise<{ ok: true; stream: DocumentStream } | { ok: false; reason: string }> {
  if (extname(relPath || absPath).toLowerCase() !== '.jsonl') {
    const loaded = await loadFile(absPath, relPath, raw);
    return loaded.ok
      ? {
          ok: true,
          stream: { items: loaded.documents.map((document) => ({ document })), warnings: loaded.warnings ?? [], failure: () => null },
        }
      : loaded;
  }
  const bytes = utf16AsUtf8(raw);
  // The whole-file checks decodeText makes, without decoding the whole file.
  const binary = binaryReason(bytes);
  if (binary) return { ok: false, reason: binary };
  const warnings: string[] = [];
  let count = 0;
  const seen = new Set<string>();
  /** A line on its way: known by its hash, or being read by `reader` (else read when used). */
  interface Ahead {
    line: Uint8Array;
    lineNo: number;
    lineHash: string | undefined;
    known: string | undefined;
    reading: ReturnType<LineReader['readLine']> | null;
  }
  // Lines are used in order, so ids, warnings and duplicates are those of reading the file line by line.
  async function* use(ahead: Ahead): AsyncGenerator<StreamedItem> {
    const { known, lineHash } = ahead;
    if (known !== undefined && !seen.has(known)) {
      seen.add(known);
      count++;
      yield { unchanged: known };
      return;
    }
    if (ahead.reading) reader!.flush();
    const { read, prepared } = ahead.reading
      ? await ahead.reading
      : { read: readJsonLine(ahead.line, ahead.lineNo, relPath), prepared: null };
    warnings.push(...read.warnings);
    const document = read.document;
    if (!document) return;
    // Ids are keys in the index: a repeated id would silently replace the earlier document.
    if (seen.has(document.id)) {
      warnings.push(duplicateWarning(document.id));
      return;
    }
    seen.add(document.id);
    count++;
    yield { document, ...(lineHash === undefined ? {} : { lineHash }), ...(prepared ? { prepared } : {}) };
  }
  const items = (async function* (): AsyncGenerator<StreamedItem> {
    const ahead: Ahead[] = [];
    let lineNo = 0;
    for (const line of splitLines(bytes)) {
      lineNo++;
      const lineHash = lines?.hash(line);
      const known = lineHash === undefined ? undefined : lines!.unchanged(lineHash);
      const reading = known === undefined && reader ? reader.readLine(line, lineNo, relPath) : null;
      ahead.push({ line, lineNo, lineHash, known, reading });
      if (ahead.length > LINES_AHEAD) yield* use(ahead.shift()!);
    }
    while (ahead.length > 0) yield* use(ahead.shift()!);
  })();
  return { ok: true, stream: { items, warnings, failure: () => (count > 0 ? null : nothingUsable(warnings, 'the file')) } };
}
