/**
 * How long parsing a very large feed holds the event loop: a 10,000-item RSS feed (about 2 MB),
 * parsed three times. Prints only; `npx tsx scripts/bench-feed-parse.ts`.
 */
import { parseFeedText } from '../src/feeds/parse-feed.js';

const items = Array.from(
  { length: 10_000 },
  (_, i) =>
    `<item><title>Tin số ${i}</title><link>/luu-tru/${i}.html</link>` +
    `<description>Nội dung tóm tắt của tin lưu trữ số ${i} về kinh tế Hải Phòng.</description>` +
    `<pubDate>${new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toUTCString()}</pubDate></item>`,
).join('\n');
const xml =
  `<?xml version="1.0" encoding="UTF-8"?>\n` +
  `<rss version="2.0"><channel><title>Kho lưu trữ</title><link>/</link><description>Kho</description>\n` +
  `${items}\n</channel></rss>`;
for (let run = 1; run <= 3; run++) {
  const started = performance.now();
  const parsed = parseFeedText(xml, 'http://127.0.0.1/');
  const count = parsed.ok ? parsed.feed.items.length : 0;
  console.log(`run ${run}: ${(xml.length / 1e6).toFixed(1)} MB, ${count} items parsed in ${(performance.now() - started).toFixed(0)} ms`);
}
