/**
 * RSS 2.0, Atom and RDF (RSS 1.0) feeds, parsed by feedsmith into the few fields ingestion needs.
 */
import { parseFeed, type AnyFeed } from 'feedsmith';
import { feedDate } from './feed-date.js';
import { httpUrl } from './http-url.js';

export interface FeedItem {
  /** The article's address, absolute (resolved against the feed's URL). */
  link: string | null;
  title: string | null;
  /** Publication date, `YYYY-MM-DD` in the feed's own time zone. */
  date: string | null;
  /** The same instant in milliseconds, for ordering items (NaN when unknown). */
  time: number;
  /** The item's content or description as given (often HTML). */
  description: string | null;
  /** Everything the feed says about the item, so a changed entry (an Atom `updated`) is noticed. */
  version: string;
}

export interface ParsedFeed {
  title: string | null;
  items: FeedItem[];
}

export type FeedParse = { ok: true; feed: ParsedFeed } | { ok: false; reason: string };

type Text = string | { value?: string } | undefined;
const textOf = (t: Text): string | null => (typeof t === 'string' ? t : t?.value)?.trim() || null;

/** The root element's name, skipping the XML declaration, comments, processing instructions and DOCTYPE. */
function rootElement(text: string): string | null {
  const body = text.replace(/^\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*/i, '');
  return /^<([A-Za-z_][\w:.-]*)/.exec(body)?.[1] ?? null;
}

/** Parses a feed's text; `feedUrl` resolves relative item links. Not XML, or XML that is no feed, gets a reason. */
export function parseFeedText(text: string, feedUrl: string): FeedParse {
  const root = rootElement(text);
  if (root === null) return { ok: false, reason: `not XML (the body starts with "${text.trim().slice(0, 30).replace(/\s+/g, ' ')}")` };
  let parsed: AnyFeed;
  try {
    parsed = parseFeed(text);
  } catch (error) {
    const what = root.toLowerCase() === 'html' ? 'an HTML page' : `XML with root element <${root}>`;
    return { ok: false, reason: `not an RSS, Atom or RDF feed (${what}): ${(error as Error).message}` };
  }
  const items: FeedItem[] = [];
  if (parsed.format === 'rss' || parsed.format === 'rdf') {
    const feed = parsed.feed;
    for (const item of feed.items ?? []) {
      const rss = item as typeof item & {
        pubDate?: string;
        guid?: { value?: string; isPermaLink?: boolean };
        content?: { encoded?: string };
      };
      const guidLink = rss.guid?.isPermaLink === false ? null : rss.guid?.value;
      const rawDate = rss.pubDate ?? item.dc?.dates?.[0] ?? null;
      items.push({
        link: httpUrl(item.link, feedUrl) ?? httpUrl(guidLink, feedUrl),
        title: textOf(item.title) ?? textOf(item.dc?.titles?.[0]),
        date: rawDate ? feedDate(rawDate) : null,
        time: rawDate ? Date.parse(rawDate) : NaN,
        description: textOf(rss.content?.encoded) ?? textOf(item.description) ?? textOf(item.dc?.descriptions?.[0]),
        version: JSON.stringify([item.link, item.title, rawDate, item.description, rss.content?.encoded]),
      });
    }
    return { ok: true, feed: { title: textOf(feed.title), items } };
  }
  if (parsed.format === 'atom') {
    const feed = parsed.feed;
    for (const entry of feed.entries ?? []) {
      const links = entry.links ?? [];
      const link = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
      const rawDate = entry.published ?? entry.updated ?? entry.dc?.dates?.[0] ?? null;
      items.push({
        link: httpUrl(link?.href, feedUrl) ?? httpUrl(entry.id, feedUrl),
        title: textOf(entry.title),
        date: rawDate ? feedDate(rawDate) : null,
        time: rawDate ? Date.parse(rawDate) : NaN,
        description: textOf(entry.content) ?? textOf(entry.summary),
        version: JSON.stringify([link?.href, entry.title, entry.published, entry.updated, entry.summary, entry.content]),
      });
    }
    return { ok: true, feed: { title: textOf(feed.title), items } };
  }
  return { ok: false, reason: 'a JSON Feed, not RSS or Atom (JSON Feeds are not read)' };
}
