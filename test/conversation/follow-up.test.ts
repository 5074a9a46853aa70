import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmCondenser } from '../../src/conversation/condense.js';
import { Conversations } from '../../src/conversation/conversations.js';
import { resolveOffline, type Turn } from '../../src/conversation/follow-up.js';
import { ConversationMemory } from '../../src/conversation/memory.js';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fakes/fake-openai-server.js';
import { FakeQaService } from '../helpers/fakes/fake-qa-service.js';

/** Asks `questions` in one conversation, offline; returns how each was understood. */
function conversation(questions: string[]): string[] {
  let previous: Turn | undefined;
  return questions.map((q) => {
    const resolved = resolveOffline(q, previous);
    previous = { question: resolved.question, frame: resolved.frame };
    return resolved.question;
  });
}

describe('follow-up questions, offline', () => {
  it('"Còn … thì sao?" keeps place and period and changes the subject; "Thế còn …?" changes the place; "Năm … thì sao?" the period', () => {
    expect(
      conversation([
        'Hải Phòng đón bao nhiêu lượt khách du lịch 9 tháng năm 2023?',
        'Còn xuất khẩu thì sao?',
        'Thế còn Đà Nẵng?',
        'Năm 2016 thì sao?',
      ]),
    ).toEqual([
      'Hải Phòng đón bao nhiêu lượt khách du lịch 9 tháng năm 2023?',
      'Xuất khẩu là bao nhiêu ở Hải Phòng trong 9 tháng đầu năm 2023?',
      'Xuất khẩu là bao nhiêu ở Đà Nẵng trong 9 tháng đầu năm 2023?',
      'Xuất khẩu là bao nhiêu ở Đà Nẵng năm 2016?',
    ]);
  });

  it('takes a bare place or period as a follow-up too', () => {
    expect(conversation(['FDI của Hải Phòng tăng bao nhiêu?', 'Đà Nẵng?'])[1]).toBe('FDI tăng bao nhiêu ở Đà Nẵng?');
  });

  it('keeps a follow-up typed without diacritics unmarked, so it matches as typed', () => {
    expect(conversation(['FDI cua Hai Phong tang bao nhieu?', 'the con da nang?'])[1]).toBe('FDI tang bao nhieu o Da Nang?');
  });

  it('never rewrites a self-contained question, nor the first one', () => {
    expect(conversation(['Còn xuất khẩu thì sao?'])).toEqual(['Còn xuất khẩu thì sao?']);
    expect(conversation(['FDI của Hải Phòng tăng bao nhiêu?', 'GRDP của Đà Nẵng tăng bao nhiêu?', 'Có tin gì mới?'])).toEqual([
      'FDI của Hải Phòng tăng bao nhiêu?',
      'GRDP của Đà Nẵng tăng bao nhiêu?',
      'Có tin gì mới?',
    ]);
    // "Còn bao nhiêu" is "how many remain", not "and what about".
    expect(conversation(['FDI của Đà Nẵng 9 tháng năm 2023 đạt bao nhiêu?', 'Còn bao nhiêu dự án chưa hoàn thành ở Hải Phòng?'])[1]).toBe(
      'Còn bao nhiêu dự án chưa hoàn thành ở Hải Phòng?',
    );
    expect(conversation(['FDI của Đà Nẵng 9 tháng năm 2023 đạt bao nhiêu?', 'Còn xuất khẩu?'])[1]).toBe(
      'Xuất khẩu là bao nhiêu ở Đà Nẵng trong 9 tháng đầu năm 2023?',
    );
  });
});

describe('conversation memory', () => {
  it('keeps the last 3 questions, forgets after the time to live, and bounds the number of conversations', () => {
    let now = 0;
    const memory = new ConversationMemory({ ttlMs: 1000, maxConversations: 2, turns: 3 }, () => now);
    const turn = (question: string): Turn => ({ question, frame: resolveOffline(question, undefined).frame });
    for (const q of ['một?', 'hai?', 'ba?', 'bốn?']) memory.remember('a', turn(q));
    expect(memory.recall('a').map((t) => t.question)).toEqual(['hai?', 'ba?', 'bốn?']);
    expect(memory.recall('nobody')).toEqual([]);
    memory.remember('b', turn('b?'));
    memory.remember('a', turn('năm?'));
    memory.remember('c', turn('c?'));
    // 'b' was the least recently active of the three.
    expect(memory.recall('b')).toEqual([]);
    expect(memory.size).toBe(2);
    now = 999;
    expect(memory.recall('c')).toHaveLength(1);
    now = 2000;
    expect(memory.recall('c')).toEqual([]);
  });
});

describe('follow-up questions with an LLM configured', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(() => fake?.close());

  async function askTwice(second: string, reply: string | null): Promise<{ asked: string[]; understoodAs: string | null }> {
    const qa = new FakeQaService();
    const condenser = createLlmCondenser({ baseUrl: fake.url, apiKey: 'sk-test', model: 'fake', timeoutMs: 2000, maxRetries: 0 });
    if (reply === null) fake.script({ status: 500 });
    else fake.script({ reply });
    const conversations = new Conversations(qa, new ConversationMemory(), condenser);
    for await (const _ of conversations.ask('k', 'Hải Phòng đón bao nhiêu lượt khách du lịch 9 tháng năm 2023?'));
    let understoodAs: string | null = null;
    for await (const event of conversations.ask('k', second)) if (event.type === 'final') understoodAs = event.understoodAs;
    return { asked: qa.questions, understoodAs };
  }

  it('condenses the follow-up into a standalone question with the LLM, given the earlier questions', async () => {
    const before = fake.requests.length;
    const { asked, understoodAs } = await askTwice(
      'Còn xuất khẩu thì sao?',
      'Kim ngạch xuất khẩu của Hải Phòng 9 tháng năm 2023 là bao nhiêu?',
    );
    expect(understoodAs).toBe('Kim ngạch xuất khẩu của Hải Phòng 9 tháng năm 2023 là bao nhiêu?');
    expect(asked[1]).toBe(understoodAs);
    const sent = JSON.stringify(fake.requests.slice(before).map((r) => r.body));
    expect(sent).toContain('Hải Phòng đón bao nhiêu lượt khách du lịch 9 tháng năm 2023?');
    expect(sent).toContain('Còn xuất khẩu thì sao?');
  });

  it('falls back to slot filling when the LLM changes the place or the period, or fails', async () => {
    const wrongPlace = await askTwice('Còn xuất khẩu thì sao?', 'Kim ngạch xuất khẩu của Đà Nẵng 9 tháng năm 2023 là bao nhiêu?');
    expect(wrongPlace.understoodAs).toBe('Xuất khẩu là bao nhiêu ở Hải Phòng trong 9 tháng đầu năm 2023?');
    const failed = await askTwice('Thế còn Đà Nẵng?', null);
    expect(failed.understoodAs).toBe('Đón bao nhiêu lượt khách du lịch ở Đà Nẵng trong 9 tháng đầu năm 2023?');
  });

  it('does not ask the LLM about a self-contained question', async () => {
    const before = fake.requests.length;
    const { understoodAs } = await askTwice('FDI của Đà Nẵng đạt bao nhiêu?', 'should not be used');
    expect(understoodAs).toBeNull();
    expect(fake.requests.length).toBe(before);
  });
});
