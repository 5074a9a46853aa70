/**
 * The serving half of the benchmark, run as its own process so its memory is a serving process's
 * memory: opens the question-answering service over an index (lexical, extractive: the offline
 * default), asks a fixed list of questions, and prints one JSON object with the latencies.
 *
 * Usage: tsx scripts/bench-serve.ts INDEX_DIR QUESTIONS.json CONCURRENCY[,CONCURRENCY...]
 */
import fs from 'node:fs';
import { percentile } from '../src/cli/eval-data.js';
import { importBuilt } from './bench-build.js';

type QaServiceModule = typeof import('../src/answer/qa-service.js');
type CoreConfigModule = typeof import('../src/config/core-config.js');

// `npm run bench` serves from the build, as production does (BENCH_FROM_BUILD, see bench-build.ts);
// run by hand without it, this serves from the sources.
const fromBuild = process.env.BENCH_FROM_BUILD === '1';
const { answerThreadCount, createQaService, servingOptions }: QaServiceModule = fromBuild
  ? await importBuilt<QaServiceModule>('answer/qa-service')
  : await import('../src/answer/qa-service.js');
const { loadCoreConfig }: CoreConfigModule = fromBuild
  ? await importBuilt<CoreConfigModule>('config/core-config')
  : await import('../src/config/core-config.js');

/** Latencies of one concurrency level, in milliseconds. */
export interface ServeRun {
  concurrency: number;
  questions: number;
  /** Retrieval alone (the service's own timing), p50/p95/p99. */
  retrieve: [number, number, number];
  /** From the moment the question arrived to its full answer, queueing included, p50/p95/p99. */
  total: [number, number, number];
  questionsPerSecond: number;
}

/** What the serving process prints. */
export interface ServeResult {
  runs: ServeRun[];
  answered: number;
  /** Peak resident memory of the serving process. */
  peakRssBytes: number;
  /** Resident memory after opening the index, before any question. */
  openRssBytes: number;
  /** Threads retrieving in parallel (0: the main thread), as the bots are configured. */
  retrievalThreads: number;
}

async function main(): Promise<void> {
  const [indexDir, questionsFile, levels] = process.argv.slice(2);
  if (!indexDir || !questionsFile || !levels) throw new Error('Usage: tsx scripts/bench-serve.ts INDEX_DIR QUESTIONS.json 1,8,32');
  const questions = JSON.parse(fs.readFileSync(questionsFile, 'utf8')) as string[];
  // Served as the bots serve: a thread per core (up to 4) unless ANSWER_THREADS says otherwise.
  const threadEnv = { ANSWER_THREADS: process.env.ANSWER_THREADS, RETRIEVAL_THREADS: process.env.RETRIEVAL_THREADS };
  const config = { ...loadCoreConfig({ EMBEDDINGS: 'none', ...threadEnv }), INDEX_DIR: indexDir };
  const retrievalThreads = answerThreadCount(config, servingOptions());
  const qa = await createQaService(config, servingOptions());
  const openRssBytes = process.memoryUsage().rss;
  // Warm-up: SQLite's page cache and V8's compiled code, as on a bot that has been running a while.
  for (const q of questions.slice(0, 50)) await qa.ask(q);

  const runs: ServeRun[] = [];
  let answered = 0;
  for (const concurrency of levels.split(',').map(Number)) {
    const retrieve: number[] = [];
    const total: number[] = [];
    const started = performance.now();
    // N questions arrive at the same instant, as from N people asking at once: each latency counts
    // the wait behind the questions that arrived with it.
    for (let i = 0; i < questions.length; i += concurrency) {
      const burst = questions.slice(i, i + concurrency);
      const arrived = performance.now();
      await Promise.all(
        burst.map(async (q) => {
          const answer = await qa.ask(q);
          total.push(performance.now() - arrived);
          retrieve.push(answer.timings.retrieveMs);
          if (answer.status === 'answered') answered++;
        }),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const p = (xs: number[]): [number, number, number] => [percentile(xs, 50), percentile(xs, 95), percentile(xs, 99)];
    runs.push({
      concurrency,
      questions: questions.length,
      retrieve: p(retrieve),
      total: p(total),
      questionsPerSecond: questions.length / seconds,
    });
  }
  await qa.close();
  const result: ServeResult = { runs, answered, peakRssBytes: process.resourceUsage().maxRSS * 1024, openRssBytes, retrievalThreads };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
