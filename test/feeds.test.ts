import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedsConfigSchema, type FeedsConfig } from '../src/config/feeds-config.js';
import { FeedSource } from '../src/feeds/feed-source.js';
import type { FeedEntry } from '../src/feeds/feed-list.js';
import { IndexStore } from '../src/index/store.js';
import { ingest } from '../src/ingestion/ingest.js';
import type { IngestSummary } from '../src/ingestion/types.js';
import { askIndex } from './helpers/briefing-index.js';
import { FeedServer } from './helpers/feed-server.js';
import { tempDir } from './operations-helpers.js';

/** Feed settings as an admin leaves them, without the pause between requests (the tests' site is local). */
const CONFIG: FeedsConfig = feedsConfigSchema.parse({ FEED_HOST_DELAY_MS: '0', FEED_TIMEOUT_MS: '3000' });

/** The Hải Phòng newspaper's RSS feed and the Quảng Ninh newspaper's Atom feed, with their articles. */
function serveNewsSites(server: FeedServer): void {
  server.serveFixture('/robots.txt', 'robots.txt');
  server.serveFixture('/kinh-te/rss.xml', 'kinh-te.rss', { etag: '"kinh-te-1"' });
  server.serveFixture('/kinh-te/fdi-9-thang.html', 'articles/fdi-9-thang.html', { etag: '"fdi-1"' });
  server.serveFixture('/kinh-te/cang-lach-huyen.html', 'articles/cang-lach-huyen.html', { lastModified: 'Wed, 18 Oct 2023 08:00:00 GMT' });
  server.serveFixture('/kinh-te/xuat-khau.html', 'articles/xuat-khau.html', { etag: '"xuat-khau-1"' });
  server.serveFixture('/du-lich/atom.xml', 'du-lich.atom', { lastModified: 'Thu, 02 Nov 2023 00:00:00 GMT' });
  server.serveFixture('/du-lich/15-trieu-luot-khach.html', 'articles/15-trieu-luot-khach.html', { etag: '"khach-1"' });
  server.serveFixture('/du-lich/ha-long-top.html', 'articles/ha-long-top.html', { etag: '"ha-long-1"' });
}

