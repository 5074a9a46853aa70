import '../config/load-dotenv.js';
import fs from 'node:fs';
import path from 'node:path';
import { createQaService } from '../answer/qa-service.js';
import { loadCoreConfig } from '../config/core-config.js';
import { ingest } from '../ingestion/ingest.js';
import type { QaService } from '../answer/qa-service-types.js';
import { containsAnswer, materialiseCorpus, percentile, prepareSquad, type QaItem } from './eval-data.js';
import { openEmbedderForIngest } from '../ingestion/embedder-for-ingest.js';
import { createProgressReporter } from './progress-reporter.js';
import { quietLogsForCli } from '../log.js';
import { parseCommandLine } from './command-line.js';
import { reportFatal, UsageError } from './report-fatal.js';

const USAGE = 'Usage: npm run eval -- --qa FILE.json [--distractors FILE.jsonl[.gz]] [--index DIR] [--k 5]';

/**
 * `npm run eval`: indexes a SQuAD-format benchmark's paragraphs (optionally among distractor
 * articles), asks every question and prints passage-hit@1, passage-hit@5, answer-hit and latency;
 * lexical and hybrid retrieval side by side when the index has vectors.
 */
async function main(): Promise<void> {
  const { values } = parseCommandLine(
    USAGE,
    { qa: { type: 'string' }, distractors: { type: 'string' }, index: { type: 'string' }, k: { type: 'string', default: '5' } },
    { positionals: false },
  );
  if (!values.qa) throw new UsageError(`--qa is required. ${USAGE}`);
  if (!fs.existsSync(values.qa)) throw new UsageError(`No such file: ${values.qa}. ${USAGE}`);
  const config = loadCoreConfig();
  const k = Number(values.k);
  const work = path.resolve('data/eval');
  const indexDir = values.index ?? path.join(work, values.distractors ? 'index-with-distractors' : 'index');
  const { corpusFile, items } = prepareSquad(values.qa, path.join(work, 'corpus'));
  const inputs = [corpusFile];
  if (values.distractors) inputs.push(await materialiseCorpus(values.distractors, path.join(work, 'corpus')));
  const reporter = createProgressReporter();
  const summary = await ingest({ inputs, indexDir, embedder: await openEmbedderForIngest(config, indexDir), onProgress: reporter.onProgress });
  reporter.stop();
  console.error(`Index: ${summary.chunks} chunks (${summary.added + summary.updated} documents (re)indexed in ${summary.seconds.toFixed(1)} s)`);

  const configured = await createQaService({ ...config, TOP_K: k }, { indexDir });
  const hybrid = configured.stats().retrieval === 'hybrid';
  const rows = [await askAll(configured, items)];
  // With vectors in use, the same questions through lexical retrieval alone show what they add.
  if (hybrid) {
    rows.unshift(await askAll(await createQaService({ ...config, TOP_K: k, EMBEDDINGS: 'none' }, { indexDir }), items));
  }
  console.log(`questions: ${items.length}  chunks: ${summary.chunks}`);
  console.log(formatTable(rows, k));
  if (rows.length === 1) console.log('(no hybrid row: the index has no vectors usable with the configured embedder)');
}

/** One retrieval/answer configuration's results over the benchmark. */
interface EvalRow {
  mode: string;
  hit1: number;
  hitK: number;
  answerHit: number;
  retrieveMs: number[];
  totalMs: number[];
}

/** Asks every question, then closes the service; rates are shares of the questions. */
async function askAll(qa: QaService, items: QaItem[]): Promise<EvalRow> {
  const stats = qa.stats();
  const row: EvalRow = { mode: `${stats.retrieval}/${stats.answer}`, hit1: 0, hitK: 0, answerHit: 0, retrieveMs: [], totalMs: [] };
  for (const item of items) {
    const answer = await qa.ask(item.question);
    if (answer.passages[0] && containsAnswer(answer.passages[0].text, item.answers)) row.hit1++;
    if (answer.passages.some((p) => containsAnswer(p.text, item.answers))) row.hitK++;
    if (answer.status === 'answered' && containsAnswer(answer.answer, item.answers)) row.answerHit++;
    row.retrieveMs.push(answer.timings.retrieveMs);
    row.totalMs.push(answer.timings.totalMs);
  }
  await qa.close();
  const n = Math.max(items.length, 1);
  return { ...row, hit1: row.hit1 / n, hitK: row.hitK / n, answerHit: row.answerHit / n };
}

/** The results side by side, one configuration per line. */
function formatTable(rows: EvalRow[], k: number): string {
  const ms = (values: number[], ps: number[]) => ps.map((p) => percentile(values, p).toFixed(1)).join('/');
  const table = [
    ['mode', 'passage-hit@1', `passage-hit@${k}`, 'answer-hit', 'retrieval ms p50/p95/p99', 'total ms p50/p95'],
    ...rows.map((r) => [r.mode, r.hit1.toFixed(3), r.hitK.toFixed(3), r.answerHit.toFixed(3), ms(r.retrieveMs, [50, 95, 99]), ms(r.totalMs, [50, 95])]),
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((line) => line[c]!.length)));
  return table.map((line) => line.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

quietLogsForCli();
main().catch(reportFatal);
