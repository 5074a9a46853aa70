import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/** One question of a SQuAD-format benchmark with the texts that count as correct. */
export interface QaItem {
  question: string;
  answers: string[];
}

interface SquadFile {
  data: Array<{
    title: string;
    paragraphs: Array<{ context: string; qas: Array<{ question: string; answers: Array<{ text: string }> }> }>;
  }>;
}

/**
 * Reads a SQuAD v1.1 file (such as XQuAD-vi): writes its paragraphs as a JSONL corpus file in
 * `outDir` (one document per paragraph) and returns the questions.
 */
export function prepareSquad(squadPath: string, outDir: string): { corpusFile: string; items: QaItem[] } {
  const squad = JSON.parse(fs.readFileSync(squadPath, 'utf8')) as SquadFile;
  const lines: string[] = [];
  const items: QaItem[] = [];
  squad.data.forEach((article, a) => {
    article.paragraphs.forEach((p, i) => {
      lines.push(JSON.stringify({ id: `squad-${a}-${i}`, title: article.title, text: p.context, source: path.basename(squadPath) }));
      for (const qa of p.qas) items.push({ question: qa.question, answers: qa.answers.map((x) => x.text) });
    });
  });
  fs.mkdirSync(outDir, { recursive: true });
  const corpusFile = path.join(outDir, 'squad-paragraphs.jsonl');
  writeIfChanged(corpusFile, `${lines.join('\n')}\n`);
  return { corpusFile, items };
}

/** Decompresses a `.jsonl.gz` corpus into `outDir` once (kept for later runs); other files are used as they are. */
export async function materialiseCorpus(file: string, outDir: string): Promise<string> {
  if (!file.endsWith('.gz')) return file;
  fs.mkdirSync(outDir, { recursive: true });
  const target = path.join(outDir, path.basename(file, '.gz'));
  const srcStat = fs.statSync(file);
  if (fs.existsSync(target) && fs.statSync(target).mtimeMs >= srcStat.mtimeMs) return target;
  const tmp = `${target}.tmp`;
  await pipeline(fs.createReadStream(file), zlib.createGunzip(), fs.createWriteStream(tmp));
  fs.renameSync(tmp, target);
  return target;
}

function writeIfChanged(file: string, content: string): void {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return;
  fs.writeFileSync(file, content);
}

/** Percentile (nearest rank) of a list of numbers; 0 for an empty list. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Words that say which day (or part of it) a date is, dropped before the date by {@link normaliseDateForms}. */
const DAY_WORDS = String.raw`(?:(?:rạng\s+)?(?:sáng|chiều|tối|trưa|đêm|khuya)\s+)?(?:(?:hôm|ngày)\s+)?`;
/** Those words right before a day and month in one spelling ("sáng hôm 27/2"). */
const DAY_WORDS_BEFORE_DATE = new RegExp(String.raw`(?<![\p{L}\p{N}])${DAY_WORDS}(?=\d{1,2}/\d{1,2}(?!\d))`, 'gu');
/** A day and month, with a year or not: "27/2", "27/02", "29-5", "30.6", "1-1-2017". */
const DAY_MONTH_FORM = /(?<![\p{L}\p{N}.,/-])(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}))?(?![\p{N}]|[.,/-]\p{N})/gu;
/** What may stand right before a "29-5" or "30.6" that is a date, not a range or a figure. */
const DATE_LEAD = /(?:ngày|hôm|sáng|chiều|tối|trưa|đêm|khuya|từ|đến|tới|\(|–|-)\s*$/u;

/**
 * One spelling of the dates in a (lower-case, NFC) text, so that an answer writing a date another
 * way than its gold span still counts: "sáng 27/2", "ngày 27/02", "27/2" → "27/2"; "sáng 30.6",
 * "ngày 29-5" → "30/6", "29/5"; "1-1-2017" → "1/1/2017". The word saying which day or part of it
 * ("ngày", "sáng", "chiều hôm") goes, leading zeros go, and "-" or "." become "/". A "29-5" or
 * "30.6" counts as a date only after such a word, with a year, or as the whole text (a gold span):
 * elsewhere it is as often a range ("2-3 người") or a figure. Day and month must be valid.
 */
export function normaliseDateForms(text: string): string {
  const dated = text.replace(DAY_MONTH_FORM, (whole: string, d: string, sep: string, m: string, y: string | undefined, at: number) => {
    const [day, month] = [Number(d), Number(m)];
    if (day < 1 || day > 31 || month < 1 || month > 12) return whole;
    if (sep !== '/' && y === undefined && whole !== text.trim() && !DATE_LEAD.test(text.slice(Math.max(0, at - 12), at))) return whole;
    return `${day}/${month}${y ? `/${y}` : ''}`;
  });
  return dated.replace(DAY_WORDS_BEFORE_DATE, '');
}

/** Two figures joined as a range: "250 đến 300", "250 - 300", "250–300", "5 tới 22". */
const RANGE_FORM = /(?<![\p{L}\p{N}.,])(\d[\d.,]*)\s*(?:-|–|đến|tới)\s*(\d[\d.,]*)(?![\p{N}])/gu;

/**
 * One spelling of a range of figures (after {@link normaliseDateForms}, so dates are "d/m" by
 * then): "250 đến 300 triệu đồng", "250 - 300 triệu" and "250-300 triệu" are the same answer.
 */
export function normaliseRangeForms(text: string): string {
  return text.replace(RANGE_FORM, '$1-$2');
}

/**
 * {@link containsAnswer} for short spans: an occurrence counts only when no letter or digit touches
 * it on either side, so "4/7" is not found in "ngày 14/7" nor "96,5" in "96,57%", but is in "(4/7)".
 * Dates are compared in one spelling on both sides ({@link normaliseDateForms}): "sáng 27/2" holds
 * "ngày 27/2", "sáng 30.6" holds "30/6"; so are ranges ({@link normaliseRangeForms}).
 */
export function containsSpan(text: string, answers: string[]): boolean {
  const hay = normaliseRangeForms(normaliseDateForms(text.normalize('NFC').toLowerCase()));
  const wordChar = /[\p{L}\p{N}]/u;
  return answers.some((a) => {
    const needle = normaliseRangeForms(normaliseDateForms(a.normalize('NFC').toLowerCase().trim()));
    if (needle === '') return false;
    for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
      const before = hay[at - 1] ?? ' ';
      const after = hay[at + needle.length] ?? ' ';
      if (!(wordChar.test(before) && wordChar.test(needle[0]!)) && !(wordChar.test(after) && wordChar.test(needle[needle.length - 1]!)))
        return true;
    }
    return false;
  });
}

