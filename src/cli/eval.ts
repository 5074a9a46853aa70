import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createQaService } from '../answer/qa-service.js';
import { loadCoreConfig } from '../config/core-config.js';
import { ingest } from '../ingestion/ingest.js';
import { containsAnswer, materialiseCorpus, percentile, prepareSquad } from './eval-data.js';
import { openEmbedderForIngest } from './embedder-for-ingest.js';
import { createProgressReporter } from './progress-reporter.js';
import { quietLogsForCli } from '../log.js';
import { reportFatal, UsageError } from './report-fatal.js';

const USAGE = 'Usage: npm run eval -- --qa FILE.json [--distractors FILE.jsonl[.gz]] [--index DIR] [--k 5]';

/**
 * `npm run eval`: indexes a SQuAD-format benchmark's paragraphs (optionally among distractor
 * articles), asks every question and prints passage-hit@1, passage-hit@5, answer-hit and latency.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { qa: { type: 'string' }, distractors: { type: 'string' }, index: { type: 'string' }, k: { type: 'string', default: '5' } },
  });
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

  const qa = await createQaService({ ...config, TOP_K: k }, { indexDir });
  let hit1 = 0;
  let hitK = 0;
  let answerHit = 0;
  const retrieveMs: number[] = [];
  const totalMs: number[] = [];
  let mode = '';
  for (const item of items) {
    const answer = await qa.ask(item.question);
    mode = `${answer.mode.retrieval}/${answer.mode.answer}`;
    if (answer.passages[0] && containsAnswer(answer.passages[0].text, item.answers)) hit1++;
    if (answer.passages.some((p) => containsAnswer(p.text, item.answers))) hitK++;
    if (answer.status === 'answered' && containsAnswer(answer.answer, item.answers)) answerHit++;
    retrieveMs.push(answer.timings.retrieveMs);
    totalMs.push(answer.timings.totalMs);
  }
  await qa.close();
  const n = items.length;
  const f = (x: number) => (x / n).toFixed(3);
  console.log(`questions: ${n}  chunks: ${summary.chunks}  mode: ${mode}`);
  console.log(`passage-hit@1: ${f(hit1)}  passage-hit@${k}: ${f(hitK)}  answer-hit: ${f(answerHit)}`);
  console.log(
    `retrieval ms p50/p95/p99: ${percentile(retrieveMs, 50).toFixed(1)}/${percentile(retrieveMs, 95).toFixed(1)}/${percentile(retrieveMs, 99).toFixed(1)}` +
      `  total ms p50/p95: ${percentile(totalMs, 50).toFixed(1)}/${percentile(totalMs, 95).toFixed(1)}`,
  );
}

quietLogsForCli();
main().catch(reportFatal);
