import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaService } from '../../src/answer/qa-service-types.js';
import type { Answer } from '../../src/answer/types.js';
import { MAX_QUESTION_LENGTH, questionProblem } from '../../src/answer/validate-question.js';
import { createShippedQa } from '../helpers/shipped-qa.js';

/** A real question padded with real words to exactly `length` characters. */
function questionOfLength(length: number): string {
  const base = 'FDI của Hải Phòng tăng bao nhiêu trong chín tháng năm 2023 so với cùng kỳ';
  let q = base;
  while (q.length < length) q += ` ${base}`;
  return q.slice(0, length).replace(/\s$/, 'x');
}

describe('which questions can be asked', () => {
  it('accepts an ordinary question, with or without accents, or just a figure', () => {
    expect(questionProblem('FDI tăng bao nhiêu?')).toBeNull();
    expect(questionProblem('fdi tang bao nhieu')).toBeNull();
    expect(questionProblem('140,3%')).toBeNull();
  });

  it.each([
    ['an empty question', ''],
    ['only spaces', '    '],
    ['only line breaks and tabs', '\n\t\r\n'],
    ['only punctuation', '??? ...'],
    ['only an emoji', '🙂'],
  ])('refuses %s with a message that shows how to ask', (_, question) => {
    const problem = questionProblem(question);
    expect(problem).toBeTruthy();
    expect(problem).toMatch(/ví dụ/); // every refusal of this kind gives an example question
  });

  it(`accepts ${MAX_QUESTION_LENGTH} characters and refuses one more, saying what the limit is`, () => {
    expect(MAX_QUESTION_LENGTH).toBe(1000);
    expect(questionProblem(questionOfLength(1000))).toBeNull();
    expect(questionProblem(`   ${questionOfLength(1000)}\n`)).toBeNull(); // surrounding blanks do not count
    const problem = questionProblem(questionOfLength(1001));
    expect(problem).toContain('1001');
    expect(problem).toContain('1000');
  });
});

describe('asking the service a question that cannot be asked', () => {
  let shipped: Awaited<ReturnType<typeof createShippedQa>>;
  let qa: QaService;
  beforeAll(async () => {
    shipped = await createShippedQa();
    qa = shipped.qa;
  });
  afterAll(async () => shipped?.close());

  const cases = [
    ['empty', ''],
    ['whitespace', ' \t \n '],
    ['over-long', questionOfLength(5000)],
  ] as const;

  it.each(cases)('%s: status invalid with the clear message, nothing retrieved or cited', async (_, question) => {
    const answer = await qa.ask(question);
    expect(answer).toMatchObject({ question, status: 'invalid', answer: questionProblem(question), citations: [], passages: [] });
  });

  it.each(cases)('%s: streamed, the same single final answer', async (_, question) => {
    const events = [];
    for await (const event of qa.askStream(question)) events.push(event);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'final', answer: { status: 'invalid', answer: questionProblem(question) } });
  });

  it('keeps answering normally after refusing questions', async () => {
    const refused = await qa.ask('');
    const answered: Answer = await qa.ask('FDI tăng bao nhiêu?');
    expect(refused.status).toBe('invalid');
    expect(answered.status).not.toBe('invalid');
    expect(answered.passages.length).toBeGreaterThan(0);
  });
});
