import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { PARAPHRASES } from '../src/text/paraphrases.js';
import { tokenize } from '../src/text/normalize.js';

/**
 * Checks the paraphrase lexicon (src/text/paraphrases.ts) against a news corpus (JSONL, gzipped or
 * not, with `title` and `text`): every `written` phrase must occur, as whole syllables with their
 * marks, in at least one article. Prints each written phrase with the number of articles that hold
 * it, then those found nowhere; exit 1 when there are any.
 *
 *   npx tsx scripts/check-paraphrases.ts /work/shared/data/news-vi-2017.jsonl.gz
 */
async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error('Usage: npx tsx scripts/check-paraphrases.ts CORPUS.jsonl[.gz]');
    return 2;
  }
  const phrases = [...new Set(PARAPHRASES.flatMap((e) => e.written))];
  const needles = phrases.map((p) => ` ${tokenize(p).join(' ')} `);
  const counts = new Array<number>(phrases.length).fill(0);
  const input = file.endsWith('.gz') ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  let articles = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { title?: string; text?: string };
    const text = ` ${tokenize(`${record.title ?? ''} . ${record.text ?? ''}`).join(' ')} `;
    articles++;
    needles.forEach((n, i) => {
      if (text.includes(n)) counts[i]!++;
    });
  }
  const missing = phrases.filter((_, i) => counts[i] === 0);
  phrases.forEach((p, i) => console.log(`${String(counts[i]).padStart(6)}  ${p}`));
  console.log(
    `${articles} articles; ${phrases.length} written phrases; ${missing.length} found nowhere${missing.length ? `: ${missing.join(', ')}` : ''}`,
  );
  return missing.length === 0 ? 0 : 1;
}

process.exitCode = await main();
