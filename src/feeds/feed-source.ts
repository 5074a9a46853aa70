/**
 * Feeds and article URLs as a document source of ingestion: each listed URL is fetched (politely,
 * conditionally), read as an RSS/Atom/RDF feed or, when it is a web page, as one article; each feed
 * item's page is fetched and its main text extracted. What comes out are the same document
 * records the file loaders produce, indexed by the ordinary ingestion run (same lock, same
 * transaction, same incremental rule); the HTTP state of every URL is saved in the same
 * transaction.
 */
import { createHash } from 'node:crypto';
import type { FeedsConfig } from '../config/feeds-config.js';
import type { IndexStore } from '../store/store.js';
import type { DocumentSource, PreparedSource } from '../ingestion/document-source.js';
import type { StreamedItem } from '../ingestion/load-file.js';
import { htmlFragmentText } from '../ingestion/loaders/html.js';
import { titleFromText } from '../ingestion/loaders/record.js';
import type { FeedRunReport, IngestProgress, IngestSummary, SkippedFile, SourceDocument } from '../ingestion/types.js';
import { decodeBody } from './decode-body.js';
import { extractArticle } from './extract-article.js';
import type { FeedEntry } from './feed-list.js';
import type { FetchState, UrlState } from '../store/fetch-state.js';
import { parseFeedText, type FeedItem } from './parse-feed.js';
import { PoliteFetcher, type FetchResult } from './polite-fetcher.js';

const ACCEPT_FEED =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1';
const ACCEPT_PAGE = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

export interface FeedSourceOptions {
  entries: FeedEntry[];
  config: Pick<
    FeedsConfig,
    | 'FEED_USER_AGENT'
    | 'FEED_TIMEOUT_MS'
    | 'FEED_MAX_BYTES'
    | 'FEED_HOST_CONCURRENCY'
    | 'FEED_HOST_DELAY_MS'
    | 'FEED_MAX_REDIRECTS'
    | 'FEED_MAX_ITEMS'
    | 'FEED_KEEP_DAYS'
  >;
  /** Lines of the feeds file that could not be used, added to the summary. */
  problems?: SkippedFile[];
  /** Today, for FEED_KEEP_DAYS (tests fix it). */
  now?: () => Date;
}

type ContentKind = 'html' | 'feed' | 'other';

