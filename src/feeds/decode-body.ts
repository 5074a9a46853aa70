/**
 * Turning a fetched body into text in the charset it was sent in. Vietnamese sites still serve
 * windows-1258 (whose tone marks are combining characters, so the text is normalised to NFC) and
 * windows-1252/ISO-8859-1 pages. Node 20's TextDecoder decodes windows-1258 correctly, but its
 * windows-1252 (which also answers for the labels iso-8859-1, latin1 and ascii, as the Encoding
 * Standard says) is plain ISO-8859-1: bytes 0x80-0x9F come out as control characters instead of
 * € ‚ „ … ‘ ’ “ ” – —. Those 27 characters are mapped here.
 */

/** windows-1252's bytes 0x80-0x9F (the Encoding Standard's index; the five unassigned bytes keep their code point). */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!));
}

export type DecodedBody = { ok: true; text: string; charset: string } | { ok: false; reason: string };

/** The charset named by a Content-Type value (`text/html; charset=windows-1258`), lower case. */
export function charsetOf(contentType: string): string | null {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? null;
}

/** The charset a document declares in itself: a byte-order mark, `<?xml encoding>`, or an HTML `<meta>`. */
function declaredInside(bytes: Buffer): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // Declarations are ASCII and come first; latin1 reads any byte as one character.
  const head = bytes.subarray(0, 4096).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta ? meta[1]!.toLowerCase() : null;
}

/**
 * Decodes a body: the charset of the Content-Type header wins, then the document's own
 * declaration, else UTF-8. Bytes that are not valid in the charset (undeclared legacy pages) are
 * refused with a reason instead of being indexed garbled.
 */
export function decodeBody(bytes: Buffer, contentType: string): DecodedBody {
  const charset = charsetOf(contentType) ?? declaredInside(bytes) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    return { ok: false, reason: `unknown charset "${charset}"` };
  }
  let text: string;
  try {
    text = decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
  } catch {
    return {
      ok: false,
      reason: `not valid ${charset} text${charsetOf(contentType) || declaredInside(bytes) ? '' : ' (and no charset declared)'}`,
    };
  }
  text = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC');
  if (text.trim() === '') return { ok: false, reason: 'empty body' };
  return { ok: true, text, charset: decoder.encoding };
}
