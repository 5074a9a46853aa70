/**
 * An http(s) address in the form it is stored and compared under: absolute (resolved against
 * `base` when given), without its `#fragment`. Null when it is not an http(s) URL.
 */
export function httpUrl(link: string | null | undefined, base?: string): string | null {
  if (!link?.trim()) return null;
  try {
    const url = new URL(link.trim(), base);
    url.hash = '';
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
