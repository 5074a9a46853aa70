import type { HybridBench } from './bench-hybrid.js';
import type { ServeResult } from './bench-serve.js';

/** One ingestion measured in a child process. */
export interface IngestBench {
  articles: number;
  files: number;
  /** Size of the corpus files read. */
  corpusBytes: number;
  seconds: number;
  chunks: number;
  peakRssBytes: number;
  diskBytes: number;
}

/** A re-ingestion after editing a few documents. */
export interface ReingestBench {
  changed: number;
  updated: number;
  seconds: number;
  peakRssBytes: number;
}

/** Everything one `npm run bench` measured. */
export interface BenchReport {
  date: string;
  machine: string;
  ingest: IngestBench;
  reingest: ReingestBench;
  /** The same articles in one JSONL file, as an export from another system arrives. */
  oneFile: { ingest: IngestBench; reingest: ReingestBench };
  serve: ServeResult;
  questions: number;
  hybrid: (HybridBench & { articles: number }) | { error: string } | null;
  scaled: { factor: number; ingest: IngestBench; serve: ServeResult } | null;
}

const MiB = 1024 * 1024;
const mib = (bytes: number) => `${Math.round(bytes / MiB).toLocaleString('en-US')} MiB`;
const ms = (x: number) => x.toFixed(x < 10 ? 1 : 0);
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const triple = (t: [number, number, number]) => `${ms(t[0])} / ${ms(t[1])} / ${ms(t[2])} ms`;
const mark = (ok: boolean) => (ok ? 'met' : '**missed**');

/** The benchmark's result as a short Markdown table (printed, and kept for the README). */
export function formatReport(r: BenchReport): string {
  const rows: Array<[string, string, string]> = [];
  const ing = r.ingest;
  rows.push(['Corpus', `${n(ing.articles)} news articles in ${n(ing.files)} files + XQuAD-vi paragraphs + seed briefing`, '']);
  rows.push([
    'Ingest (fresh, lexical)',
    `${ing.seconds.toFixed(1)} s, ${n(ing.chunks)} chunks, ${n(ing.chunks / ing.seconds)} chunks/s`,
    '',
  ]);
  rows.push(['Ingest peak RSS', mib(ing.peakRssBytes), `≤ 1 GiB: ${mark(ing.peakRssBytes <= 1024 * MiB)}`]);
  rows.push(['Index on disk', mib(ing.diskBytes), '']);
  rows.push([
    `Re-ingest after changing ${r.reingest.changed} documents`,
    `${r.reingest.seconds.toFixed(2)} s (${r.reingest.updated} re-processed)`,
    `≤ 2 s: ${mark(r.reingest.seconds <= 2)}`,
  ]);
  const single = r.oneFile;
  rows.push([
    `Ingest of the news articles as one ${mib(single.ingest.corpusBytes)} JSONL file`,
    `${single.ingest.seconds.toFixed(1)} s, peak RSS ${mib(single.ingest.peakRssBytes)}`,
    `≤ 1 GiB: ${mark(single.ingest.peakRssBytes <= 1024 * MiB)}`,
  ]);
  rows.push([
    `Re-ingest after changing ${single.reingest.changed} documents in that file`,
    `${single.reingest.seconds.toFixed(2)} s (${single.reingest.updated} re-processed)`,
    `≤ 2 s: ${mark(single.reingest.seconds <= 2)}`,
  ]);
  rows.push([
    'Serving',
    `lexical, extractive; ${
      r.serve.retrievalThreads > 0
        ? `${r.serve.retrievalThreads} retrieval threads (one per core up to 4, as the bots run)`
        : 'retrieval on the main thread'
    }`,
    '',
  ]);
  for (const run of r.serve.runs) {
    const target = run.concurrency === 1 ? 30 : run.concurrency === 32 ? 100 : null;
    rows.push([
      `Retrieval p50/p95/p99, ${run.concurrency} asker${run.concurrency > 1 ? 's' : ''}`,
      `${triple(run.retrieve)} (answer incl. queueing: ${triple(run.total)}; ${n(run.questionsPerSecond)} q/s)`,
      target === null ? '' : `p95 ≤ ${target} ms: ${mark((run.concurrency === 1 ? run.retrieve[1] : run.total[1]) <= target)}`,
    ]);
  }
  rows.push([
    'Serving process RSS (peak)',
    `${mib(r.serve.peakRssBytes)} (after opening the index: ${mib(r.serve.openRssBytes)})`,
    `≤ 500 MiB: ${mark(r.serve.peakRssBytes <= 500 * MiB)}`,
  ]);
  if (r.hybrid && 'error' in r.hybrid) {
    rows.push(['Hybrid search', `failed: ${r.hybrid.error}`, '']);
  } else if (r.hybrid) {
    const h = r.hybrid;
    rows.push([`Embedding throughput (tiny test model)`, `${n(h.embeddingChunksPerSecond)} chunks/s`, '']);
    rows.push([
      `Hybrid search p50/p95 (${n(h.articles)} articles, ${n(h.chunks)} chunks, query vector precomputed)`,
      `${ms(h.hybridSearch[0])} / ${ms(h.hybridSearch[1])} ms (lexical alone: ${ms(h.lexical[0])} / ${ms(h.lexical[1])} ms; ` +
        `embedding the question: ${ms(h.queryEmbedding[0])} / ${ms(h.queryEmbedding[1])} ms)`,
      '',
    ]);
  } else {
    rows.push(['Hybrid search', 'not measured (--skip-hybrid)', '']);
  }
  if (r.scaled) {
    const s = r.scaled.ingest;
    const timeGrowth = s.seconds / ing.seconds;
    const chunkGrowth = s.chunks / ing.chunks;
    rows.push([
      `Ingest ${r.scaled.factor}× (fresh)`,
      `${s.seconds.toFixed(0)} s, ${n(s.chunks)} chunks, ${n(s.chunks / s.seconds)} chunks/s, peak RSS ${mib(s.peakRssBytes)}, ${mib(s.diskBytes)} on disk`,
      '',
    ]);
    rows.push([
      `Growth 1× → ${r.scaled.factor}×`,
      `chunks ×${chunkGrowth.toFixed(1)}, time ×${timeGrowth.toFixed(1)}, ` +
        `peak RSS ×${(s.peakRssBytes / ing.peakRssBytes).toFixed(1)}, disk ×${(s.diskBytes / ing.diskBytes).toFixed(1)}`,
      `linear: ${mark(timeGrowth <= chunkGrowth * 1.25)}`,
    ]);
    const one = r.scaled.serve.runs[0];
    if (one) rows.push([`Retrieval p50/p95/p99 at ${r.scaled.factor}×, 1 asker`, triple(one.retrieve), '']);
    rows.push([`Serving RSS at ${r.scaled.factor}× (peak)`, mib(r.scaled.serve.peakRssBytes), '']);
  } else {
    rows.push(['Ingest 10×', 'not run (opt-in: npm run bench -- --scale 10)', '']);
  }
  const width = (i: 0 | 1 | 2) => Math.max(...rows.map((row) => row[i].length), 6);
  const line = (row: [string, string, string]) =>
    `| ${row[0].padEnd(width(0))} | ${row[1].padEnd(width(1))} | ${row[2].padEnd(width(2))} |`;
  return [
    `npm run bench (${r.date}, ${r.machine}, ${n(r.questions)} questions)`,
    '',
    line(['Measure', 'Result', 'Target']),
    `|${'-'.repeat(width(0) + 2)}|${'-'.repeat(width(1) + 2)}|${'-'.repeat(width(2) + 2)}|`,
    ...rows.map(line),
  ].join('\n');
}
