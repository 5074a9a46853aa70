import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignSplits, checkAgainstOtherSet, checkStructure, KINDS, loadQuestionFile, SPLITS, type QuestionKind } from '../../src/cli/eval-questions.js';
import { containsSpan, normaliseDateForms, regionalCorpusFiles } from '../../src/cli/eval-data.js';
import { runProgram, runProgramSync, tempDir } from '../helpers/operations-helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHIPPED = path.join(ROOT, 'eval/regional-questions.jsonl');
const FIXTURES = path.join(ROOT, 'test/fixtures/regional');
const FIXTURE_QUESTIONS = path.join(FIXTURES, 'questions.jsonl');
const FIXTURE_CORPUS = [path.join(FIXTURES, 'news.jsonl'), path.join(FIXTURES, 'hai-phong-2023-10-19.txt')];

let tmp: { dir: string; cleanup: () => void };
beforeAll(() => {
  tmp = tempDir('regional-questions-');
});
afterAll(() => tmp?.cleanup());

/** Runs the question checker on a question file (fixture corpus unless told otherwise). */
function check(questionFile: string, extra: string[] = ['--skip-minimums', ...FIXTURE_CORPUS.flatMap((f) => ['--corpus', f])]) {
  return runProgramSync('scripts/check-questions.ts', ['--questions', questionFile, ...extra]);
}

/** A copy of the fixture question file with one line changed. */
function fixtureWith(name: string, edit: (lines: Array<Record<string, unknown>>) => void): string {
  const lines = fs
    .readFileSync(FIXTURE_QUESTIONS, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  edit(lines);
  const file = path.join(tmp.dir, name);
  fs.writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return file;
}

describe('the shipped regional question set', () => {
  it('is well-formed: unique ids, valid kinds, splits as hashed, every kind in both splits, at least 40 near misses', () => {
    const { questions, problems } = loadQuestionFile(SHIPPED);
    expect(problems).toEqual([]);
    expect(checkStructure(questions)).toEqual([]);
    expect(questions.length).toBeGreaterThanOrEqual(200);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    for (const kind of KINDS)
      for (const split of SPLITS)
        expect(
          questions.some((q) => q.kind === kind && q.split === split),
          `${kind} in ${split}`,
        ).toBe(true);
    expect(questions.filter((q) => q.kind === 'near_miss').length).toBeGreaterThanOrEqual(40);
    expect(fs.statSync(SHIPPED).size).toBeLessThan(300_000);
  });

  it('passes every check against the full corpus (skipped without the shared data folder)', (ctx) => {
    const corpus = regionalCorpusFiles(process.env.SHARED_DATA_DIR ?? path.join(ROOT, '../shared/data'));
    if (!corpus.every((f) => fs.existsSync(f))) {
      ctx.skip(`shared data not present at ${path.dirname(corpus[0]!)} (set SHARED_DATA_DIR to run this check)`);
      return;
    }
    const result = check(
      SHIPPED,
      corpus.flatMap((f) => ['--corpus', f]),
    );
    expect(result.stderr.split('\n').filter((l) => / problem|: /.test(l) && !/npm warn/.test(l))).toEqual([]);
    expect(result.stdout).toContain('All checks passed.');
    expect(result.status).toBe(0);
  }, 180_000);
});

describe('the second regional question set', () => {
  it('is well-formed, has every kind in both splits and repeats no id or question of the first set', () => {
    const second = loadQuestionFile(path.join(ROOT, 'eval/regional-questions-2.jsonl'));
    expect(second.problems).toEqual([]);
    expect(checkStructure(second.questions, { wholeSet: false })).toEqual([]);
    expect(second.questions.every((q) => q.id.startsWith('r2-'))).toBe(true);
    for (const kind of KINDS)
      for (const split of SPLITS) expect(second.questions.some((q) => q.kind === kind && q.split === split), `${kind} in ${split}`).toBe(true);
    expect(checkAgainstOtherSet(second.questions, loadQuestionFile(SHIPPED).questions, 'regional-questions.jsonl')).toEqual([]);
  });
});

describe('the split of a question set', () => {
  it('halves each kind by a seeded hash, and appending questions moves none of the earlier pairs', () => {
    const ids = (kind: QuestionKind, n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `${kind}-${String(i + 1).padStart(3, '0')}`, kind }));
    const before = assignSplits([...ids('place', 10), ...ids('who', 7)]);
    const tuneOf = (kind: string, splits: Map<string, string>) =>
      [...splits].filter(([id, s]) => id.startsWith(kind) && s === 'tune').length;
    expect(tuneOf('place', before)).toBe(5);
    expect([3, 4]).toContain(tuneOf('who', before));
    const after = assignSplits([...ids('place', 14), ...ids('who', 9)]);
    for (const [id, split] of before) if (id !== 'who-007') expect(after.get(id), id).toBe(split);
  });
});