function contentKind(contentType: string, bytes: Buffer): ContentKind {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (/xml|rss|atom/.test(type) || type === 'text/plain' || type === '') {
    // Servers label many things text/plain or nothing at all: look at the start of the body.
    const head = bytes.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
    if (!/xml|rss|atom/.test(type) && (head.startsWith('<!doctype html') || head.startsWith('<html'))) return 'html';
    return 'feed';
  }
  return 'other';
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The site's name from its address, when the page and feed name none: `baohaiphong.vn`. */
function hostName(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

/** A feed item to read: its link is known; `entryHash`, when given, is kept (an item re-tried while its feed is unchanged). */
type ItemToRead = FeedItem & { link: string; entryHash?: string };

/** What reading one item gave: its document (or that it is unchanged), its state to save, and problems. */
interface ItemReading {
  item?: StreamedItem;
  state?: UrlState;
  warnings: string[];
}

/** The items' readings gathered, in order. */
function collect(readings: ItemReading[]): { items: StreamedItem[]; states: UrlState[]; warnings: string[] } {
  return {
    items: readings.flatMap((r) => (r.item ? [r.item] : [])),
    states: readings.flatMap((r) => (r.state ? [r.state] : [])),
    warnings: readings.flatMap((r) => r.warnings),
  };
}

/** The documents read for one listed URL, with the state to save once they are indexed. */
interface Reading {
  items: StreamedItem[];
  warnings: string[];
  states: UrlState[];
  /** Set when the whole URL could not be used (its previous documents stay). */
  failure?: string;
  hash: string;
}

export class FeedSource implements DocumentSource {
  readonly #options: FeedSourceOptions;
  readonly #listed: Set<string>;
  readonly #fetcher: PoliteFetcher;
  readonly #report: FeedRunReport;

  constructor(options: FeedSourceOptions) {
    this.#options = options;
    this.#listed = new Set(options.entries.map((e) => e.url));
    const c = options.config;
    this.#fetcher = new PoliteFetcher({
      userAgent: c.FEED_USER_AGENT,
      timeoutMs: c.FEED_TIMEOUT_MS,
      maxBytes: c.FEED_MAX_BYTES,
      hostConcurrency: c.FEED_HOST_CONCURRENCY,
      hostDelayMs: c.FEED_HOST_DELAY_MS,
      maxRedirects: c.FEED_MAX_REDIRECTS,
    });
    this.#report = {
      listed: options.entries.length,
      unchangedSources: 0,
      pagesRead: 0,
      pagesUnchanged: 0,
      fromDescription: 0,
      requests: 0,
      notModified: 0,
    };
  }

  unlisted(key: string): boolean {
    return /^https?:\/\//.test(key) && !this.#listed.has(key);
  }

  async prepare(store: IndexStore, context: { reprocess: boolean; progress: IngestProgress }): Promise<PreparedSource[]> {
    const state = store.fetchState();
    let done = 0;
    const total = this.#options.entries.length;
    const readings = await Promise.all(
      this.#options.entries.map(async (entry) => {
        const reading = await this.#readEntry(entry, store, state, context.reprocess);
        context.progress({ phase: 'read', done: ++done, total, file: entry.url });
        return { entry, reading };
      }),
    );
    const prepared = readings.map(({ entry, reading }): PreparedSource => ({
      key: entry.url,
      hash: reading.hash,
      loaded: reading.failure
        ? { ok: false, reason: reading.failure }
        : {
            ok: true,
            stream: {
              items: reading.items,
              warnings: reading.warnings,
              failure: () =>
                reading.items.length > 0
                  ? null
                  : `nothing could be indexed${reading.warnings.length > 0 ? `: ${reading.warnings.slice(0, 3).join('; ')}` : ' (the feed lists no items)'}`,
            },
          },
      commit: () => {
        for (const s of reading.states) state.put(s);
      },
    }));
    return prepared;
  }

  report(summary: IngestSummary): void {
    this.#report.requests = this.#fetcher.counts.requests;
    this.#report.notModified = this.#fetcher.counts.notModified;
    summary.skipped.push(...(this.#options.problems ?? []));
    summary.feeds = { ...this.#report };
  }

  /** Reads one listed URL: a feed (with its items' pages) or a single article page. */
  async #readEntry(entry: FeedEntry, store: IndexStore, state: FetchState, reprocess: boolean): Promise<Reading> {
    const before = store.documentHashesOfFile(entry.url);
    const previous = reprocess || before.size === 0 ? null : state.get(entry.url);
    const answer = await this.#fetcher.get(entry.url, ACCEPT_FEED, previous ?? {});
    // An unchanged feed: its documents stay, but items indexed from its description are tried again.
    const keepAll = async (s: UrlState | null): Promise<Reading> => {
      this.#report.unchangedSources++;
      const results = await Promise.all(
        [...before.keys()].map(async (id): Promise<ItemReading> => {
          const itemState = state.get(id);
          const doc = itemState?.fromDescription ? store.document(id) : null;
          if (!doc) return { item: { unchanged: id }, warnings: [] } satisfies ItemReading;
          // A date found in the text is not passed on as the feed's: it would then be trusted for recency.
          const item = {
            link: id,
            title: doc.title,
            date: doc.dateFromText ? null : doc.date,
            time: NaN,
            description: null,
            version: '',
            entryHash: itemState!.entryHash ?? undefined,
          };
          return this.#readItem(entry, doc.source ?? hostName(entry.url), item, before, state, false);
        }),
      );
      const read = collect(results);
      return {
        items: read.items,
        warnings: read.warnings,
        states: [...(s ? [s] : []), ...read.states],
        hash: store.fileHash(entry.url) ?? '',
      };
    };
    if (answer.kind === 'not-modified') return keepAll(previous ? { ...previous, checkedAt: new Date().toISOString() } : null);
    if (answer.kind === 'failed') return { items: [], warnings: [], states: [], failure: answer.reason, hash: '' };
    const bodyHash = sha256(answer.bytes);
    const urlState: UrlState = {
      url: entry.url,
      etag: answer.etag,
      lastModified: answer.lastModified,
      bodyHash,
      entryHash: null,
      fromDescription: false,
      checkedAt: new Date().toISOString(),
    };
    // Same bytes as last time (a server without validators): nothing to read again.
    if (previous && previous.bodyHash === bodyHash) return keepAll(urlState);
    const kind = contentKind(answer.contentType, answer.bytes);
    if (kind === 'other')
      return {
        items: [],
        warnings: [],
        states: [],
        failure: `not a feed or a web page (content type ${answer.contentType}); skipped`,
        hash: '',
      };
    const decoded = decodeBody(answer.bytes, answer.contentType);
    if (!decoded.ok) return { items: [], warnings: [], states: [], failure: decoded.reason, hash: '' };
    if (kind === 'html') return this.#singleArticle(entry, answer.url, decoded.text, urlState);
    const parsed = parseFeedText(decoded.text, answer.url);
    if (!parsed.ok) return { items: [], warnings: [], states: [], failure: parsed.reason, hash: '' };
    return this.#readFeed(entry, parsed.feed.title, parsed.feed.items, before, store, state, reprocess, urlState);
  }

  /** A listed URL that is a web page: one article, whose document id is its URL. */
  #singleArticle(entry: FeedEntry, finalUrl: string, html: string, urlState: UrlState): Reading {
    const extracted = extractArticle(html, finalUrl);
    if (!extracted.ok) return { items: [], warnings: [], states: [], failure: extracted.reason, hash: '' };
    this.#report.pagesRead++;
    const a = extracted.article;
    const warnings = a.date ? [] : [`${entry.url}: no publication date in the page; dated from its text when it names a date`];
    const document = this.#document(entry.url, entry, {
      title: a.title,
      text: a.text,
      url: a.canonicalUrl ?? finalUrl,
      date: a.date,
      source: a.siteName ?? hostName(finalUrl),
      summary: a.summary,
    });
    return { items: [{ document }], warnings, states: [urlState], hash: urlState.bodyHash! };
  }

  async #readFeed(
    entry: FeedEntry,
    feedTitle: string | null,
    all: FeedItem[],
    before: Map<string, string>,
    store: IndexStore,
    state: FetchState,
    reprocess: boolean,
    feedState: UrlState,
  ): Promise<Reading> {
    const warnings: string[] = [];
    const max = this.#options.config.FEED_MAX_ITEMS;
    // Newest first (undated last), so a feed too long to read whole gives its newest items.
    const time = (item: FeedItem) => (Number.isNaN(item.time) ? -Infinity : item.time);
    let items = all
      .map((item, i) => ({ item, i }))
      .sort((a, b) => time(b.item) - time(a.item) || a.i - b.i)
      .map((x) => x.item);
    if (items.length > max) {
      warnings.push(`the feed lists ${items.length.toLocaleString('en')} items; read the newest ${max} (FEED_MAX_ITEMS)`);
      items = items.slice(0, max);
    }
    const seen = new Set<string>();
    const usable: Array<FeedItem & { link: string }> = [];
    for (const item of items) {
      if (!item.link) {
        warnings.push(`item "${item.title ?? item.description?.slice(0, 60) ?? '(untitled)'}" has no link; skipped`);
        continue;
      }
      if (seen.has(item.link)) continue;
      seen.add(item.link);
      usable.push(item as FeedItem & { link: string });
    }
    const source = feedTitle ?? hostName(entry.url);
    const results = collect(await Promise.all(usable.map((item) => this.#readItem(entry, source, item, before, state, reprocess))));
    const out = results.items;
    const states = [feedState, ...results.states];
    warnings.push(...results.warnings);
    // Items that dropped out of the feed stay (news archives keep their history), unless FEED_KEEP_DAYS says otherwise.
    const keepDays = this.#options.config.FEED_KEEP_DAYS;
    const cutoff =
      keepDays === undefined
        ? null
        : new Date((this.#options.now?.() ?? new Date()).getTime() - keepDays * 86_400_000).toISOString().slice(0, 10);
    for (const id of before.keys()) {
      if (seen.has(id)) continue;
      const date = store.document(id)?.date ?? null;
      if (cutoff !== null && date !== null && date < cutoff) continue;
      if (reprocess) {
        // Its stored text must be made again: read its page as an item the feed no longer describes.
        const r = collect([
          await this.#readItem(
            entry,
            source,
            { link: id, title: null, date, time: NaN, description: null, version: '' },
            before,
            state,
            true,
          ),
        ]);
        out.push(...r.items);
        states.push(...r.states);
        warnings.push(...r.warnings);
      } else out.push({ unchanged: id });
    }
    return { items: out, warnings, states, hash: feedState.bodyHash! };
  }

  /** One feed item: its page read (conditionally), or kept unchanged, or indexed from the feed's description. */
  async #readItem(
    entry: FeedEntry,
    source: string,
    item: ItemToRead,
    before: Map<string, string>,
    state: FetchState,
    reprocess: boolean,
  ): Promise<ItemReading> {
    const id = item.link;
    const entryHash = item.entryHash ?? sha256(item.version);
    const known = before.has(id) && !reprocess;
    const previous = known ? state.get(id) : null;
    // An entry unchanged in the feed, whose page was read: not requested again.
    if (previous && previous.entryHash === entryHash && !previous.fromDescription) {
      this.#report.pagesUnchanged++;
      return { item: { unchanged: id }, warnings: [] };
    }
    const answer: FetchResult = await this.#fetcher.get(id, ACCEPT_PAGE, previous ?? {});
    const checkedAt = new Date().toISOString();
    if (answer.kind === 'not-modified' && previous) {
      this.#report.pagesUnchanged++;
      return { item: { unchanged: id }, state: { ...previous, entryHash, checkedAt }, warnings: [] };
    }
    let reason: string;
    if (answer.kind === 'ok') {
      const bodyHash = sha256(answer.bytes);
      const pageState: UrlState = {
        url: id,
        etag: answer.etag,
        lastModified: answer.lastModified,
        bodyHash,
        entryHash,
        fromDescription: false,
        checkedAt,
      };
      if (previous && previous.bodyHash === bodyHash && !previous.fromDescription) {
        this.#report.pagesUnchanged++;
        return { item: { unchanged: id }, state: pageState, warnings: [] };
      }
      const read = this.#readPage(entry, source, item, answer.url, answer.bytes, answer.contentType);
      if (read.ok) {
        this.#report.pagesRead++;
        return { item: { document: read.document }, state: pageState, warnings: read.warnings };
      }
      reason = read.reason;
    } else reason = answer.kind === 'failed' ? answer.reason : 'not modified, but not indexed before';
    // The page cannot be read: what is indexed stays; a new item is indexed from the feed's description.
    if (known) return { item: { unchanged: id }, warnings: [`${id}: ${reason}; the version indexed before is kept`] };
    const description = item.description ? htmlFragmentText(item.description) : '';
    if (description.trim() === '') return { warnings: [`${id}: ${reason}; skipped (the feed gives no description)`] };
    this.#report.fromDescription++;
    const document = this.#document(id, entry, { title: item.title, text: description, url: id, date: item.date, source, summary: null });
    const warnings = [`${id}: ${reason}; indexed from the feed's description`];
    if (!item.date) warnings.push(`${id}: no publication date in the feed; dated from its text when it names a date`);
    return {
      item: { document },
      state: { url: id, etag: null, lastModified: null, bodyHash: null, entryHash, fromDescription: true, checkedAt },
      warnings,
    };
  }

  /** An item's page as a document: main text by Readability, date from the feed, else the page. */
  #readPage(
    entry: FeedEntry,
    feedSource: string,
    item: ItemToRead,
    pageUrl: string,
    bytes: Buffer,
    contentType: string,
  ): { ok: true; document: SourceDocument; warnings: string[] } | { ok: false; reason: string } {
    if (contentKind(contentType, bytes) !== 'html')
      return { ok: false, reason: `not an HTML page (content type ${contentType || 'none'})` };
    const decoded = decodeBody(bytes, contentType);
    if (!decoded.ok) return { ok: false, reason: decoded.reason };
    const extracted = extractArticle(decoded.text, pageUrl);
    if (!extracted.ok) return { ok: false, reason: extracted.reason };
    const a = extracted.article;
    const date = item.date ?? a.date;
    const warnings = date ? [] : [`${item.link}: no publication date in the feed or the page; dated from its text when it names a date`];
    const document = this.#document(item.link, entry, {
      title: item.title ?? a.title,
      text: a.text,
      url: a.canonicalUrl ?? pageUrl,
      date,
      source: a.siteName ?? feedSource,
      summary: a.summary,
    });
    return { ok: true, document, warnings };
  }

  #document(
    id: string,
    entry: FeedEntry,
    f: { title: string | null; text: string; url: string; date: string | null; source: string; summary: string | null },
  ): SourceDocument {
    const doc: SourceDocument = {
      id,
      title: f.title?.normalize('NFC').trim() || titleFromText(f.text),
      text: f.text,
      url: f.url,
      source: f.source.normalize('NFC'),
    };
    if (f.date) doc.date = f.date;
    if (f.summary) doc.summary = f.summary.normalize('NFC');
    if (entry.region) doc.region = entry.region;
    return doc;
  }
}
