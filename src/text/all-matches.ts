/**
 * Every match of a global pattern in `text`, as `text.matchAll(pattern)` gives them, without the
 * copy of the pattern `matchAll` makes (and compiles anew) on every call: ingestion matches a few
 * patterns against every document, and the copies cost more than the matching of short texts.
 * The pattern's `lastIndex` is left at 0.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`allMatches needs a global pattern, got ${String(pattern)}`);
  const out: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    out.push(m);
    // An empty match would be found again at the same place: step over it, by a whole code point with the u flag.
    if (m[0] === '') pattern.lastIndex = nextIndex(text, pattern.lastIndex, /[uv]/.test(pattern.flags));
  }
  pattern.lastIndex = 0;
  return out;
}

function nextIndex(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const c = text.charCodeAt(index);
  const d = text.charCodeAt(index + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? index + 2 : index + 1;
}