/** Case- and Unicode-insensitive containment, the way SQuAD answers are checked against text. */
export function containsAnswer(text: string, answers: string[]): boolean {
  const hay = text.normalize('NFC').toLowerCase();
  return answers.some((a) => a.trim() !== '' && hay.includes(a.normalize('NFC').toLowerCase().trim()));
}

/**
 * The shared data folder (news corpus, seed briefing, XQuAD-vi): `dataDir`, else `$SHARED_DATA_DIR`,
 * else `../shared/data` beside the project, as the data README asks.
 */
export function sharedDataDir(dataDir?: string): string {
  return path.resolve(dataDir ?? process.env.SHARED_DATA_DIR ?? '../shared/data');
}

/** The corpus the regional questions were written on: the 35,439 baomoi articles and the seed briefing. */
export function regionalCorpusFiles(dataDir?: string): string[] {
  const dir = sharedDataDir(dataDir);
  return [path.join(dir, 'news-vi-2017.jsonl.gz'), path.join(dir, 'seed', 'hai-phong-2023-10-19.txt')];
}

/** A short hash of the files' contents (and names): the cache key of an index built from them. */
export async function filesHash(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${path.basename(file)}\0`);
    await pipeline(fs.createReadStream(file), async (chunks: AsyncIterable<Buffer>) => {
      for await (const chunk of chunks) hash.update(chunk);
    });
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Where a corpus and the index built from it are kept between evals: under `cacheRoot`
 * (`$EVAL_CACHE_DIR`, else the untracked `data/eval/cache`), in a folder named after the index
 * schema version and the corpus hash, so an index built by another schema or from other files is
 * never reused. It holds `corpus/` (decompressed inputs) and `index/`. (Changes of the ingestion
 * pipeline within one schema are caught by ingest itself, which re-processes the documents once.)
 */
export function evalCacheDir(
  cacheRoot: string | undefined,
  schemaVersion: string,
  corpusHash: string,
): { corpusDir: string; indexDir: string } {
  const root = path.resolve(cacheRoot ?? process.env.EVAL_CACHE_DIR ?? 'data/eval/cache');
  const dir = path.join(root, `regional-schema${schemaVersion}-${corpusHash}`);
  return { corpusDir: path.join(dir, 'corpus'), indexDir: path.join(dir, 'index') };
}
