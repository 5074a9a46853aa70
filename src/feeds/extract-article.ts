/**
 * An article page's main text and metadata: Mozilla Readability (Firefox's reader view) picks the
 * article out of the page, over a linkedom DOM; the page's own metadata gives the canonical
 * address, publication date and site name.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlFragmentText } from '../ingestion/loaders/html.js';
import { feedDate } from './feed-date.js';
import { httpUrl } from './http-url.js';

export interface ExtractedArticle {
  title: string | null;
  text: string;
  /** The page's canonical address (link rel=canonical, og:url), absolute; null when it names none. */
  canonicalUrl: string | null;
  /** `YYYY-MM-DD` from the page's metadata, when it has one. */
  date: string | null;
  siteName: string | null;
  summary: string | null;
}

export type Extraction = { ok: true; article: ExtractedArticle } | { ok: false; reason: string };

/** Below this many characters of text, Readability found no article (a menu, a login wall). */
const MIN_TEXT_CHARS = 80;

type Doc = ReturnType<typeof parseHTML>['document'];

/** The first non-empty `content`, `href` or `datetime` of the elements matching `selectors`. */
function metaValue(document: Doc, ...selectors: string[]): string | null {
  for (const selector of selectors) {
    for (const el of document.querySelectorAll(selector)) {
      const value = (el.getAttribute('content') ?? el.getAttribute('href') ?? el.getAttribute('datetime'))?.trim();
      if (value) return value;
    }
  }
  return null;
}

/** Extracts the article of the page at `pageUrl` (its address after redirects) from its HTML. */
export function extractArticle(html: string, pageUrl: string): Extraction {
  const { document } = parseHTML(html);
  // Read before Readability, which rewrites the document as it works.
  const canonicalUrl = httpUrl(metaValue(document, 'link[rel="canonical"]', 'meta[property="og:url"]'), pageUrl);
  const rawDate = metaValue(
    document,
    'meta[property="article:published_time"]',
    'meta[name="pubdate"]',
    'meta[itemprop="datePublished"]',
    '[itemprop="datePublished"]',
    'meta[name="date"]',
    'meta[name="dc.date"]',
    'meta[name="DC.date.issued"]',
    'time[datetime]',
  );
  const siteMeta = metaValue(document, 'meta[property="og:site_name"]', 'meta[name="application-name"]');
  const description = metaValue(document, 'meta[property="og:description"]', 'meta[name="description"]');
  const ogTitle = metaValue(document, 'meta[property="og:title"]');
  let article: ReturnType<Readability['parse']>;
  try {
    article = new Readability(document).parse();
  } catch (error) {
    return { ok: false, reason: `the page could not be read as an article: ${(error as Error).message}` };
  }
  const text = article?.content ? htmlFragmentText(article.content) : '';
  if (text.replace(/\s+/g, ' ').trim().length < MIN_TEXT_CHARS)
    return { ok: false, reason: 'no main text found in the page (no article, only navigation or a short notice)' };
  const date = (rawDate ? feedDate(rawDate) : null) ?? (article?.publishedTime ? feedDate(article.publishedTime) : null);
  return {
    ok: true,
    article: {
      title: article?.title?.trim() || ogTitle,
      text,
      canonicalUrl,
      date,
      siteName: siteMeta ?? (article?.siteName?.trim() || null),
      summary: description ?? (article?.excerpt?.trim() || null),
    },
  };
}
