/**
 * Strings as UTF-8 bytes, all in one buffer of their own: a worker thread sends a batch of long
 * strings to the main thread by transferring the buffer (no copy) instead of cloning the strings,
 * and SQLite takes the bytes as they are, where a string is converted to UTF-8 on the main thread
 * first.
 */
export interface Utf8Pack {
  /** The buffer to list in `postMessage`'s transfer list. */
  buffer: ArrayBuffer;
  /** Each string's bytes, in the order given: views into `buffer`. */
  views: Uint8Array[];
}

/** Encodes `strings` into one fresh buffer (see {@link Utf8Pack}). */
export function packUtf8(strings: string[]): Utf8Pack {
  let total = 0;
  for (const s of strings) total += Buffer.byteLength(s, 'utf8');
  // Not from Buffer's shared pool: the buffer is transferred, and every byte of it is written below.
  const bytes = Buffer.allocUnsafeSlow(total);
  const views: Uint8Array[] = [];
  let at = 0;
  for (const s of strings) {
    const end = at + bytes.write(s, at, 'utf8');
    views.push(bytes.subarray(at, end));
    at = end;
  }
  return { buffer: bytes.buffer, views };
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** A string, or the string whose UTF-8 bytes these are. */
export function utf8String(value: string | Uint8Array): string {
  return typeof value === 'string' ? value : decoder.decode(value);
}
