import '../config/load-dotenv.js';
import fs from 'node:fs';
import path from 'node:path';
import { rankingOptions, RankingOptionError } from '../retrieval/ranking-options.js';
import { createQaService } from '../answer/qa-service.js';
import { loadCoreConfig, type CoreConfig } from '../config/core-config.js';
import { ingest } from '../ingestion/ingest.js';
import { SCHEMA_VERSION } from '../store/schema.js';
import type { QaService } from '../answer/qa-service-types.js';
import type { Answer } from '../answer/types.js';
import {
  containsAnswer,
  containsSpan,
  evalCacheDir,
  filesHash,
  materialiseCorpus,
  percentile,
  prepareSquad,
  regionalCorpusFiles,
  sharedDataDir,
} from './eval-data.js';
import {
  ANSWERABLE_KINDS,
  checkStructure,
  isAnswerable,
  KINDS,
  loadQuestionFile,
  REFUSED_KINDS,
  SPLITS,
  type Split,
} from './eval-questions.js';
import { openEmbedderForIngest } from '../ingestion/embedder-for-ingest.js';
import { createProgressReporter } from './progress-reporter.js';
import { quietLogsForCli } from '../log.js';
import { parseCommandLine } from './command-line.js';
import { reportFatal, UsageError } from './report-fatal.js';

const USAGE = [
  'Usage: npm run eval -- [--suite xquad|regional|all] [--json] [--misses] [--k 5]',
  '  XQuAD-vi: [--qa FILE.json] [--distractors FILE.jsonl[.gz] | --no-distractors] [--index DIR]',
  '  regional: [--questions eval/regional-questions.jsonl] [--split holdout|tune|all] [--data DIR | --corpus FILE ...] [--cache DIR] [--param name=value ...]',
].join('\n');

/**
 * `npm run eval`: asks benchmark questions of a built index and reports, for each kind of question,
 * answer-hit, passage-hit@1/@k, the share refused (status `not_found`) and latency; lexical and hybrid
 * retrieval side by side when the index has vectors.
 *
 * Two suites: XQuAD-vi (a SQuAD-format file: its paragraphs indexed, optionally among distractor
 * articles; one kind) and the regional question set (eval/regional-questions.jsonl, asked of the
 * whole news corpus and the seed briefing, one row per kind, the held-out half by default).
 * With no options both run on the shared data folder (`--data`, `$SHARED_DATA_DIR`, `../shared/data`):
 * XQuAD-vi mixed into the news corpus as distractors, as the README's figures are measured.
 */
async function main(): Promise<void> {
  const { values } = parseCommandLine(
    USAGE,
    {
      suite: { type: 'string' },
      qa: { type: 'string' },
      distractors: { type: 'string' },
      'no-distractors': { type: 'boolean', default: false },
      index: { type: 'string' },
      k: { type: 'string', default: '5' },
      questions: { type: 'string' },
      split: { type: 'string', default: 'holdout' },
      data: { type: 'string' },
      corpus: { type: 'string', multiple: true },
      cache: { type: 'string' },
      param: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      misses: { type: 'boolean', default: false },
    },
    { positionals: false },
  );
  // Given only --qa (the command of earlier versions), the XQuAD suite alone runs, as it did.
  const suite = values.suite ?? (values.qa && !values.questions ? 'xquad' : values.questions && !values.qa ? 'regional' : 'all');
  if (!['xquad', 'regional', 'all'].includes(suite)) throw new UsageError(`--suite must be xquad, regional or all. ${USAGE}`);
  const split = values.split;
  if (split !== 'all' && !(SPLITS as readonly string[]).includes(split))
    throw new UsageError(`--split must be tune, holdout or all. ${USAGE}`);
  const k = Number(values.k);
  if (!Number.isInteger(k) || k < 1) throw new UsageError(`--k must be a whole number ≥ 1. ${USAGE}`);
  const params = parseParams(values.param ?? []);
  const data = sharedDataDir(values.data);
  const config = { ...loadCoreConfig(), TOP_K: k };

  const reports: SuiteReport[] = [];
  if (suite !== 'regional') {
    // As before, --qa FILE alone indexes its paragraphs alone; the default run mixes them into the news corpus.
    const distractors =
      values.distractors ?? (values.qa || values['no-distractors'] ? undefined : path.join(data, 'news-vi-2017.jsonl.gz'));
    reports.push(
      await runXquad(config, { qa: values.qa ?? path.join(data, 'xquad-vi-dev.json'), distractors, index: values.index }, params),
    );
  }
  if (suite !== 'xquad') {
    const questions = values.questions ?? 'eval/regional-questions.jsonl';
    reports.push(
      await runRegional(
        config,
        { questions, split: split as Split | 'all', data: values.data, corpus: values.corpus, cache: values.cache },
        params,
      ),
    );
  }
  if (values.json) {
    console.log(JSON.stringify({ k, suites: reports }, null, 2));
    return;
  }
  for (const report of reports) {
    console.log(
      `\n${report.name}: ${report.questions} questions; index ${report.documents} documents, ${report.chunks} chunks (${report.corpus.join(' + ')})`,
    );
    console.log(formatTable(report.rows, k));
    if (!report.hybrid) console.log('(no hybrid row: the index has no vectors usable with the configured embedder)');
    if (values.misses) console.log(formatMisses(report));
  }
}

