/**
 * JSON briefings: a `.json` file holding one document or an array of them, and `.jsonl` files with
 * one document per line. Fields: `id, title, text`, optional `summary, url, date, region, source`.
 */
import type { LoadResult, SourceDocument } from '../types.js';
import { decodeUtf8 } from './decode.js';
import { idForItem, idFromPath } from './doc-id.js';
import { recordToDocument } from './record.js';

/** "line 3, column 7" for a character offset, so an admin can find the error in an editor. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** JSON.parse's complaint, located by line and column when V8 reports a position. */
function describeJsonError(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const at = /position (\d+)/.exec(message);
  const where = at ? ` at ${position(text, Number(at[1]))}` : '';
  const what = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/,? "[^"]*" is not valid JSON$/, '');
  return `malformed JSON${where}: ${what}`;
}

/** A loaded multi-document file: skipped items become warnings; nothing usable is a skip. */
function collect(all: SourceDocument[], warnings: string[], what: string): LoadResult {
  // Ids are keys in the index: a repeated id would silently replace the earlier document.
  const seen = new Set<string>();
  const documents: SourceDocument[] = [];
  for (const doc of all) {
    if (seen.has(doc.id)) warnings.push(duplicateWarning(doc.id));
    else {
      seen.add(doc.id);
      documents.push(doc);
    }
  }
  if (documents.length === 0) return { ok: false, reason: nothingUsable(warnings, what) };
  return warnings.length > 0 ? { ok: true, documents, warnings } : { ok: true, documents };
}

function duplicateWarning(id: string): string {
  return `duplicate id "${id}": only its first document is kept`;
}

/** Why a multi-document file gave no document at all, with its first few problems. */
export function nothingUsable(warnings: string[], what: string): string {
  const first = warnings.slice(0, 3).join('; ');
  return warnings.length > 0
    ? `no valid documents in ${what}: ${first}${warnings.length > 3 ? `; and ${warnings.length - 3} more` : ''}`
    : `no documents in ${what}`;
}

/**
 * Reads a `.json` file: one document object, or an array of them. Array items without an `id` get
 * `<file id>#<position>`; an item without `text` is skipped with a warning, and a single document
 * without `text` is reported.
 */
export function loadJson(text: string, relPath: string): LoadResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: describeJsonError(err, text) };
  }
  if (!Array.isArray(value)) {
    const r = recordToDocument(value, idFromPath(relPath));
    if (!r.ok) return { ok: false, reason: r.reason };
    return r.warnings.length > 0 ? { ok: true, documents: [r.document], warnings: r.warnings } : { ok: true, documents: [r.document] };
  }
  const documents: SourceDocument[] = [];
  const warnings: string[] = [];
  value.forEach((item, i) => {
    const r = recordToDocument(item, idForItem(relPath, i));
    if (r.ok) {
      documents.push(r.document);
      warnings.push(...r.warnings.map((w) => `item ${i}: ${w}`));
    } else warnings.push(`item ${i} skipped: ${r.reason}`);
  });
  return collect(documents, warnings, 'the array');
}

/**
 * One line of a `.jsonl` file as a document (a line that is not valid JSON, or lacks `text`, is
 * skipped with a warning naming its line number; a line without an `id` gets `<file id>#<line
 * number>`), read straight from the file's bytes (see {@link splitLines}): a line in
 * another encoding then costs that line, not the file. Returns null for a blank or skipped line;
 * problems go to `warnings`, and an id already in `seen` (which it adds to) is a duplicate.
 */
export function parseJsonLine(
  raw: Uint8Array,
  lineNo: number,
  relPath: string,
  warnings: string[],
  seen: Set<string>,
): SourceDocument | null {
  // No NFC here: a JSON string may spell any character as \uXXXX, so the record's text fields are
  // normalised once parsed (its id is kept as written).
  const decoded = decodeUtf8(raw);
  if (decoded === null) {
    warnings.push(`line ${lineNo} skipped: not valid UTF-8 text (save the file as UTF-8)`);
    return null;
  }
  const line = decoded.trim();
  if (line === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    warnings.push(`line ${lineNo} skipped: ${describeJsonError(err, line).replace(/ at line 1, column/, ' at column')}`);
    return null;
  }
  const r = recordToDocument(value, idForItem(relPath, lineNo));
  if (!r.ok) {
    warnings.push(`line ${lineNo} skipped: ${r.reason}`);
    return null;
  }
  warnings.push(...r.warnings.map((w) => `line ${lineNo}: ${w}`));
  // Ids are keys in the index: a repeated id would silently replace the earlier document.
  if (seen.has(r.document.id)) {
    warnings.push(duplicateWarning(r.document.id));
    return null;
  }
  seen.add(r.document.id);
  return r.document;
}

/**
 * The lines of UTF-8 bytes as byte ranges (not copied), without their line feeds: a corpus exported
 * as one 130 MB file is then never in memory as one string.
 */
export function* splitLines(bytes: Uint8Array): Generator<Uint8Array> {
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    yield bytes.subarray(start, end);
    start = end + 1;
  }
}
