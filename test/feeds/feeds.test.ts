import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedsConfigSchema, type FeedsConfig } from '../../src/config/feeds-config.js';
import { FeedSource } from '../../src/feeds/feed-source.js';
import { runInputs } from '../../src/feeds/run-inputs.js';
import { parseFeedList } from '../../src/feeds/feed-list.js';
import type { FeedEntry } from '../../src/feeds/feed-list.js';
import { IndexStore } from '../../src/store/store.js';
import { ingest } from '../../src/ingestion/ingest.js';
import type { IngestSummary } from '../../src/ingestion/types.js';
import { askIndex } from '../helpers/briefing-index.js';
import { FeedServer } from '../helpers/feed-server.js';
import { tempDir } from '../helpers/operations-helpers.js';
import { inspectIndex, markIndexAsOlderPipeline } from '../helpers/inspect-index.js';

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

  function ingestFeeds(
    entries: FeedEntry[],
    config: Partial<FeedsConfig> = {},
    options: { prune?: boolean; now?: () => Date } = {},
  ): Promise<IngestSummary> {
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
    const summary = await ingestFeeds([
      { url: server.url('/kinh-te/rss.xml'), region: 'Hải Phòng' },
      { url: server.url('/du-lich/atom.xml') },
    ]);
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
    // RSS dates are read in their own time zone: 01:15 +0700 on the 18th is the 18th in Vietnam (the 17th in UTC).
    expect(withStore((s) => s.document(server.url('/kinh-te/xuat-khau.html'))?.date)).toBe('2023-10-18');
    // The Atom feed names no region: it is found in the title, as for files.
    expect(withStore((s) => s.document(server.url('/du-lich/15-trieu-luot-khach.html')))).toMatchObject({
      region: 'Quảng Ninh',
      date: '2023-11-02',
      source: 'Báo Quảng Ninh',
    });
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
    atom.body = String(atom.body).replace(
      '<updated>2023-11-02T07:00:00+07:00</updated>\n    <summary>',
      '<updated>2023-11-02T15:30:00+07:00</updated>\n    <summary>',
    );
    atom.lastModified = 'Thu, 02 Nov 2023 08:30:00 GMT';
    const page = server.routes.get('/du-lich/15-trieu-luot-khach.html')!;
    page.body = String(page.body).replace('toàn tỉnh đón 14,8 triệu lượt khách', 'toàn tỉnh đón 14,9 triệu lượt khách (số liệu cập nhật)');
    page.etag = '"khach-2"';
    const mark = server.log.length;
    const summary = await ingestFeeds(feeds);
    expect(summary).toMatchObject({ added: 0, updated: 1, unchanged: 4 });
    // The unchanged Atom entry's page is not asked for again, nor anything of the 304 RSS feed.
    expect(
      server
        .requestsSince(mark, (r) => r.path !== '/robots.txt')
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/du-lich/15-trieu-luot-khach.html', '/du-lich/atom.xml', '/kinh-te/rss.xml']);
    const { answer } = withStore((s) => askIndex(s, 'Quảng Ninh đón bao nhiêu lượt khách du lịch trong 10 tháng?'));
    expect(answer.answer).toContain('14,9 triệu');
  });

  it('reads a single article URL, and re-reads it conditionally: unchanged, then changed', async () => {
    serveNewsSites(server);
    const article = [{ url: server.url('/kinh-te/cang-lach-huyen.html') }];
    const first = await ingestFeeds(article);
    expect(first.added).toBe(1);
    expect(withStore((s) => s.document(server.url('/kinh-te/cang-lach-huyen.html')))).toMatchObject({
      date: '2023-10-18',
      source: 'Báo Hải Phòng',
      region: 'Hải Phòng',
    });
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
    expect(reasons(summary)).toContain(
      `${server.url('/noi-bo/tin.rss')}: robots.txt of ${server.base} disallows /noi-bo/tin.rss for TinVungBot`,
    );
    // The disallowed item is known from the feed's own description, which is indexed instead.
    expect(reasons(summary)).toContain(
      `${server.url('/tin-ngan/rss.xml')}: ${server.url('/noi-bo/ket-luan-giao-ban.html')}: robots.txt of ${server.base} ` +
        `disallows /noi-bo/ket-luan-giao-ban.html for TinVungBot; indexed from the feed's description`,
    );
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
    // 30 days kept: on 18 November the item of 18 October (out of the feed) goes; those still listed stay.
    const summary = await ingestFeeds(rss, { FEED_KEEP_DAYS: 30 }, { now: () => new Date('2023-11-18T00:00:00Z') });
    expect(summary).toMatchObject({ removed: 1, unchanged: 2 });
    expect(withStore((s) => s.document(server.url('/kinh-te/xuat-khau.html')))).toBeNull();
  });

  /** An RSS 2.0 feed of `items` (title, link, description, date as RFC 822), as a CMS writes it. */
  function rss(title: string, items: Array<{ title: string; link?: string; description?: string; pubDate?: string }>): string {
    const entries = items.map(
      (i) =>
        `<item><title>${i.title}</title>` +
        `${i.link ? `<link>${i.link}</link>` : ''}` +
        `${i.description ? `<description>${i.description}</description>` : ''}` +
        `${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ''}</item>`,
    );
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n` +
      `<rss version="2.0"><channel><title>${title}</title><link>/</link><description>${title}</description>\n` +
      `${entries.join('\n')}\n</channel></rss>`
    );
  }

  it('reports each bad feed, page and item with its reason, and indexes what can be read', async () => {
    serveNewsSites(server);
    const routes = server.routes;
    server.serveFixture('/bao-tri.rss', 'bao-tri.txt');
    server.serveFixture('/sitemap.xml', 'sitemap.xml', { contentType: 'application/xml' });
    routes.set('/loi-may-chu.rss', { status: 500, body: 'Internal Server Error', contentType: 'text/plain' });
    routes.set('/cham.rss', { hang: true });
    routes.set('/vong-lap.rss', { status: 302, headers: { location: '/vong-lap-2.rss' } });
    routes.set('/vong-lap-2.rss', { status: 302, headers: { location: '/vong-lap.rss' } });
    routes.set('/logo.rss', { body: Buffer.from([0x89, 0x50, 0x4e, 0x47]), contentType: 'image/png' });
    server.serveFixture('/bai/khong-co-noi-dung.html', 'articles/khong-co-noi-dung.html');
    routes.set('/bai/rat-lon.html', {
      contentType: 'text/html; charset=utf-8',
      body:
        `<html><body><article>` +
        `${'<p>Đoạn văn rất dài của một trang khổng lồ được tạo ra để thử giới hạn kích thước.</p>'.repeat(4000)}` +
        `</article></body></html>`,
    });
    server.serveFixture('/bai/xuat-khau-gao.html', 'articles/xuat-khau-gao-1258.html', { contentType: 'text/html; charset=windows-1258' });
    // Declared only in the page's own <meta http-equiv>: the header says nothing of the charset.
    server.serveFixture('/bai/european-investment.html', 'articles/european-investment-1252.html', { contentType: 'text/html' });
    server.serveFixture('/bai/cau-tran-hoang-na.html', 'articles/cau-tran-hoang-na.html');
    routes.set('/bai/bao-cao.pdf', { contentType: 'application/pdf', body: '%PDF-1.4' });
    const mixed = rss('Tổng hợp', [
      {
        title: 'Trang đăng nhập',
        link: '/bai/khong-co-noi-dung.html',
        description: 'Hải Phòng tổ chức hội nghị xúc tiến đầu tư vào các khu công nghiệp ven biển.',
        pubDate: 'Fri, 20 Oct 2023 08:00:00 +0700',
      },
      {
        title: 'Trang khổng lồ',
        link: '/bai/rat-lon.html',
        description: 'Bản tin dài về kinh tế biển.',
        pubDate: 'Fri, 20 Oct 2023 09:00:00 +0700',
      },
      { title: 'Cần Thơ xuất khẩu gạo đạt 1,2 tỷ USD', link: '/bai/xuat-khau-gao.html', pubDate: 'Wed, 25 Oct 2023 09:00:00 +0700' },
      {
        title: 'Hai Phong welcomes €500 million in European investment',
        link: '/bai/european-investment.html',
        pubDate: 'Fri, 20 Oct 2023 10:00:00 +0700',
      },
      { title: 'Thông báo lịch tiếp công dân', description: 'Lãnh đạo thành phố tiếp công dân ngày 15/11/2023.' },
      { title: 'Cần Thơ khởi công cầu Trần Hoàng Na', link: '/bai/cau-tran-hoang-na.html' },
      { title: 'Báo cáo tình hình kinh tế', link: '/bai/bao-cao.pdf' },
      { title: 'Bài đã bị gỡ', link: '/bai/da-go.html' },
    ]);
    routes.set('/tong-hop.rss', { contentType: 'application/rss+xml', body: mixed });
    const huge = rss(
      'Kho lưu trữ',
      Array.from({ length: 10_000 }, (_, i) => ({
        title: `Tin số ${i}`,
        link: `/luu-tru/${i}.html`,
        description: `Nội dung tóm tắt của tin lưu trữ số ${i} về kinh tế Hải Phòng.`,
        pubDate: new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toUTCString(),
      })),
    );
    routes.set('/luu-tru.rss', { contentType: 'application/rss+xml', body: huge });

    const bad = ['/bao-tri.rss', '/sitemap.xml', '/mat-tich.rss', '/loi-may-chu.rss', '/cham.rss', '/vong-lap.rss', '/logo.rss'];
    const summary = await ingestFeeds(
      [...bad, '/tong-hop.rss'].map((p) => ({ url: server.url(p) })),
      { FEED_TIMEOUT_MS: 800, FEED_MAX_BYTES: 100_000 },
    );
    // The archive on its own run: parsing 10,000 items holds the event loop longer than the short timeout above.
    const archive = await ingestFeeds([{ url: server.url('/luu-tru.rss') }], { FEED_MAX_BYTES: 10_000_000, FEED_MAX_ITEMS: 5 });
    const why = (p: string) => [...summary.skipped, ...archive.skipped].filter((s) => s.path === server.url(p)).map((s) => s.reason);
    expect(why('/bao-tri.rss')).toEqual([expect.stringMatching(/^not XML \(the body starts with "Trang web đang bảo trì/)]);
    expect(why('/sitemap.xml')).toEqual([expect.stringMatching(/^not an RSS, Atom or RDF feed \(XML with root element <urlset>\)/)]);
    expect(why('/mat-tich.rss')).toEqual(['HTTP 404 Not Found']);
    expect(why('/loi-may-chu.rss')).toEqual(['HTTP 500 Internal Server Error']);
    expect(why('/cham.rss')).toEqual(['no complete answer within 0.8 s (FEED_TIMEOUT_MS)']);
    expect(why('/vong-lap.rss')).toEqual([
      `redirect loop (${server.url('/vong-lap.rss')} → ${server.url('/vong-lap-2.rss')} → ${server.url('/vong-lap.rss')})`,
    ]);
    expect(why('/logo.rss')).toEqual(['not a feed or a web page (content type image/png); skipped']);

    const item = (p: string) => `${server.url(p)}: `;
    const mixedReasons = why('/tong-hop.rss');
    expect(mixedReasons).toEqual(
      expect.arrayContaining([
        `${item('/bai/khong-co-noi-dung.html')}no main text found in the page ` +
          `(no article, only navigation or a short notice); indexed from the feed's description`,
        `${item('/bai/rat-lon.html')}larger than 0.1 MiB (FEED_MAX_BYTES); indexed from the feed's description`,
        'item "Thông báo lịch tiếp công dân" has no link; skipped',
        `${item('/bai/cau-tran-hoang-na.html')}no publication date in the feed or the page; dated from its text when it names a date`,
        `${item('/bai/bao-cao.pdf')}not an HTML page (content type application/pdf); skipped (the feed gives no description)`,
        `${item('/bai/da-go.html')}HTTP 404 Not Found; skipped (the feed gives no description)`,
      ]),
    );
    expect(why('/luu-tru.rss')).toEqual(expect.arrayContaining(['the feed lists 10,000 items; read the newest 5 (FEED_MAX_ITEMS)']));
    // The newest five of the archive, each from its description (their pages are gone).
    expect(withStore((s) => s.document(server.url('/luu-tru/9999.html'))?.title)).toBe('Tin số 9999');
    expect(withStore((s) => s.document(server.url('/luu-tru/9994.html')))).toBeNull();
    expect(server.log.filter((r) => r.path.startsWith('/luu-tru/'))).toHaveLength(5);

    // windows-1258 (combining tone marks) and windows-1252 pages read as the text they are, in NFC.
    const gao = withStore((s) => askIndex(s, 'Cần Thơ xuất khẩu gạo đạt bao nhiêu?'));
    expect(gao.answer.answer).toContain('1,2 tỷ USD');
    expect(gao.passages[0]!.text).toBe(gao.passages[0]!.text.normalize('NFC'));
    expect(gao.passages[0]!.text).toContain('Theo Sở Công Thương thành phố Cần Thơ');
    const euro = withStore((s) =>
      s.passagesByRowid(
        inspectIndex(
          indexDir,
          (db) =>
            db.prepare('SELECT rowid FROM chunks WHERE doc_id = ?').pluck().all(server.url('/bai/european-investment.html')) as number[],
        ),
      ),
    );
    expect(euro[0]!.text).toContain(
      '€500 million from European investors this year, officials said on Friday, ' +
        'calling it “the strongest year for European capital” in the city’s history.',
    );
    expect(summary.feeds).toMatchObject({ fromDescription: 2 });
    expect(archive.feeds).toMatchObject({ fromDescription: 5 });
  });

  it('loses nothing already indexed when a feed later fails, breaks or loses a page', async () => {
    serveNewsSites(server);
    const feeds = [{ url: server.url('/kinh-te/rss.xml') }, { url: server.url('/du-lich/atom.xml') }];
    await ingestFeeds(feeds);
    const rssRoute = server.routes.get('/kinh-te/rss.xml')!;
    server.routes.set('/kinh-te/rss.xml', { status: 500, body: 'down' });
    server.routes.set('/du-lich/atom.xml', { contentType: 'text/html', body: '<html><body>Bảo trì</body></html>' });
    const broken = await ingestFeeds(feeds);
    expect(broken).toMatchObject({ removed: 0, added: 0 });
    expect(reasons(broken)).toEqual(
      expect.arrayContaining([
        `${server.url('/kinh-te/rss.xml')}: HTTP 500 Internal Server Error`,
        `${server.url('/du-lich/atom.xml')}: no main text found in the page (no article, only navigation or a short notice)`,
      ]),
    );
    expect(withStore((s) => s.stats().documents)).toBe(5);
    // The feed is back, changed, but one of its pages is now gone: the version indexed before stays.
    server.routes.set('/kinh-te/rss.xml', {
      ...rssRoute,
      etag: '"kinh-te-2"',
      body: String(rssRoute.body).replace(
        '<pubDate>Wed, 18 Oct 2023 15:00:00 +0700</pubDate>',
        '<pubDate>Wed, 18 Oct 2023 16:00:00 +0700</pubDate>',
      ),
    });
    server.routes.delete('/kinh-te/cang-lach-huyen.html');
    const back = await ingestFeeds(feeds);
    expect(reasons(back)).toContain(
      `${server.url('/kinh-te/rss.xml')}: ${server.url('/kinh-te/cang-lach-huyen.html')}: HTTP 404 Not Found; the version indexed before is kept`,
    );
    expect(withStore((s) => s.stats().documents)).toBe(5);
    expect(withStore((s) => askIndex(s, 'Tàu container cập cảng Lạch Huyện trọng tải bao nhiêu?')).answer.answer).toContain('145.000 tấn');
  });

  it('sends at most FEED_HOST_CONCURRENCY requests at once to a site', async () => {
    serveNewsSites(server);
    const items = Array.from({ length: 8 }, (_, i) => ({
      title: `Tin ${i}`,
      link: `/nhanh/${i}.html`,
      pubDate: `Fri, 20 Oct 2023 0${i}:00:00 +0700`,
    }));
    server.routes.set('/nhanh.rss', { contentType: 'application/rss+xml', body: rss('Tin nhanh', items) });
    const page = server.routes.get('/kinh-te/fdi-9-thang.html')!;
    for (let i = 0; i < 8; i++) server.routes.set(`/nhanh/${i}.html`, { ...page, etag: undefined, delayMs: 40 });
    const summary = await ingestFeeds([{ url: server.url('/nhanh.rss') }], { FEED_HOST_CONCURRENCY: 2 });
    expect(summary.feeds).toMatchObject({ pagesRead: 8 });
    expect(server.maxInFlight).toBe(2);
  });

  it('follows redirects within FEED_MAX_REDIRECTS, and does not re-read a page sent again with the same bytes and no validators', async () => {
    serveNewsSites(server);
    server.routes.set('/rss/kinh-te', { status: 301, headers: { location: '/cu/kinh-te.rss' } });
    server.routes.set('/cu/kinh-te.rss', { status: 302, headers: { location: '/kinh-te/rss.xml' } });
    const rss = server.routes.get('/kinh-te/rss.xml')!;
    server.routes.set('/kinh-te/rss.xml', { ...rss, etag: undefined });
    const summary = await ingestFeeds([{ url: server.url('/rss/kinh-te') }]);
    expect(summary.added).toBe(3);
    expect(reasons(await ingestFeeds([{ url: server.url('/rss/kinh-te') }], { FEED_MAX_REDIRECTS: 1 }))).toEqual([
      `${server.url('/rss/kinh-te')}: too many redirects (more than 1, FEED_MAX_REDIRECTS)`,
    ]);
    const mark = server.log.length;
    const again = await ingestFeeds([{ url: server.url('/rss/kinh-te') }]);
    expect(again).toMatchObject({ unchanged: 3, updated: 0 });
    expect(again.feeds).toMatchObject({ unchangedSources: 1, pagesRead: 0 });
    expect(server.requestsSince(mark, (r) => r.path.endsWith('.html'))).toEqual([]);
  });

  it('fetches every feed and page again in full after the index was made by another pipeline version', async () => {
    serveNewsSites(server);
    const feeds = [{ url: server.url('/kinh-te/rss.xml') }, { url: server.url('/du-lich/atom.xml') }];
    await ingestFeeds(feeds);
    markIndexAsOlderPipeline(indexDir, 'an older one');
    const mark = server.log.length;
    const summary = await ingestFeeds(feeds);
    expect(summary).toMatchObject({ updated: 5, unchanged: 0, removed: 0 });
    const fetched = server.requestsSince(mark, (r) => r.path !== '/robots.txt');
    expect(fetched).toHaveLength(7);
    expect(fetched.every((r) => !r.conditional && r.status === 200)).toBe(true);
    expect(withStore((s) => askIndex(s, 'Hải Phòng thu hút bao nhiêu vốn FDI?')).answer.answer).toContain('3,055 tỷ USD');
  });

  it('tries again, while its feed is unchanged, the page of an item indexed from the description', async () => {
    serveNewsSites(server);
    const page = server.routes.get('/kinh-te/xuat-khau.html')!;
    server.routes.set('/kinh-te/xuat-khau.html', { status: 503, body: 'Quá tải', contentType: 'text/plain' });
    const rss = [{ url: server.url('/kinh-te/rss.xml') }];
    const first = await ingestFeeds(rss);
    expect(reasons(first)).toContain(
      `${server.url('/kinh-te/rss.xml')}: ${server.url('/kinh-te/xuat-khau.html')}: HTTP 503 Service Unavailable; indexed from the feed's description`,
    );
    expect(withStore((s) => askIndex(s, 'Hải Phòng nhập khẩu bao nhiêu?')).answer.status).toBe('not_found');
    server.routes.set('/kinh-te/xuat-khau.html', page);
    const second = await ingestFeeds(rss);
    expect(second).toMatchObject({ updated: 1, unchanged: 2 });
    expect(second.feeds).toMatchObject({ unchangedSources: 1, pagesRead: 1 });
    // The page's text now, with the feed's title and date kept.
    expect(withStore((s) => askIndex(s, 'Kim ngạch nhập khẩu của Hải Phòng ước đạt bao nhiêu?')).answer.answer).toContain('15,6 tỷ USD');
    expect(withStore((s) => s.document(server.url('/kinh-te/xuat-khau.html')))).toMatchObject({
      title: 'Kim ngạch xuất khẩu của Hải Phòng đạt 20,65 tỷ USD',
      date: '2023-10-18',
      dateFromText: false,
    });
    const mark = server.log.length;
    expect(await ingestFeeds(rss)).toMatchObject({ updated: 0, unchanged: 3 });
    expect(server.requestsSince(mark, (r) => r.path.endsWith('.html'))).toEqual([]);
  });

  it('reads the feeds file: URLs with an optional region, comments, bad lines reported; a FEEDS_FILE that does not exist is an error', () => {
    const list = parseFeedList(
      '# Báo Hải Phòng\nhttps://bao.example/rss/kinh-te.rss   TP. Hải Phòng # kinh tế\n\n' +
        'https://bao.example/du-lich.atom\nftp://bao.example/x.rss\nhttps://bao.example/rss/kinh-te.rss\n',
      'feeds.txt',
    );
    expect(list.entries).toEqual([
      { url: 'https://bao.example/rss/kinh-te.rss', region: 'Hải Phòng' },
      { url: 'https://bao.example/du-lich.atom' },
    ]);
    expect(list.problems).toEqual([{ path: 'feeds.txt:5', reason: '"ftp://bao.example/x.rss" is not an http(s) URL; line skipped' }]);
    const missing = path.join(tmp.dir, 'khong-co.txt');
    expect(() => runInputs([], { corpusDir: 'corpus', feedsOnly: false, config: { ...CONFIG, FEEDS_FILE: missing } })).toThrow(
      `FEEDS_FILE is ${missing}, which does not exist`,
    );
    const inputs = runInputs(['corpus', 'https://bao.example/bai-1.html#binh-luan'], {
      corpusDir: 'corpus',
      feedsOnly: false,
      config: CONFIG,
    });
    expect(inputs).toMatchObject({
      paths: ['corpus'],
      urls: [{ url: 'https://bao.example/bai-1.html' }],
      feedsFile: null,
      readsFeeds: true,
    });
  });
});
