/**
 * Turning a file's bytes into article text, or a reason they are not text.
 */

/** Decoded text, or why the bytes cannot be an article. */
export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Why a whole file's bytes cannot be an article before decoding them (empty, or binary), or null. */
export function binaryReason(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'empty file';
  if (bytes.includes(0)) return 'binary file (contains NUL bytes), not text';
  return null;
}

/** The text of UTF-8 bytes, without a leading byte-order mark; null when they are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    // The decoder drops a leading UTF-8 BOM itself (ignoreBOM: false).
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes UTF-8 bytes to NFC text with LF line ends and no byte-order mark. Binary data (a NUL
 * byte, or bytes that are not UTF-8) and files with nothing but whitespace are refused with a reason.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  const binary = binaryReason(bytes);
  if (binary) return { ok: false, reason: binary };
  let text = decodeUtf8(bytes);
  if (text === null) return { ok: false, reason: 'not valid UTF-8 text (binary, or another encoding: save it as UTF-8)' };
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
  if (text.trim() === '') return { ok: false, reason: 'empty file (only whitespace)' };
  return { ok: true, text };
}
