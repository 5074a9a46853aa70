import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';

/** Articles per corpus file: about the size of a day's worth of briefings dropped into the folder. */
export const SHARD_SIZE = 500;

/** What {@link writeShardedCorpus} wrote. */
export interface ShardedCorpus {
  dir: string;
  files: number;
  articles: number;
  bytes: number;
}

/**
 * Writes the `.jsonl.gz` news corpus as JSONL files of `shardSize` articles under `dir` (Infinity:
 * one file), streaming (the 1.9 GB of the 10× corpus never sits in memory). Copy `k > 0` re-uses
 * every article under a new id (`<id>~k`) in its own sub-folder, so 10 copies are 10× the corpus.
 * Skips the work when `dir` already holds a complete corpus from an earlier run (a `.complete` marker).
 */
export async function writeShardedCorpus(gzPath: string, dir: string, copies = 1, shardSize = SHARD_SIZE): Promise<ShardedCorpus> {
  const marker = path.join(dir, '.complete');
  if (fs.existsSync(marker)) return JSON.parse(fs.readFileSync(marker, 'utf8')) as ShardedCorpus;
  fs.rmSync(dir, { recursive: true, force: true });
  let files = 0;
  let articles = 0;
  let bytes = 0;
  for (let copy = 0; copy < copies; copy++) {
    const copyDir = copies === 1 ? dir : path.join(dir, `copy-${String(copy).padStart(2, '0')}`);
    fs.mkdirSync(copyDir, { recursive: true });
    let shard: string[] = [];
    let shardNo = 0;
    const flush = () => {
      if (shard.length === 0) return;
      const text = `${shard.join('\n')}\n`;
      fs.writeFileSync(path.join(copyDir, `news-${String(shardNo++).padStart(3, '0')}.jsonl`), text);
      files++;
      bytes += Buffer.byteLength(text);
      shard = [];
    };
    const lines = readline.createInterface({ input: fs.createReadStream(gzPath).pipe(zlib.createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const article = JSON.parse(line) as { id: string };
      if (copy > 0) article.id = `${article.id}~${copy}`;
      shard.push(copy > 0 ? JSON.stringify(article) : line);
      articles++;
      if (shard.length === shardSize) flush();
    }
    flush();
  }
  const result: ShardedCorpus = { dir, files, articles, bytes };
  fs.writeFileSync(marker, JSON.stringify(result));
  return result;
}

/**
 * Edits `count` articles spread over the corpus files, one per file while there are enough files,
 * else spread through each file's lines (an admin correcting a few briefings): appends a sentence to
 * their text. Returns the ids changed.
 */
export function changeDocuments(dir: string, count: number, stamp: string): string[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  const changed: string[] = [];
  const perFile = Math.ceil(count / files.length);
  const fileStep = Math.max(1, Math.floor(files.length / count));
  for (let f = 0; f * fileStep < files.length && changed.length < count; f++) {
    const file = path.join(dir, files[f * fileStep]!);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const edits = Math.min(perFile, count - changed.length);
    for (let e = 0; e < edits; e++) {
      const at = lines.findIndex((l, i) => i >= Math.floor((e * lines.length) / edits) && l.includes('"text"'));
      if (at < 0) continue;
      const article = JSON.parse(lines[at]!) as { id: string; text: string };
      article.text = `${article.text} Cập nhật lúc ${stamp}.`;
      lines[at] = JSON.stringify(article);
      changed.push(article.id);
    }
    fs.writeFileSync(file, lines.join('\n'));
  }
  return changed;
}

/** Total size of the files in a folder (the index on disk: database, WAL, vector files). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : fs.statSync(full).size;
  }
  return total;
}