describe('Feeds and article URLs', () => {
  let server: FeedServer;
  let tmp: ReturnType<typeof tempDir>;
  let indexDir: string;

  beforeEach(async () => {
    server = await new FeedServer().start();
    tmp = tempDir('feeds-');
    indexDir = path.join(tmp.dir, 'index');
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  function ingestFeeds(entries: FeedEntry[], config: Partial<FeedsConfig> = {}, options: { prune?: boolean; now?: () => Date } = {}): Promise<IngestSummary> {
    const source = new FeedSource({ entries, config: { ...CONFIG, ...config }, now: options.now });
    return ingest({ inputs: [], indexDir, embedder: null, prune: options.prune, sources: [source] });
  }

  function withStore<T>(read: (store: IndexStore) => T): T {
    const store = IndexStore.openForRead(indexDir);
    try {
      return read(store);
    } finally {
      store.close();
    }
  }

  const reasons = (summary: IngestSummary) => summary.skipped.map((s) => `${s.path}: ${s.reason}`);

  it('indexes every item of an RSS and an Atom feed with its title, canonical URL, date, source and region', async () => {
    serveNewsSites(server);
    const summary = await ingestFeeds([{ url: server.url('/kinh-te/rss.xml'), region: 'Hải Phòng' }, { url: server.url('/du-lich/atom.xml') }]);
    expect(summary.added).toBe(5);
    expect(summary.feeds).toMatchObject({ listed: 2, pagesRead: 5, fromDescription: 0 });
    const fdi = withStore((s) => s.document(server.url('/kinh-te/fdi-9-thang.html')));
    expect(fdi).toMatchObject({
      title: 'Hải Phòng thu hút hơn 3 tỷ USD vốn FDI trong 9 tháng',
      url: server.url('/kinh-te/fdi-9-thang.html'),
      date: '2023-10-19',
      source: 'Báo Hải Phòng',
      region: 'Hải Phòng',
      dateFromText: false,
    });
    // RSS dates are read in their own time zone: 23:45 +0700 on the 17th is the 17th in Vietnam.
    expect(withStore((s) => s.document(server.url('/kinh-te/xuat-khau.html'))?.date)).toBe('2023-10-17');
    // The Atom feed names no region: it is found in the title, as for files.
    expect(withStore((s) => s.document(server.url('/du-lich/15-trieu-luot-khach.html')))).toMatchObject({ region: 'Quảng Ninh', date: '2023-11-02', source: 'Báo Quảng Ninh' });
    // The main text only: no menu, sidebar, share buttons or footer.
    const { passages, answer } = withStore((s) => askIndex(s, 'Hải Phòng thu hút bao nhiêu vốn FDI?'));
    expect(answer.answer).toContain('3,055 tỷ USD');
    expect(passages[0]!.url).toBe(server.url('/kinh-te/fdi-9-thang.html'));
    const text = passages.map((p) => p.text).join('\n');
    expect(text).not.toMatch(/Trang chủ|Tin đọc nhiều|Chia sẻ|Giấy phép/);
    // Every request says who is asking.
    expect(new Set(server.log.map((r) => r.userAgent))).toEqual(new Set([CONFIG.FEED_USER_AGENT]));
  });

  it('asks again with ETag / Last-Modified: a second run answered 304 downloads and re-indexes nothing', async () => {
    serveNewsSites(server);
    const feeds = [{ url: server.url('/kinh-te/rss.xml') }, { url: server.url('/du-lich/atom.xml') }];
    await ingestFeeds(feeds);
    const mark = server.log.length;
    const second = await ingestFeeds(feeds);
    expect(second).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 5 });
    expect(second.feeds).toMatchObject({ unchangedSources: 2, pagesRead: 0 });
    const again = server.requestsSince(mark, (r) => r.path !== '/robots.txt');
    // Two conditional requests, one per feed, both answered 304; no article page is asked for.
    expect(again.map((r) => [r.path, r.status, r.conditional])).toEqual(
      expect.arrayContaining([
        ['/kinh-te/rss.xml', 304, true],
        ['/du-lich/atom.xml', 304, true],
      ]),
    );
    expect(again).toHaveLength(2);
  });

  it('re-indexes an article whose page changed, and reads only the new and changed items of a changed feed', async () => {
    serveNewsSites(server);
    const feeds = [{ url: server.url('/kinh-te/rss.xml') }, { url: server.url('/du-lich/atom.xml') }];
    await ingestFeeds(feeds);
    const atom = server.routes.get('/du-lich/atom.xml')!;
    atom.body = String(atom.body).replace('<updated>2023-11-02T07:00:00+07:00</updated>\n    <summary>', '<updated>2023-11-02T15:30:00+07:00</updated>\n    <summary>');
    atom.lastModified = 'Thu, 02 Nov 2023 08:30:00 GMT';
    const page = server.routes.get('/du-lich/15-trieu-luot-khach.html')!;
    page.body = String(page.body).replace('toàn tỉnh đón 14,8 triệu lượt khách', 'toàn tỉnh đón 14,9 triệu lượt khách (số liệu cập nhật)');
    page.etag = '"khach-2"';
    const mark = server.log.length;
    const summary = await ingestFeeds(feeds);
    expect(summary).toMatchObject({ added: 0, updated: 1, unchanged: 4 });
    // The unchanged Atom entry's page is not asked for again, nor anything of the 304 RSS feed.
    expect(server.requestsSince(mark, (r) => r.path !== '/robots.txt').map((r) => r.path).sort()).toEqual(['/du-lich/15-trieu-luot-khach.html', '/du-lich/atom.xml', '/kinh-te/rss.xml']);
    const { answer } = withStore((s) => askIndex(s, 'Quảng Ninh đón bao nhiêu lượt khách du lịch trong 10 tháng?'));
    expect(answer.answer).toContain('14,9 triệu');
  });

  it('reads a single article URL, and re-reads it conditionally: unchanged, then changed', async () => {
    serveNewsSites(server);
    const article = [{ url: server.url('/kinh-te/cang-lach-huyen.html') }];
    const first = await ingestFeeds(article);
    expect(first.added).toBe(1);
    expect(withStore((s) => s.document(server.url('/kinh-te/cang-lach-huyen.html')))).toMatchObject({ date: '2023-10-18', source: 'Báo Hải Phòng', region: 'Hải Phòng' });
    const mark = server.log.length;
    expect(await ingestFeeds(article)).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
    expect(server.requestsSince(mark, (r) => r.path !== '/robots.txt').map((r) => [r.status, r.conditional])).toEqual([[304, true]]);
    const page = server.routes.get('/kinh-te/cang-lach-huyen.html')!;
    page.body = String(page.body).replace('sức chở 13.000 TEU', 'sức chở 13.500 TEU');
    page.lastModified = 'Thu, 19 Oct 2023 02:00:00 GMT';
    expect(await ingestFeeds(article)).toMatchObject({ updated: 1 });
    expect(withStore((s) => askIndex(s, 'Tàu container cập cảng Lạch Huyện sức chở bao nhiêu TEU?')).answer.answer).toContain('13.500 TEU');
  });

  it('obeys robots.txt: a disallowed feed or page is never requested, and is reported', async () => {
    serveNewsSites(server);
    server.serveFixture('/tin-ngan/rss.xml', 'tin-ngan.rss');
    server.serveFixture('/tin-ngan/gia-lua.html', 'articles/gia-lua.html');
    server.serveFixture('/tin-ngan/cau-tran-hoang-na.html', 'articles/cau-tran-hoang-na.html');
    server.serveFixture('/noi-bo/ket-luan-giao-ban.html', 'articles/gia-lua.html');
    server.serveFixture('/noi-bo/tin.rss', 'kinh-te.rss');
    const summary = await ingestFeeds([{ url: server.url('/tin-ngan/rss.xml') }, { url: server.url('/noi-bo/tin.rss') }]);
    expect(server.log.filter((r) => r.path.startsWith('/noi-bo/'))).toEqual([]);
    expect(reasons(summary)).toContain(`${server.url('/noi-bo/tin.rss')}: robots.txt of ${server.base} disallows /noi-bo/tin.rss for TinVungBot`);
    // The disallowed item is known from the feed's own description, which is indexed instead.
    expect(reasons(summary)).toContain(`${server.url('/tin-ngan/rss.xml')}: ${server.url('/noi-bo/ket-luan-giao-ban.html')}: robots.txt of ${server.base} disallows /noi-bo/ket-luan-giao-ban.html for TinVungBot; indexed from the feed's description`);
    expect(withStore((s) => s.document(server.url('/noi-bo/ket-luan-giao-ban.html'))?.title)).toBe('Kết luận cuộc họp giao ban tháng 10');
  });

  it('removes with --prune the documents of feeds no longer listed; without it they stay', async () => {
    serveNewsSites(server);
    const rss = { url: server.url('/kinh-te/rss.xml') };
    const atom = { url: server.url('/du-lich/atom.xml') };
    await ingestFeeds([rss, atom]);
    expect(await ingestFeeds([rss])).toMatchObject({ removed: 0 });
    expect(withStore((s) => s.stats().documents)).toBe(5);
    expect(await ingestFeeds([rss], {}, { prune: true })).toMatchObject({ removed: 2 });
    expect(withStore((s) => s.document(server.url('/du-lich/ha-long-top.html')))).toBeNull();
    expect(withStore((s) => s.stats().documents)).toBe(3);
  });

  it('keeps items that drop out of a feed, unless FEED_KEEP_DAYS says they are old enough to go', async () => {
    serveNewsSites(server);
    const rss = [{ url: server.url('/kinh-te/rss.xml') }];
    await ingestFeeds(rss);
    const feed = server.routes.get('/kinh-te/rss.xml')!;
    feed.body = String(feed.body).replace(/<item>\s*<title>Kim ngạch[\s\S]*?<\/item>/, '');
    feed.etag = '"kinh-te-2"';
    expect(await ingestFeeds(rss)).toMatchObject({ removed: 0, unchanged: 3 });
    expect(withStore((s) => s.document(server.url('/kinh-te/xuat-khau.html')))).not.toBeNull();
    feed.etag = '"kinh-te-3"';
    feed.body = `${String(feed.body)}\n`;
    // 30 days kept: on 18 November the item of 17 October (out of the feed) goes; those still listed stay.
    const summary = await ingestFeeds(rss, { FEED_KEEP_DAYS: 30 }, { now: () => new Date('2023-11-18T00:00:00Z') });
    expect(summary).toMatchObject({ removed: 1, unchanged: 2 });
    expect(withStore((s) => s.document(server.url('/kinh-te/xuat-khau.html')))).toBeNull();
  });
});
