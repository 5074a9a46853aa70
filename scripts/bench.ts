/**
 * `npm run bench`: ingestion, re-ingestion, retrieval latency under load and memory, over the whole
 * news corpus, offline. Prints a short table and keeps it in data/bench/last-run.md.
 *
 *   npm run bench                      # 1× corpus, a few minutes
 *   npm run bench -- --scale 10        # also ingests 10× the corpus (about 20 minutes) and reports growth
 *   npm run bench -- --skip-hybrid     # lexical only
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareSquad } from '../src/cli/eval-data.js';
import { reportFatal, UsageError } from '../src/cli/report-fatal.js';
import { quietLogsForCli } from '../src/log.js';
import { changeDocuments, folderBytes, SHARD_SIZE, writeShardedCorpus, type ShardedCorpus } from './bench-corpus.js';
import { formatReport, type BenchReport, type IngestBench, type ReingestBench } from './bench-format.js';
import { buildForBench, importBuilt } from './bench-build.js';
import { benchHybrid } from './bench-hybrid.js';
import type { ServeResult } from './bench-serve.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DATA = path.resolve(ROOT, '../shared/data');
const NEWS = path.join(DATA, 'news-vi-2017.jsonl.gz');
const XQUAD = path.join(DATA, 'xquad-vi-dev.json');
const SEED = path.join(ROOT, 'corpus/hai-phong-2023-10-19.md');
const USAGE = 'Usage: npm run bench -- [--scale 10] [--skip-hybrid] [--hybrid-articles 5000] [--work data/bench]';

/** Questions about provinces, as the bot's users ask them, on top of XQuAD's. */
const REGIONAL_QUESTIONS = [
  'FDI của Hải Phòng tăng bao nhiêu?',
  'GRDP Hải Phòng 9 tháng năm 2023 tăng bao nhiêu?',
  'Kim ngạch xuất khẩu của Hải Phòng đạt bao nhiêu?',
  'Hải Phòng đón bao nhiêu lượt khách du lịch?',
  'Đà Nẵng đón bao nhiêu lượt khách du lịch năm 2017?',
  'Quảng Ninh thu hút bao nhiêu vốn đầu tư nước ngoài?',
  'Giá cà phê ở Đắk Lắk thế nào?',
  'Cần Thơ xuất khẩu gạo bao nhiêu tấn?',
  'Thanh tra Xây dựng Thái Nguyên đã thanh tra bao nhiêu cuộc?',
  'Hà Nội khởi công tuyến đường sắt đô thị nào?',
  'Bão số 12 gây thiệt hại gì ở Khánh Hòa?',
  'Thu ngân sách của Bình Dương năm 2017 là bao nhiêu?',
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      'skip-hybrid': { type: 'boolean', default: false },
      'hybrid-articles': { type: 'string', default: '5000' },
      work: { type: 'string', default: path.join(ROOT, 'data/bench') },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1 || scale > 100) throw new UsageError(`--scale must be a whole number from 1 to 100. ${USAGE}`);
  for (const file of [NEWS, XQUAD])
    if (!fs.existsSync(file)) throw new UsageError(`The benchmark needs ${file} (the shared data folder beside the project).`);
  const work = path.resolve(values.work);
  fs.mkdirSync(work, { recursive: true });
  // Ingestion children inherit this: the lexical numbers must not depend on a model being around.
  process.env.EMBEDDINGS = 'none';

  step('Building (npm run build): ingestion and serving are measured as production runs them, from dist/');
  buildForBench();
  ({ runIngestProcess } = await importBuilt<typeof import('../src/ingestion/ingest-process.js')>('ingestion/ingest-process'));

  step('Preparing the corpus (news articles as JSONL files of 500, XQuAD-vi paragraphs, seed briefing)');
  const corpus = await writeShardedCorpus(NEWS, path.join(work, 'corpus-1x'));
  const squad = prepareSquad(XQUAD, path.join(work, 'squad'));
  const inputs = [corpus.dir, squad.corpusFile, SEED];
  const questions = [...squad.items.map((i) => i.question), ...REGIONAL_QUESTIONS];
  const questionsFile = path.join(work, 'questions.json');
  fs.writeFileSync(questionsFile, JSON.stringify(questions));

  step(`Ingesting ${corpus.articles.toLocaleString('en-US')} articles from scratch (child process)`);
  const index = path.join(work, 'index-1x');
  const ingest = await freshIngest(inputs, index, corpus);

  step('Changing 10 documents in 10 files and re-ingesting');
  const reingest = await changeAndReingest(corpus.dir, inputs, index);

  step('The same articles as one JSONL file: ingesting it from scratch, then changing 10 documents in it');
  const single = await writeShardedCorpus(NEWS, path.join(work, 'corpus-one-file'), 1, Infinity);
  const singleIndex = path.join(work, 'index-one-file');
  const oneFile = {
    ingest: await freshIngest([single.dir], singleIndex, single),
    reingest: await changeAndReingest(single.dir, [single.dir], singleIndex),
  };
  fs.rmSync(singleIndex, { recursive: true, force: true });

  step(`Asking ${questions.length} questions with 1, 8 and 32 simultaneous askers (serving child process)`);
  const serve = await runServe(index, questionsFile, [1, 8, 32]);

  let hybrid: BenchReport['hybrid'] = null;
  if (!values['skip-hybrid']) {
    const articles = Number(values['hybrid-articles']);
    const shards = fs
      .readdirSync(corpus.dir)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
      .slice(0, Math.max(1, Math.ceil(articles / SHARD_SIZE)))
      .map((f) => path.join(corpus.dir, f));
    step(`Hybrid retrieval with the tiny test model over ${shards.length * SHARD_SIZE} articles + XQuAD-vi`);
    try {
      hybrid = { ...(await benchHybrid([...shards, squad.corpusFile], work, questions)), articles: shards.length * SHARD_SIZE };
    } catch (error) {
      // The lexical numbers above still stand; the table says what went wrong here.
      hybrid = { error: error instanceof Error ? error.message : String(error) };
    }
  }

  let scaled: BenchReport['scaled'] = null;
  if (scale > 1) {
    step(`Writing ${scale}× the corpus (articles re-used under new ids), one folder per copy`);
    const big = await writeShardedCorpus(NEWS, path.join(work, `corpus-${scale}x`), scale);
    step(`Ingesting ${big.articles.toLocaleString('en-US')} articles from scratch (this takes a while)`);
    const bigIndex = path.join(work, `index-${scale}x`);
    const bigIngest = await freshIngest([big.dir, squad.corpusFile, SEED], bigIndex, big);
    step('Asking the questions at that scale (1 asker)');
    scaled = { factor: scale, ingest: bigIngest, serve: await runServe(bigIndex, questionsFile, [1]) };
  }

  const report: BenchReport = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    ingest,
    reingest,
    oneFile,
    serve,
    questions: questions.length,
    hybrid,
    scaled,
  };
  const table = formatReport(report);
  fs.writeFileSync(path.join(work, 'last-run.md'), `${table}\n`);
  fs.writeFileSync(path.join(work, 'last-run.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${table}\n`);
  console.log(
    `Kept in ${path.relative(ROOT, path.join(work, 'last-run.md'))}.` +
      (scale === 1 ? ' For the 10× ingestion (about 20 minutes): npm run bench -- --scale 10' : ''),
  );
}

/** Ingestion in a child process, from the build (set in `main` once `dist/` is compiled). */
let runIngestProcess: typeof import('../src/ingestion/ingest-process.js').runIngestProcess;

/** Ingests into an emptied index folder in a child process; its peak memory is the child's own. */
async function freshIngest(inputs: string[], indexDir: string, corpus: ShardedCorpus): Promise<IngestBench> {
  fs.rmSync(indexDir, { recursive: true, force: true });
  const summary = await runIngestProcess({ inputs, indexDir, prune: true }, progressDots());
  process.stderr.write('\n');
  return {
    articles: corpus.articles,
    files: corpus.files,
    corpusBytes: corpus.bytes,
    seconds: summary.seconds,
    chunks: summary.chunks,
    peakRssBytes: summary.peakRssBytes ?? 0,
    diskBytes: folderBytes(indexDir),
  };
}

/** Edits 10 articles of the corpus in `dir` and re-ingests `inputs` into `indexDir` in a child process. */
async function changeAndReingest(dir: string, inputs: string[], indexDir: string): Promise<ReingestBench> {
  const changed = changeDocuments(dir, 10, new Date().toISOString());
  const summary = await runIngestProcess({ inputs, indexDir, prune: true });
  return {
    changed: changed.length,
    updated: summary.updated + summary.added,
    seconds: summary.seconds,
    peakRssBytes: summary.peakRssBytes ?? 0,
  };
}

/** Runs scripts/bench-serve.ts in its own process (so its memory is a serving process's) and reads its JSON. */
function runServe(indexDir: string, questionsFile: string, levels: number[]): Promise<ServeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'scripts/bench-serve.ts'), indexDir, questionsFile, levels.join(',')],
      {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'warn', BENCH_FROM_BUILD: '1' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the serving benchmark stopped (exit code ${code})`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as ServeResult);
    });
  });
}

/** A dot per file read, so a long ingestion shows it is alive without flooding the terminal. */
function progressDots(): (event: { phase: string; done: number; total: number }) => void {
  let last = -1;
  return (e) => {
    if (e.phase !== 'read') return;
    const tenth = Math.floor((e.done / Math.max(1, e.total)) * 20);
    if (tenth !== last) process.stderr.write('.');
    last = tenth;
  };
}

function step(text: string): void {
  console.error(`\n== ${text}`);
}

quietLogsForCli();
main().catch(reportFatal);
