/**
 * Builds the corpus shipped in `corpus/`:
 * - `hai-phong-2023-10-19.md`, the seed briefing as Markdown with front matter, page furniture removed;
 * - `baomoi-2017-regional.jsonl`, a curated, deterministic sample of a few hundred 2017 articles about
 *   provinces and cities (economy, investment, budget, tourism, infrastructure), spread across provinces.
 *   Fields as in the source (id, title, summary, text, source) plus `date` (the source is all 2017).
 *
 * Usage: `npx tsx scripts/make-sample-corpus.ts [--data ../shared/data] [--out corpus] [--max 380] [--per-region 10]`
 */
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import { stringify as toYaml } from 'yaml';
import { loadFile } from '../src/ingestion/load-file.js';
import { enrichMetadata } from '../src/ingestion/metadata.js';
import { removeDiacritics } from '../src/text/normalize.js';
import { findRegions, REGIONS } from '../src/text/regions.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(root, '../shared/data') },
    out: { type: 'string', default: join(root, 'corpus') },
    max: { type: 'string', default: '380' },
    'per-region': { type: 'string', default: '10' },
  },
});
const MAX = Number(args.max);
const PER_REGION = Number(args['per-region']);

/** Topic words of a regional economic briefing, diacritic-free. */
const TOPIC = [
  'dau tu',
  'fdi',
  'ngan sach',
  'du lich',
  'ha tang',
  'kinh te',
  'xuat khau',
  'nhap khau',
  'grdp',
  'thu hut',
  'du an',
  'tang truong',
  'khu cong nghiep',
  'doanh nghiep',
  'von',
  'ty dong',
  'ty usd',
  'trieu usd',
  'giai ngan',
  'thu ngan sach',
  'giao thong',
  'cao toc',
  'cang',
  'san bay',
  'quy hoach',
  'nong thon moi',
  'san xuat',
  'luot khach',
  'khach du lich',
  'xay dung',
  'khoi cong',
  'kim ngach',
  'thuong mai',
  'nong nghiep',
  'cong nghiep',
  'ha tang giao thong',
  'xuc tien',
];
/** Not briefings: lottery, sport, crime, accidents, celebrities. Checked on title and summary. */
const EXCLUDE = [
  'xo so',
  'vietlott',
  'bong da',
  'the thao',
  'v-league',
  'cau thu',
  'tran dau',
  'giai dau',
  'hlv',
  'bat giu',
  'bat qua tang',
  'khoi to',
  'ma tuy',
  'giet',
  'cuop',
  'lua dao',
  'tai nan',
  'truy na',
  'tu vong',
  'hiep dam',
  'danh bac',
  'vu an',
  'tam giam',
  'xet xu',
  'phien toa',
  'tu hinh',
  'chet',
  'trom',
  'buon lau',
  'hoa hau',
  'ca si',
  'showbiz',
  'dien vien',
  'nghi pham',
  'doi tuong',
  'hung thu',
  'chay lon',
  'danh nhau',
  'con giap',
  'tu vi',
  'phong thuy',
  'vang',
  'gia vang',
  'chung khoan',
  'tin tuc',
  '24h',
  'dieu tra',
  'hanh hung',
  'ky luat',
  'cuu hoa',
  'hoa hoan',
  'vu chay',
  'dam chay',
  'chay rung',
];

interface Article {
  id: string;
  title: string;
  summary?: string;
  text: string;
  source?: string;
}

interface Candidate {
  article: Article;
  region: string;
  score: number;
}

function fold(s: string): string {
  return removeDiacritics(s).toLowerCase();
}

const phraseRegex = new Map<string, RegExp>();
function hasPhrase(folded: string, phrase: string): boolean {
  let re = phraseRegex.get(phrase);
  if (!re) phraseRegex.set(phrase, (re = new RegExp(`(?<![\\p{L}\\d])${phrase}(?![\\p{L}\\d])`, 'u')));
  return re.test(folded);
}

/** Scores an article as a regional economic briefing, or returns undefined when it is not one. */
function assess(a: Article): Candidate | undefined {
  if (typeof a.text !== 'string' || a.text.length < 600 || a.text.length > 9000 || !a.title) return undefined;
  const lead = a.summary || a.text.slice(0, 300);
  const head = fold(`${a.title} ${lead}`);
  if (EXCLUDE.some((w) => hasPhrase(head, w))) return undefined;
  const inTitle = findRegions(a.title)[0];
  const region = inTitle ?? findRegions(lead)[0];
  if (!region) return undefined;
  const body = fold(a.text.slice(0, 2000));
  const headHits = TOPIC.filter((w) => hasPhrase(head, w)).length;
  const bodyHits = TOPIC.filter((w) => hasPhrase(body, w)).length;
  if (headHits < 1 || bodyHits < 3) return undefined;
  // Briefings carry figures: prefer articles with several.
  const figures = Math.min(10, (a.text.match(/\d+(?:[.,]\d+)*\s*(?:%|tỷ|triệu|nghìn|ha\b|km\b|USD)/g) ?? []).length);
  const score = 3 * headHits + bodyHits + figures + (inTitle ? 4 : 0);
  return { article: a, region, score };
}

