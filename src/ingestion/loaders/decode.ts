/**
 * Turning a file's bytes into article text, or a reason they are not text.
 */

/** Decoded text, or why the bytes cannot be an article. */
export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Why a whole file's bytes cannot be an article before decoding them (empty, or binary), or null. */
export function binaryReason(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'empty file';
  if (bytes.includes(0))
    return looksLikeUtf16(bytes) ? 'UTF-16 text without a byte-order mark: save it as UTF-8' : 'binary file (contains NUL bytes), not text';
  return null;
}

/** Mostly Latin text in UTF-16: a NUL in nearly every other byte, and almost none in between. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const zeros = [0, 0];
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) zeros[i % 2]!++;
  const [even, odd] = zeros as [number, number];
  return Math.max(even, odd) > n / 4 && Math.min(even, odd) < n / 100;
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
 * UTF-16 text with its byte-order mark (what Windows Notepad saves as "Unicode") re-encoded as
 * UTF-8, so it reads like any other file; other bytes, and UTF-16 that does not decode, are
 * returned as they are (and then refused as binary).
 */
export function utf16AsUtf8(bytes: Uint8Array): Uint8Array {
  const little = bytes[0] === 0xff && bytes[1] === 0xfe;
  const big = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!little && !big) return bytes;
  try {
    return Buffer.from(new TextDecoder(little ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes), 'utf8');
  } catch {
    return bytes;
  }
}

/**
 * Control characters (escape, bell, NUL… but not line feed or tab) removed: a briefing holding
 * "\u001b[2J" must not drive the terminal or chat that shows it.
 */
export function withoutControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
}

/**
 * Decodes UTF-8 (or UTF-16 with a byte-order mark) bytes to NFC text with LF line ends and no byte-order mark. Binary data (a NUL
 * byte, or bytes that are not UTF-8) and files with nothing but whitespace are refused with a reason.
 */
export function decodeText(raw: Uint8Array): Decoded {
  const bytes = utf16AsUtf8(raw);
  const binary = binaryReason(bytes);
  if (binary) return { ok: false, reason: binary };
  let text = decodeUtf8(bytes);
  if (text === null) return { ok: false, reason: 'not valid UTF-8 text (binary, or another encoding: save it as UTF-8)' };
  text = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC');
  if (text.trim() === '') return { ok: false, reason: 'empty file (only whitespace)' };
  return { ok: true, text };
}