/** What one suite measured, as `--json` prints it. */
interface SuiteReport {
  name: string;
  split?: Split | 'all';
  corpus: string[];
  indexDir: string;
  documents: number;
  chunks: number;
  questions: number;
  hybrid: boolean;
  rows: KindRow[];
  /** Every question's outcome, for reading failures (first configuration only). */
  results: QuestionResult[];
}

/** One question of either suite, with what counts as its right outcome. */
interface EvalItem {
  id: string;
  kind: string;
  question: string;
  /** Texts that count as the answer; empty for a question that must be refused. */
  answers: string[];
  /** Whether a text holds one of the answers: SQuAD's plain containment, or a whole span for the regional set. */
  holdsAnswer: (text: string) => boolean;
}

interface QuestionResult {
  id: string;
  kind: string;
  question: string;
  expected: string;
  ok: boolean;
  status: Answer['status'];
  answer: string;
  citedDocs: string[];
}

/** One retrieval/answer configuration's results on one kind of question. */
interface KindRow {
  mode: string;
  kind: string;
  n: number;
  /** Answerable kinds: answered and the answer holds the gold text. */
  answerHit: number | null;
  hit1: number | null;
  hitK: number | null;
  /** Share with status `not_found`: the goal for kinds that must be refused, a loss for the others. */
  refused: number;
  retrieveMs: number[];
  totalMs: number[];
}

async function runXquad(
  config: CoreConfig,
  options: { qa: string; distractors: string | undefined; index: string | undefined },
  params: Params,
): Promise<SuiteReport> {
  if (!fs.existsSync(options.qa)) throw new UsageError(`No such file: ${options.qa} (give --qa FILE or --data DIR). ${USAGE}`);
  if (options.distractors && !fs.existsSync(options.distractors))
    throw new UsageError(`No such file: ${options.distractors} (give --distractors FILE, --no-distractors or --data DIR). ${USAGE}`);
  const work = path.resolve('data/eval');
  const indexDir = options.index ?? path.join(work, options.distractors ? 'index-with-distractors' : 'index');
  const { corpusFile, items } = prepareSquad(options.qa, path.join(work, 'corpus'));
  const inputs = [corpusFile];
  if (options.distractors) inputs.push(await materialiseCorpus(options.distractors, path.join(work, 'corpus')));
  const built = await buildIndex(config, inputs, indexDir);
  const evalItems = items.map((item, i) => ({
    id: `xquad-${i + 1}`,
    kind: 'xquad',
    question: item.question,
    answers: item.answers,
    holdsAnswer: (text: string) => containsAnswer(text, item.answers),
  }));
  const measured = await measure(config, indexDir, evalItems, params);
  const corpus = [path.basename(options.qa), ...(options.distractors ? [path.basename(options.distractors)] : [])];
  return { name: 'XQuAD-vi', corpus, indexDir, ...built, questions: evalItems.length, ...measured };
}

