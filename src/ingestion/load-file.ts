/**
 * Reading one corpus file into documents, whatever its format, or a reason it was skipped.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { LoadResult, SourceDocument } from './types.js';
import { ioProblem } from './io-problem.js';
import { binaryReason, decodeText, utf16AsUtf8, withoutControlCharacters } from './loaders/decode.js';
import { loadHtml } from './loaders/html.js';
import { loadJson, nothingUsable, parseJsonLine, splitLines } from './loaders/json.js';
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
};

/** One document per line: read line by line from the bytes by {@link streamFile}, the one JSONL reader. */
const JSON_LINES = '.jsonl';

/** Extensions {@link loadFile} reads, lower case with the dot. */
export const SUPPORTED_EXTENSIONS: readonly string[] = [...Object.keys(LOADERS), JSON_LINES];

/** True when {@link loadFile} has a loader for this path's extension (case-insensitive). */
export function isSupportedFile(path: string): boolean {
  return SUPPORTED_EXTENSIONS.includes(extname(path).toLowerCase());
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
  if (!loader && ext !== JSON_LINES) {
    const shown = ext || '(none)';
    return { ok: false, reason: `unsupported file type ${shown} (supported: .md .txt .html .htm .json .jsonl)` };
  }
  let content: Buffer;
  try {
    content = bytes ?? (await readFile(absPath));
  } catch (err) {
    return { ok: false, reason: ioProblem(err, 'file') };
  }
  if (!loader) return linesLoaded(await streamFile(absPath, relPath, content));
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

/** A `.jsonl` file's stream, read to its end, as a load result. */
function linesLoaded(streamed: Awaited<ReturnType<typeof streamFile>>): LoadResult {
  if (!streamed.ok) return streamed;
  const documents: SourceDocument[] = [];
  for (const item of streamed.stream.items) if ('document' in item) documents.push(item.document);
  const failure = streamed.stream.failure();
  if (failure !== null) return { ok: false, reason: failure };
  const { warnings } = streamed.stream;
  return warnings.length > 0 ? { ok: true, documents, warnings } : { ok: true, documents };
}

/** A document with control characters removed from every text field (whatever format it came from: JSON's "\u001b", HTML's "&#27;"). */
function withoutControls(doc: SourceDocument): SourceDocument {
  const out: SourceDocument = { ...doc, title: withoutControlCharacters(doc.title), text: withoutControlCharacters(doc.text) };
  for (const field of ['summary', 'url', 'region', 'source'] as const) {
    const value = doc[field];
    if (value !== undefined) out[field] = withoutControlCharacters(value);
  }
  return out;
}

/** A document read from a file, or a line of a `.jsonl` file known to be unchanged (by its id). */
export type StreamedItem = { document: SourceDocument; lineHash?: string } | { unchanged: string };

/**
 * A file's documents, produced as they are iterated. `warnings` fills in during the iteration;
 * `failure()`, asked after it, says why nothing at all was usable (null when something was).
 */
export interface DocumentStream {
  items: Iterable<StreamedItem>;
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
 * Like {@link loadFile}, but a `.jsonl` file is read one line at a time from `raw`, so ingesting
 * a corpus exported as one huge file needs no more memory than the same corpus in many small files;
 * with `lines`, a line seen before is recognised by its hash and not parsed again, so a few changed
 * records in such a file cost little more than reading it. Other formats hold one or a few
 * documents per file and are loaded whole.
 */
export async function streamFile(
  absPath: string,
  relPath: string,
  raw: Buffer,
  lines?: LineMemory,
): Promise<{ ok: true; stream: DocumentStream } | { ok: false; reason: string }> {
  if (extname(relPath || absPath).toLowerCase() !== JSON_LINES) {
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
  const items = (function* (): Generator<StreamedItem> {
    const seen = new Set<string>();
    let lineNo = 0;
    for (const line of splitLines(bytes)) {
      lineNo++;
      const lineHash = lines?.hash(line);
      const known = lineHash === undefined ? undefined : lines!.unchanged(lineHash);
      if (known !== undefined && !seen.has(known)) {
        seen.add(known);
        count++;
        yield { unchanged: known };
        continue;
      }
      const parsed = parseJsonLine(line, lineNo, relPath, warnings, seen);
      if (!parsed) continue;
      const document = withoutControls(parsed);
      count++;
      yield lineHash === undefined ? { document } : { document, lineHash };
    }
  })();
  return { ok: true, stream: { items, warnings, failure: () => (count > 0 ? null : nothingUsable(warnings, 'the file')) } };
}
