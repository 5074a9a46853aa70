import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE, FakeDiscord } from '../helpers/fakes/fake-discord.js';
import { FakeTelegramApi, privateChat } from '../helpers/fakes/fake-telegram-api.js';
import { ingestShippedCorpus } from '../helpers/shipped-qa.js';
import { eventually, freePort, runProgram } from '../helpers/operations-helpers.js';

const TELEGRAM_TOKEN = '123456789:AAH-start_all_adapters_token_012345';
const DISCORD_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.GfAkEt.fake-token-for-tests-only-000000';

describe('npm start', () => {
  let shipped: Awaited<ReturnType<typeof ingestShippedCorpus>>;
  let indexDir: string;

  beforeAll(async () => {
    shipped = await ingestShippedCorpus();
    indexDir = shipped.indexDir;
  });
  afterAll(() => shipped?.cleanup());

  it('runs Telegram and Discord together over one index, serves /healthz, answers, and stops cleanly on SIGTERM', async () => {
    const telegram = new FakeTelegramApi(TELEGRAM_TOKEN);
    const apiRoot = await telegram.start();
    const discord = await new FakeDiscord().start();
    const port = await freePort();
    const program = runProgram('src/app/start.ts', [], {
      INDEX_DIR: indexDir,
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: FAKE.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      HEALTH_PORT: String(port),
      LOG_LEVEL: 'info',
    });
    try {
      const started = await program.waitForOutput(/Started .*\n/);
      expect(started[0]).toContain('Telegram (@tinvung_bot, polling)');
      expect(started[0]).toContain('Discord');
      expect(started[0]).toContain(`http://127.0.0.1:${port}/healthz`);

      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const body = (await health.json()) as {
        status: string;
        documents: number;
        lastIngestAt: string;
        adapters: Record<string, { state: string }>;
      };
      expect(body.status).toBe('ok');
      expect(body.documents).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(body.lastIngestAt))).toBe(false);
      expect(body.adapters).toMatchObject({ telegram: { state: 'ok' }, discord: { state: 'ok' } });

      // Both adapters answer from the same core.
      const { chat, user } = privateChat(555);
      telegram.sendText(chat, user, 'FDI tăng bao nhiêu?');
      await telegram.waitFor(
        (calls) => calls.some((c) => /^(sendMessage|editMessageText)$/.test(c.method) && String(c.payload.text).includes('140,3%')),
        'a Telegram answer citing 140,3%',
      );
      const interaction = discord.slashCommand('ask', { question: 'FDI tăng bao nhiêu?' });
      const edit = await discord.waitForCall(
        (c) => c.method === 'PATCH' && c.path.endsWith(`${interaction.token}/messages/@original`),
        30_000,
      );
      expect(edit.body.content).toContain('140,3%');

      // One structured log line per question, with the chat kind, status, mode, hits and timings,
      // and neither the private question's text nor any token.
      const questionLines = () =>
        program
          .stderr()
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, any>)
          .filter((e) => e.event === 'question');
      const lines = await eventually(() => (questionLines().length >= 2 ? questionLines() : undefined), 'two question log lines');
      expect(lines.map((l) => l.chat).sort()).toEqual(['discord', 'private']);
      for (const line of lines) {
        expect(line).toMatchObject({ status: 'answered', mode: { retrieval: 'lexical', answer: 'extractive' } });
        expect(line.hits).toBeGreaterThan(0);
        // The answer's own timings: its total includes the retrieval.
        expect(line.timings.totalMs).toBeGreaterThanOrEqual(line.timings.retrieveMs);
        expect(line.timings.retrieveMs).toBeGreaterThan(0);
        expect(line).not.toHaveProperty('question');
      }
      expect(program.stderr()).not.toContain('FDI tăng');
      expect(program.stderr()).not.toContain(TELEGRAM_TOKEN.split(':')[1]);
      expect(program.stderr()).not.toContain(DISCORD_TOKEN);
      // The answers came from the answer threads a bot starts, not from a fallback after they failed.
      expect(program.stderr()).not.toContain('answer-threads-off');

      program.child.kill('SIGTERM');
      const exit = await program.exited;
      expect(exit.code).toBe(0);
      expect(program.stdout()).toContain('Stopped.');
      // The health endpoint went away with the process.
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      program.child.kill('SIGKILL');
      await telegram.close();
      await discord.close();
    }
  }, 90_000);

  it('starts only the adapter whose token is set, and says so', async () => {
    const telegram = new FakeTelegramApi(TELEGRAM_TOKEN);
    const apiRoot = await telegram.start();
    const program = runProgram('src/app/start.ts', [], {
      INDEX_DIR: indexDir,
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
    });
    try {
      const started = await program.waitForOutput(/Started .*\n/);
      expect(started[0]).toContain('Telegram');
      expect(started[0]).not.toContain('Discord');
      expect(started[0]).not.toContain('healthz');
      program.child.kill('SIGINT');
      expect((await program.exited).code).toBe(0);
    } finally {
      program.child.kill('SIGKILL');
      await telegram.close();
    }
  }, 60_000);

  it('with no bot token set, names the variables to set and exits with an error', async () => {
    const program = runProgram('src/app/start.ts', [], { INDEX_DIR: indexDir });
    const exit = await program.exited;
    expect(exit.code).not.toBe(0);
    expect(program.stderr()).toMatch(/TELEGRAM_BOT_TOKEN and\/or DISCORD_TOKEN/);
    expect(program.stderr()).not.toMatch(/\n\s+at /); // a message, not a stack trace
  }, 60_000);

  it('with a malformed token, fails in one line naming the variable, before connecting anywhere', async () => {
    const program = runProgram('src/app/start.ts', [], { INDEX_DIR: indexDir, TELEGRAM_BOT_TOKEN: 'not-a-token' });
    const exit = await program.exited;
    expect(exit.code).not.toBe(0);
    expect(program.stderr()).toMatch(/TELEGRAM_BOT_TOKEN is invalid/);
    expect(program.stderr()).not.toContain('not-a-token');
  }, 60_000);
});