async function runRegional(
  config: CoreConfig,
  options: { questions: string; split: Split | 'all'; data: string | undefined; corpus: string[] | undefined; cache: string | undefined },
  params: Params,
): Promise<SuiteReport> {
  if (!fs.existsSync(options.questions)) throw new UsageError(`No such question file: ${options.questions}. ${USAGE}`);
  const { questions, problems } = loadQuestionFile(options.questions);
  problems.push(...checkStructure(questions, { wholeSet: false }));
  if (problems.length > 0) {
    throw new UsageError(
      `${options.questions} has ${problems.length} problem(s), first: line ${problems[0]!.line} ` +
        `${problems[0]!.id}: ${problems[0]!.message} (run npm run eval:check-questions)`,
    );
  }
  const files = options.corpus ?? regionalCorpusFiles(options.data);
  const absent = files.filter((f) => !fs.existsSync(f));
  if (absent.length > 0)
    throw new UsageError(
      `Corpus file(s) not found: ${absent.join(', ')} (give --data DIR, the shared data folder, or --corpus FILE ...). ${USAGE}`,
    );
  const { corpusDir, indexDir } = evalCacheDir(options.cache, SCHEMA_VERSION, await filesHash(files));
  const inputs = await Promise.all(files.map((f) => materialiseCorpus(f, corpusDir)));
  const built = await buildIndex(config, inputs, indexDir);
  const asked = questions.filter((q) => options.split === 'all' || q.split === options.split);
  // A regional answer is a short span ("4/7", "96,5%"): it counts only as a whole, not inside "14/7" or "96,57%" (see containsSpan).
  const evalItems = asked.map((q) => {
    const answers = isAnswerable(q) ? [q.answer] : [];
    return { id: q.id, kind: q.kind, question: q.question, answers, holdsAnswer: (text: string) => containsSpan(text, answers) };
  });
  const measured = await measure(config, indexDir, evalItems, params, true);
  const name = `Regional questions (${options.split === 'all' ? 'both splits' : `${options.split} split`})`;
  return {
    name,
    split: options.split,
    corpus: files.map((f) => path.basename(f)),
    indexDir,
    ...built,
    questions: evalItems.length,
    ...measured,
  };
}

/** Brings the index up to date with the inputs (only what changed is re-read), with progress on stderr. */
async function buildIndex(config: CoreConfig, inputs: string[], indexDir: string): Promise<{ documents: number; chunks: number }> {
  const reporter = createProgressReporter();
  const summary = await ingest({
    inputs,
    indexDir,
    embedder: await openEmbedderForIngest(config, indexDir),
    onProgress: reporter.onProgress,
  });
  reporter.stop();
  console.error(
    `Index ${indexDir}: ${summary.chunks} chunks (${summary.added + summary.updated} documents (re)indexed in ${summary.seconds.toFixed(1)} s)`,
  );
  return { documents: summary.added + summary.updated + summary.unchanged, chunks: summary.chunks };
}

/**
 * Asks every item through the configured service (and, when it is hybrid, through lexical retrieval
 * alone too); the regional suite adds rows for all answerable and all must-refuse questions.
 */
async function measure(
  config: CoreConfig,
  indexDir: string,
  items: EvalItem[],
  params: Params,
  regional = false,
): Promise<{ hybrid: boolean; rows: KindRow[]; results: QuestionResult[] }> {
  const configured = await openService(config, indexDir, params);
  const hybrid = configured.stats().retrieval === 'hybrid';
  const runs = [await askAll(configured, items)];
  // With vectors in use, the same questions through lexical retrieval alone show what they add.
  if (hybrid) runs.unshift(await askAll(await openService({ ...config, EMBEDDINGS: 'none' }, indexDir, params), items));
  const kinds = regional ? KINDS.filter((kind) => items.some((i) => i.kind === kind)) : [...new Set(items.map((i) => i.kind))];
  const rows = runs.flatMap((run) => {
    const perKind = kinds.map((kind) =>
      summarise(
        run.mode,
        kind,
        run.results.filter((r) => r.item.kind === kind),
      ),
    );
    if (!regional) return perKind;
    const answerable = run.results.filter((r) => (ANSWERABLE_KINDS as readonly string[]).includes(r.item.kind));
    const refused = run.results.filter((r) => (REFUSED_KINDS as readonly string[]).includes(r.item.kind));
    return [...perKind, summarise(run.mode, 'answerable', answerable), summarise(run.mode, 'must refuse', refused)];
  });
  return { hybrid, rows, results: runs[runs.length - 1]!.results.map((r) => r.result) };
}

/** Ranking parameters given as `--param name=value`, for sweeps. */
type Params = Record<string, string | number | boolean>;

