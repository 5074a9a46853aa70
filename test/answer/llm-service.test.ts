import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEvent } from '../../src/answer/types.js';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fakes/fake-openai-server.js';
import { createShippedQa, ingestShippedCorpus } from '../helpers/shipped-qa.js';
import { runProgram } from '../helpers/operations-helpers.js';

const QUESTION = 'FDI tăng bao nhiêu?';

describe('written answers through the real service and CLI', () => {
  let fake: FakeOpenAi;
  let shipped: Awaited<ReturnType<typeof ingestShippedCorpus>>;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    shipped = await ingestShippedCorpus();
  });
  afterAll(async () => {
    await fake?.close();
    shipped?.cleanup();
  });

  it('a stream held open by keep-alive comments ends at LLM_DEADLINE_MS with the extractive answer', async () => {
    const { qa, close } = await createShippedQa({
      OPENAI_API_KEY: 'sk-test-000000',
      OPENAI_BASE_URL: fake.url,
      LLM_TIMEOUT_MS: 60_000,
      LLM_DEADLINE_MS: 500,
    });
    try {
      fake.script('keep-alive');
      const events: AnswerEvent[] = [];
      for await (const event of qa.askStream(QUESTION)) events.push(event);
      const final = events.at(-1);
      expect(final?.type).toBe('final');
      if (final?.type !== 'final') return;
      expect(final.answer.status).toBe('answered');
      expect(final.answer.mode.answer).toBe('extractive');
      expect(final.answer.answer).toContain('140,3%');
    } finally {
      await close();
    }
  }, 30_000);

  describe('OPENAI_BASE_URL with a user name and password', () => {
    const SECRET = 'pr0xy-S3cret';
    const basic = Buffer.from(`admin:${SECRET}`).toString('base64');
    /** `ask --json` against `serverUrl` with the credentials in the URL; fails if the secret shows anywhere. */
    async function askThrough(serverUrl: string) {
      const program = runProgram('src/cli/ask.ts', ['--json', QUESTION], {
        INDEX_DIR: shipped.indexDir,
        OPENAI_API_KEY: 'sk-local-anything',
        OPENAI_BASE_URL: serverUrl.replace('http://', `http://admin:${SECRET}@`),
        LOG_LEVEL: 'debug',
      });
      const { code } = await program.exited;
      expect(code).toBe(0);
      for (const text of [program.stdout(), program.stderr()]) {
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(basic);
      }
      return { answer: JSON.parse(program.stdout()) as unknown, stderr: program.stderr() };
    }

    it('sends them as Basic authentication and answers with the LLM; they appear nowhere in the output', async () => {
      const { answer } = await askThrough(fake.url);
      expect(answer).toMatchObject({ status: 'answered', mode: { answer: 'llm' } });
      expect(fake.requestsTo('chat/completions').at(-1)!.headers.authorization).toBe(`Basic ${basic}`);
    }, 60_000);

    it('when the server refuses and quotes the header back, the fallback is logged without the password', async () => {
      const strict = await startFakeOpenAi({ apiKey: 'sk-the-right-key' });
      try {
        const { answer, stderr } = await askThrough(strict.url);
        expect(answer).toMatchObject({ status: 'answered', mode: { answer: 'extractive' } });
        expect(stderr).toContain('llm-fallback');
        expect(stderr).toContain('401');
      } finally {
        await strict.close();
      }
    }, 60_000);
  });
});
