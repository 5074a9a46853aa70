/**
 * At most this many messages answer one question, in any chat: a reply that needs more (many
 * sources, a long answer) lists fewer sources and points to /sources. A 280 KB briefing once made
 * one answer 138 Telegram messages.
 */
export const MAX_REPLY_MESSAGES = 3;

/**
 * Splits a message into parts of at most `limit` characters, on line boundaries where possible
 * (then on spaces, and only as a last resort inside a word), so each part reads on its own.
 */
export function splitMessage(text: string, limit: number): string[] {
  if (limit < 1) throw new RangeError('limit must be positive');
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim() !== '') parts.push(current.replace(/\n+$/, ''));
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (candidate.length <= limit) {
      current = candidate;
      continue;
    }
    flush();
    let rest = line;
    while (rest.length > limit) {
      let cut = rest.lastIndexOf(' ', limit);
      if (cut <= 0) cut = limit;
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut).replace(/^ /, '');
    }
    current = rest;
  }
  flush();
  return parts.length > 0 ? parts : [''];
}