function parseParams(raw: string[]): Params {
  const params: Params = {};
  for (const p of raw) {
    const m = /^([A-Za-z_][\w.]*)=(.*)$/.exec(p);
    if (!m) throw new UsageError(`--param takes name=value, not "${p}". ${USAGE}`);
    const value = m[2]!;
    params[m[1]!] =
      value === 'true' ? true : value === 'false' ? false : value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return params;
}

/**
 * Opens the question-answering service on an index. Ranking parameters (src/retrieval/ranking-options.ts)
 * enter here, the one place they do; an unknown name or a non-numeric value is an error rather than
 * a silently ignored setting.
 */
async function openService(config: CoreConfig, indexDir: string, params: Params): Promise<QaService> {
  let ranking;
  try {
    ranking = rankingOptions(params);
  } catch (error) {
    if (error instanceof RankingOptionError) throw new UsageError(`--param: ${error.message}`);
    throw error;
  }
  return createQaService(config, { indexDir, ranking });
}

interface Outcome {
  item: EvalItem;
  answer: Answer;
  hit1: boolean;
  hitK: boolean;
  answerHit: boolean;
  refused: boolean;
  result: QuestionResult;
}

/** Asks every question, then closes the service. */
async function askAll(qa: QaService, items: EvalItem[]): Promise<{ mode: string; results: Outcome[] }> {
  const stats = qa.stats();
  const results: Outcome[] = [];
  for (const item of items) {
    const answer = await qa.ask(item.question);
    const answerable = item.answers.length > 0;
    const hit1 = answerable && answer.passages[0] !== undefined && item.holdsAnswer(answer.passages[0].text);
    const hitK = answerable && answer.passages.some((p) => item.holdsAnswer(p.text));
    const answerHit = answerable && answer.status === 'answered' && item.holdsAnswer(answer.answer);
    const refused = answer.status === 'not_found';
    const result: QuestionResult = {
      id: item.id,
      kind: item.kind,
      question: item.question,
      expected: answerable ? item.answers.join(' | ') : '(refusal)',
      ok: answerable ? answerHit : refused,
      status: answer.status,
      answer: answer.answer,
      citedDocs: answer.citations.map((c) => c.docId),
    };
    results.push({ item, answer, hit1, hitK, answerHit, refused, result });
  }
  await qa.close();
  return { mode: `${stats.retrieval}/${stats.answer}`, results };
}

function summarise(mode: string, kind: string, outcomes: Outcome[]): KindRow {
  const n = outcomes.length;
  const share = (pick: (o: Outcome) => boolean) => (n === 0 ? 0 : outcomes.filter(pick).length / n);
  const answerable = outcomes.some((o) => o.item.answers.length > 0);
  return {
    mode,
    kind,
    n,
    answerHit: answerable ? share((o) => o.answerHit) : null,
    hit1: answerable ? share((o) => o.hit1) : null,
    hitK: answerable ? share((o) => o.hitK) : null,
    refused: share((o) => o.refused),
    retrieveMs: outcomes.map((o) => o.answer.timings.retrieveMs),
    totalMs: outcomes.map((o) => o.answer.timings.totalMs),
  };
}

/** The results side by side, one configuration and kind per line. */
function formatTable(rows: KindRow[], k: number): string {
  const ms = (values: number[], ps: number[]) => ps.map((p) => percentile(values, p).toFixed(1)).join('/');
  const rate = (x: number | null) => (x === null ? '-' : x.toFixed(3));
  const table = [
    ['mode', 'kind', 'n', 'answer-hit', 'passage-hit@1', `passage-hit@${k}`, 'refused', 'retrieval ms p50/p95/p99', 'total ms p50/p95'],
    ...rows.map((r) => [
      r.mode,
      r.kind,
      String(r.n),
      rate(r.answerHit),
      rate(r.hit1),
      rate(r.hitK),
      rate(r.refused),
      ms(r.retrieveMs, [50, 95, 99]),
      ms(r.totalMs, [50, 95]),
    ]),
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((line) => line[c]!.length)));
  return table
    .map((line) =>
      line
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The questions that went wrong, with what was expected and what came back. */
function formatMisses(report: SuiteReport): string {
  const misses = report.results.filter((r) => !r.ok);
  const lines = misses.map(
    (r) =>
      `- ${r.id} [${r.kind}] ${r.question}\n    expected: ${r.expected}\n    got (${r.status}): ` +
      `${r.answer.replace(/\s+/g, ' ').slice(0, 200)}${r.citedDocs.length ? ` [${[...new Set(r.citedDocs)].join(', ')}]` : ''}`,
  );
  return `${misses.length} miss(es):\n${lines.join('\n')}`;
}

quietLogsForCli();
main().catch(reportFatal);