async function readCandidates(gzPath: string): Promise<{ candidates: Candidate[]; read: number }> {
  const lines = createInterface({ input: createReadStream(gzPath).pipe(createGunzip()), crlfDelay: Infinity });
  const candidates: Candidate[] = [];
  const titles = new Set<string>();
  let read = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    read++;
    let a: Article;
    try {
      a = JSON.parse(line) as Article;
    } catch {
      continue;
    }
    const c = assess(a);
    if (!c) continue;
    const key = fold(a.title)
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
    if (titles.has(key)) continue;
    titles.add(key);
    candidates.push(c);
  }
  return { candidates, read };
}

/** Round-robin over provinces, best first within each, so no province dominates. Deterministic. */
function spread(candidates: Candidate[]): Candidate[] {
  const byRegion = new Map<string, Candidate[]>();
  for (const c of candidates) byRegion.set(c.region, [...(byRegion.get(c.region) ?? []), c]);
  for (const list of byRegion.values()) list.sort((x, y) => y.score - x.score || x.article.id.localeCompare(y.article.id));
  const picked: Candidate[] = [];
  for (let round = 0; round < PER_REGION && picked.length < MAX; round++) {
    for (const region of REGIONS) {
      const c = byRegion.get(region)?.[round];
      if (c && picked.length < MAX) picked.push(c);
    }
  }
  return picked;
}

/**
 * Every article of the source was published in 2017 (see the data README), so the sample says so:
 * the date extracted from the article when it falls in 2017, else just "2017". Without this, dates
 * mentioned in passing ("thành lập năm 1987") would be taken for the article's date.
 */
function publicationDate(a: Article): string {
  const extracted = enrichMetadata({ id: a.id, title: a.title, text: a.text, ...(a.summary ? { summary: a.summary } : {}) }).date;
  return extracted?.startsWith('2017') ? extracted : '2017';
}

async function writeSeed(dataDir: string, outDir: string): Promise<void> {
  const seedPath = join(dataDir, 'seed/hai-phong-2023-10-19.txt');
  const loaded = await loadFile(seedPath, 'hai-phong-2023-10-19.txt');
  if (!loaded.ok) throw new Error(`seed briefing: ${loaded.reason}`);
  const doc = loaded.documents[0]!;
  const front = toYaml({
    title: 'Tập trung thực hiện các mục tiêu phát triển kinh tế, xã hội',
    date: '2023-10-19',
    region: 'Hải Phòng',
    source: 'TTXVN',
  });
  await writeFile(join(outDir, 'hai-phong-2023-10-19.md'), `---\n${front}---\n\n${doc.text}\n`);
}

async function main(): Promise<void> {
  const outDir = resolve(args.out);
  await mkdir(outDir, { recursive: true });
  await writeSeed(args.data, outDir);

  const { candidates, read } = await readCandidates(join(args.data, 'news-vi-2017.jsonl.gz'));
  const picked = spread(candidates).sort((x, y) => x.article.id.localeCompare(y.article.id));
  const lines = picked.map(({ article: a }) =>
    JSON.stringify({
      id: a.id,
      title: a.title,
      ...(a.summary ? { summary: a.summary } : {}),
      text: a.text,
      source: a.source ?? 'baomoi.com',
      date: publicationDate(a),
    }),
  );
  const out = join(outDir, 'baomoi-2017-regional.jsonl');
  await writeFile(out, `${lines.join('\n')}\n`);
  const regions = new Map<string, number>();
  for (const c of picked) regions.set(c.region, (regions.get(c.region) ?? 0) + 1);
  const bytes = Buffer.byteLength(lines.join('\n'));
  console.log(`read ${read} articles, ${candidates.length} regional economic candidates`);
  console.log(`wrote ${picked.length} articles covering ${regions.size} provinces/cities to ${out} (${(bytes / 1e6).toFixed(2)} MB)`);
  const missing = REGIONS.filter((r) => !regions.has(r));
  if (missing.length > 0) console.log(`no article for: ${missing.join(', ')}`);
}

await main();
