import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  checkAgainstCorpus,
  checkAgainstOtherSet,
  checkStructure,
  KINDS,
  parseQuestionFile,
  rewriteSplits,
  SPLITS,
  type QuestionProblem,
} from '../src/cli/eval-questions.js';
import { regionalCorpusFiles } from '../src/cli/eval-data.js';

/**
 * `npm run eval:check-questions`: checks the regional question set (eval/README.md says what each
 * check means). Exit 0 when every check passes, 1 with one line per problem, 2 for a wrong command line.
 * `--skip-minimums` is for small fixture sets (and the smaller second set): no per-kind minimum counts,
 * no split coverage. `--other FILE` (repeatable) names another question set this one must not repeat.
 *
 *   npm run eval:check-questions [-- --questions FILE] [--data DIR | --corpus FILE ...] [--structure-only]
 *     [--write-splits] [--skip-minimums] [--other FILE ...]
 */
const USAGE =
  'Usage: npm run eval:check-questions -- [--questions FILE] [--data DIR | --corpus FILE ...] [--structure-only] ' +
  '[--write-splits] [--skip-minimums] [--other FILE ...]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      questions: { type: 'string', default: 'eval/regional-questions.jsonl' },
      data: { type: 'string' },
      corpus: { type: 'string', multiple: true },
      'structure-only': { type: 'boolean', default: false },
      'write-splits': { type: 'boolean', default: false },
      'skip-minimums': { type: 'boolean', default: false },
      other: { type: 'string', multiple: true },
    },
  });
  const file = values.questions;
  if (!fs.existsSync(file)) return usage(`No such question file: ${file}`);
  if (values['write-splits']) {
    const text = fs.readFileSync(file, 'utf8');
    const rewritten = rewriteSplits(text);
    if (rewritten !== text) fs.writeFileSync(file, rewritten);
    console.error(rewritten === text ? 'Splits already as hashed.' : 'Splits rewritten from the seeded hash.');
  }
  const { questions, problems } = parseQuestionFile(fs.readFileSync(file, 'utf8'));
  problems.push(...checkStructure(questions, { wholeSet: !values['skip-minimums'] }));
  for (const other of values.other ?? []) {
    if (!fs.existsSync(other)) return usage(`No such question file: ${other} (--other)`);
    const parsed = parseQuestionFile(fs.readFileSync(other, 'utf8'));
    problems.push(...checkAgainstOtherSet(questions, parsed.questions, path.basename(other)));
  }
  let documents = 0;
  if (!values['structure-only']) {
    const corpus = values.corpus ?? regionalCorpusFiles(values.data);
    const absent = corpus.filter((f) => !fs.existsSync(f));
    if (absent.length > 0)
      return usage(
        `Corpus file(s) not found: ${absent.join(', ')} (give --data DIR, the shared data folder, or --corpus FILE, or --structure-only)`,
      );
    const check = await checkAgainstCorpus(questions, corpus);
    documents = check.documents;
    problems.push(...check.problems);
  }
  const counts = KINDS.map(
    (k) => `${k} ${SPLITS.map((s) => questions.filter((q) => q.kind === k && q.split === s).length).join('+')}`,
  ).join(', ');
  console.log(
    `${questions.length} questions in ${path.basename(file)} (tune+holdout: ${counts})${documents ? `; checked against ${documents} documents` : ''}`,
  );
  if (problems.length === 0) {
    console.log(values['structure-only'] ? 'Structure OK (corpus checks skipped).' : 'All checks passed.');
    return 0;
  }
  for (const p of sortProblems(problems)) console.error(`${file}:${p.line} ${p.id}: ${p.message}`);
  console.error(`${problems.length} problem(s).`);
  return 1;
}

function sortProblems(problems: QuestionProblem[]): QuestionProblem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}

function usage(message: string): number {
  console.error(`${message}\n${USAGE}`);
  return 2;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