describe('an answer span counted as found', () => {
  it('is found whole, in any case, but not inside a longer date or figure', () => {
    expect(containsSpan('HĐND thông qua đề án sáng nay (4/7).', ['4/7'])).toBe(true);
    expect(containsSpan('Khai mạc chiều ngày 14/7.', ['4/7'])).toBe(false);
    expect(containsSpan('Tỷ lệ đạt 96,57%.', ['96,5'])).toBe(false);
    expect(containsSpan('Ngày 19/10, hội nghị khai mạc.', ['ngày 19/10'])).toBe(true);
    expect(containsSpan('đón 2,5 triệu lượt khách', ['2,5 triệu lượt'])).toBe(true);
  });

  it('is the same date however the day is written: "sáng 27/2" holds "ngày 27/2", "30.6" holds "30/6", "27/02" holds "27/2"', () => {
    expect(containsSpan('Trước đó, sáng 27/2, TAND Hà Nội mở phiên xử.', ['ngày 27/2'])).toBe(true);
    expect(containsSpan('Sáng 30.6, chiếc xe buýt hai tầng đầu tiên chạy thử.', ['30/6'])).toBe(true);
    expect(containsSpan('Lễ hội bắt đầu từ ngày 27/02.', ['27/2'])).toBe(true);
    expect(containsSpan('Lễ hội bắt đầu từ ngày 8/7.', ['08/07'])).toBe(true);
    expect(containsSpan('Sự cố xảy ra chiều ngày 29/5.', ['29-5'])).toBe(true);
    expect(containsSpan('Khai mạc lúc 20h tối 17/6.', ['20h ngày 17/6'])).toBe(true);
    expect(normaliseDateForms('từ 1-1 đến hết 31-1-2017')).toBe('từ 1/1 đến hết 31/1/2017');
    // Still whole dates only, and a range or a figure is not taken for a date.
    expect(containsSpan('Khai mạc chiều ngày 14/7.', ['ngày 4/7'])).toBe(false);
    expect(containsSpan('Mỗi phòng 2-3 người.', ['2/3'])).toBe(false);
    expect(containsSpan('Doanh thu tăng 30.6 lần.', ['30/6'])).toBe(false);
    expect(containsSpan('Ngày 27/3, hội nghị khai mạc.', ['ngày 27/2'])).toBe(false);
  });
});

describe('npm run eval:check-questions', () => {
  it('passes a correct question file, saying how many questions of each kind are in each split', () => {
    const result = check(FIXTURE_QUESTIONS);
    expect(result.stdout).toContain('6 questions');
    expect(result.stdout).toContain('All checks passed.');
    expect(result.status).toBe(0);
  });

  it('rejects an answer span that is not in its article, naming the question and the article', () => {
    const file = fixtureWith('wrong-span.jsonl', (lines) => {
      lines[0]!.answer = '140,5%';
    });
    const result = check(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('place-001: answer "140,5%" is not in the text of hai-phong-2023-10-19');
  });

  it('points out an answer copied with other capitals, an unknown article and a near miss the corpus does answer', () => {
    const file = fixtureWith('several.jsonl', (lines) => {
      lines[2]!.answer = 'lê đức vinh';
      lines[3]!.article = 'baomoi-999';
      lines[4]!.absent = ['lượt khách', 'Quảng Ninh', '2017'];
    });
    const result = check(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'who-001: answer "lê đức vinh" is not in the text of baomoi-2 (it is there with other capitals or spaces: copy it exactly)',
    );
    expect(result.stderr).toContain('when-001: article baomoi-999 is not in the corpus');
    expect(result.stderr).toContain('near_miss-001: must be refused, but 1 document(s) contain lượt khách + Quảng Ninh + 2017: baomoi-1');
  });

  it('rejects a split set by hand, a repeated id and an unknown kind', () => {
    const file = fixtureWith('structure.jsonl', (lines) => {
      lines[0]!.split = lines[0]!.split === 'tune' ? 'holdout' : 'tune';
      lines[2]!.id = 'place-002';
      lines[5]!.kind = 'trivia';
    });
    const result = check(file, ['--structure-only', '--skip-minimums']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/place-001: split is "\w+" but the seeded hash puts it in "\w+"/);
    expect(result.stderr).toContain('place-002: id used twice');
    expect(result.stderr).toMatch(/:6 unanswerable-001: kind: /);
  });

  it('takes a later set\'s r2- ids, and with --other rejects an id or a question that the other set already has', () => {
    const file = fixtureWith('second-set.jsonl', (lines) => {
      for (const l of lines) l.id = `r2-${String(l.id)}`;
      lines[1]!.id = 'r2-who-009'; // a place question named after another kind
    });
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/"split":"\w+"/g, '"split":"tune"'));
    runProgramSync('scripts/check-questions.ts', ['--questions', file, '--structure-only', '--skip-minimums', '--write-splits']);
    const alone = check(file, ['--structure-only', '--skip-minimums']);
    expect(alone.stderr).toContain('r2-who-009: id should start with its kind "place-"');
    expect(alone.stderr.split('\n').filter((l) => l.includes(': ') && !l.includes('r2-who-009'))).toEqual([]);
    const other = fixtureWith('first-set.jsonl', (lines) => {
      lines[0]!.id = 'r2-place-001';
    });
    const both = check(file, ['--structure-only', '--skip-minimums', '--other', other]);
    expect(both.status).toBe(1);
    expect(both.stderr).toContain('r2-place-001: id also used in first-set.jsonl');
    expect(both.stderr).toMatch(/r2-when-001: same question as when-001 of first-set\.jsonl/);
  });

  it('asks for the minimum counts of a whole set unless told the file is a fixture', () => {
    const result = check(FIXTURE_QUESTIONS, ['--structure-only']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('0 questions of kind period, at least 10 expected');
    expect(result.stderr).toContain('no period question in the tune split');
  });
});

