/**
 * Escaping for Telegram's HTML parse mode. Telegram only needs `&`, `<` and `>` escaped in text
 * (and `"` inside attributes); Markdown-special characters (`_ * [`) need nothing in HTML mode,
 * which is why the bot uses it: corpus text arrives intact.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes a value for a double-quoted HTML attribute (an `<a href>`). */
export function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

/** Whether a link can be offered as `<a href>`: Telegram rejects messages with unusable URLs. */
export function isLinkable(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}
