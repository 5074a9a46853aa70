/**
 * Text from outside (a file name, a document id, a reason quoting them) made safe to print on one
 * line of a summary: control characters are shown escaped (`\n`, `\u001b`), so a file named
 * "a\nFiles read: 999" cannot forge a line, nor a name carrying a terminal escape restyle the
 * screen. Bidirectional overrides are escaped too: they reorder what a reader sees.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