describe('npm run eval on a regional question set', () => {
  it('reports every kind separately, refusals for the kinds that must be refused, and reuses the built index', async () => {
    const corpus = FIXTURE_CORPUS.map((f) => path.join(tmp.dir, path.basename(f)));
    fs.writeFileSync(`${corpus[0]!}.gz`, zlib.gzipSync(fs.readFileSync(FIXTURE_CORPUS[0]!)));
    fs.copyFileSync(FIXTURE_CORPUS[1]!, corpus[1]!);
    const args = [
      '--suite',
      'regional',
      '--questions',
      FIXTURE_QUESTIONS,
      '--corpus',
      `${corpus[0]!}.gz`,
      '--corpus',
      corpus[1]!,
      '--split',
      'all',
      '--cache',
      path.join(tmp.dir, 'cache'),
      '--json',
    ];
    const first = runProgram('src/cli/eval.ts', args);
    const { code } = await first.exited;
    expect(first.stderr()).not.toContain('Error');
    expect(code).toBe(0);
    const report = JSON.parse(first.stdout()) as {
      suites: Array<{
        questions: number;
        rows: Array<{ kind: string; n: number; answerHit: number | null; refused: number }>;
        results: Array<{ id: string; ok: boolean }>;
      }>;
    };
    const suite = report.suites[0]!;
    expect(suite.questions).toBe(6);
    const row = (kind: string) => suite.rows.find((r) => r.kind === kind)!;
    expect(suite.rows.map((r) => r.kind)).toEqual(['place', 'who', 'when', 'near_miss', 'unanswerable', 'answerable', 'must refuse']);
    expect(row('place').n).toBe(2);
    expect(row('answerable').n).toBe(4);
    expect(row('must refuse').n).toBe(2);
    expect(row('near_miss').answerHit).toBeNull();
    expect(suite.results.find((r) => r.id === 'place-001')!.ok).toBe(true); // FDI tăng bao nhiêu → 140,3%
    expect(row('place').answerHit).toBeGreaterThanOrEqual(0.5);

    const again = runProgram('src/cli/eval.ts', [...args.slice(0, -1), '--split', 'holdout']);
    expect((await again.exited).code).toBe(0);
    expect(again.stderr()).toContain('0 documents (re)indexed');
    expect(again.stdout()).toMatch(/Regional questions \(holdout split\): 3 questions/);
    expect(again.stdout()).toMatch(/lexical\/extractive\s+must refuse\s+\d/);
  }, 120_000);

  it('says what is wrong with a --param that this answerer does not take', () => {
    const result = runProgramSync('src/cli/eval.ts', [
      '--suite',
      'regional',
      '--questions',
      FIXTURE_QUESTIONS,
      '--corpus',
      FIXTURE_CORPUS[0]!,
      '--param',
      'bogus',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--param takes name=value, not "bogus"');
  });
});
