import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteFeedbackStore } from '../../src/conversation/feedback-store.js';
import { makeAnswer } from '../helpers/fakes/fake-qa-service.js';
import { briefingsQa } from '../helpers/briefing-index.js';
import { runProgram } from '../helpers/operations-helpers.js';
import { CITY_REPORTS } from '../helpers/conversation-briefings.js';

let index: Awaited<ReturnType<typeof briefingsQa>>;
beforeAll(async () => {
  index = await briefingsQa('cli-chat-', CITY_REPORTS);
});
afterAll(() => index?.close());

describe('npm run ask -- --chat', () => {
  it('holds a conversation in the terminal, one question per line; an empty line starts afresh', async () => {
    const program = runProgram('src/cli/ask.ts', ['--chat', '--index', index.indexDir], { EMBEDDINGS: 'none' });
    program.child.stdin.end(
      [
        'Hải Phòng đón bao nhiêu lượt khách du lịch 9 tháng năm 2023?',
        'Còn xuất khẩu thì sao?',
        'Thế còn Đà Nẵng?',
        '',
        'Thế còn Đà Nẵng?',
        '',
      ].join('\n'),
    );
    const { code } = await program.exited;
    expect(code).toBe(0);
    const out = program.stdout();
    expect(out).toContain(
      '(Hiểu là: Xuất khẩu là bao nhiêu ở Hải Phòng trong 9 tháng đầu năm 2023?)\nKim ngạch xuất khẩu của thành phố đạt 20,5 tỷ USD',
    );
    expect(out).toContain(
      '(Hiểu là: Xuất khẩu là bao nhiêu ở Đà Nẵng trong 9 tháng đầu năm 2023?)\nKim ngạch xuất khẩu hàng hoá của Đà Nẵng đạt 1,2 tỷ USD',
    );
    // Two rewritten, not three: after the empty line, "Thế còn Đà Nẵng?" has nothing to lean on.
    expect(out.match(/Hiểu là/g)).toHaveLength(2);
  });

  it('adds how a follow-up was understood to the JSON of --json', async () => {
    const program = runProgram('src/cli/ask.ts', ['--chat', '--json', '--index', index.indexDir], { EMBEDDINGS: 'none' });
    program.child.stdin.end('FDI của Hải Phòng tăng bao nhiêu?\nThế còn Đà Nẵng?\n');
    await program.exited;
    const [first, second] = program
      .stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { understoodAs?: string; answer: string });
    expect(first!.understoodAs).toBeUndefined();
    expect(second!.understoodAs).toBe('FDI tăng bao nhiêu ở Đà Nẵng?');
  });
});

describe('npm run feedback', () => {
  it('lists the latest votes as a table with the totals, question text only when it was kept', async () => {
    const store = SqliteFeedbackStore.open(index.indexDir, { keepQuestions: true });
    const id = store.saveAnswer(
      makeAnswer({
        question: 'FDI của Hải Phòng tăng bao nhiêu?',
        citations: [{ n: 1, docId: 'hai-phong-9-thang', title: 'T', source: null, url: null, date: null, text: 'x' }],
      }),
    );
    store.vote(id, 'telegram:1', 'up');
    store.vote(id, 'telegram:2', 'down');
    store.vote(id, 'telegram:2', 'up');
    store.close();
    // Times are shown in Vietnam's time zone unless TZ names another.
    const program = runProgram('src/cli/feedback.ts', ['--index', index.indexDir], { TZ: '' });
    const { code } = await program.exited;
    expect(code).toBe(0);
    const lines = program.stdout().trim().split('\n');
    expect(lines[0]).toBe('👍 2 · 👎 0 (👎 0%)');
    expect(lines[1]).toMatch(/^time\s+vote\s+question\s+briefings cited$/);
    expect(lines.slice(2)).toHaveLength(2);
    for (const row of lines.slice(2))
      expect(row).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d \(GMT\+7\)\s+👍\s+FDI của Hải Phòng tăng bao nhiêu\?\s+hai-phong-9-thang$/);
  });

  it('says so when nobody has voted yet, and refuses a bad --limit with the usage', async () => {
    const empty = runProgram('src/cli/feedback.ts', ['--index', `${index.indexDir}-nowhere`]);
    expect((await empty.exited).code).toBe(0);
    expect(empty.stdout()).toContain('No feedback yet');
    const bad = runProgram('src/cli/feedback.ts', ['--limit', 'many']);
    expect((await bad.exited).code).toBe(2);
    expect(bad.stderr()).toContain('--limit must be a whole number');
  });
});
