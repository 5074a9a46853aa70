import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE, FakeDiscord } from '../helpers/fakes/fake-discord.js';
import { startFakeOpenAi } from '../helpers/fakes/fake-openai-server.js';
import { FakeTelegramApi, privateChat } from '../helpers/fakes/fake-telegram-api.js';
import { createQaService } from '../../src/answer/qa-service.js';
import { ingest } from '../../src/ingestion/ingest.js';
import { defaultConfig, ingestShippedCorpus } from '../helpers/shipped-qa.js';
import { briefing, eventually, runProgram, tempDir, writeCorpus, type RunningProgram } from '../helpers/operations-helpers.js';

const TELEGRAM_TOKEN = '123456789:AAH-shutdown_tests_token_0123456789';
const DISCORD_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.GfAkEt.fake-token-for-tests-only-000000';
/** What every entry point promises: gone within this long after SIGTERM/SIGINT, whatever it was doing. */
const STOP_BOUND_MS = 10_000;

/**
 * Sends `signal` and waits up to {@link STOP_BOUND_MS} for the program to exit by itself; a program
 * still running then is killed, and `killed` says so (the promise was broken).
 */
async function stop(program: RunningProgram, signal: NodeJS.Signals = 'SIGTERM') {
  program.child.kill(signal);
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    program.child.kill('SIGKILL');
  }, STOP_BOUND_MS);
  const exit = await program.exited;
  clearTimeout(timer);
  return { ...exit, killed };
}

function events(program: RunningProgram): Array<Record<string, any>> {
  return program
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, any>);
}

describe('shutdown never hangs', () => {
  let shipped: Awaited<ReturnType<typeof ingestShippedCorpus>>;
  beforeAll(async () => {
    shipped = await ingestShippedCorpus();
  });
  afterAll(() => shipped?.cleanup());

  it("the Discord bot stops on SIGTERM while Discord's gateway is unreachable (still connecting)", async () => {
    const discord = await new FakeDiscord().start();
    discord.gatewayDown = true;
    const program = runProgram('src/app/discord-main.ts', [], {
      INDEX_DIR: shipped.indexDir,
      DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: FAKE.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      LOG_LEVEL: 'info',
    });
    try {
      await eventually(() => (discord.gatewayAttempts > 0 ? true : undefined), 'a first attempt to connect to the gateway');
      const exit = await stop(program);
      expect(exit.killed).toBe(false);
      expect(exit.code).toBe(0);
    } finally {
      program.child.kill('SIGKILL');
      await discord.close();
    }
  }, 90_000);

  it('npm start stops on SIGINT while Telegram runs and Discord keeps reconnecting', async () => {
    const { telegram, discord, env } = await fakeChats(shipped.indexDir);
    const program = runProgram('src/app/start.ts', [], {
      ...env,
      LOG_LEVEL: 'info',
    });
    try {
      await program.waitForOutput(/Started .*\n/);
      discord.dropGateway();
      await eventually(
        () => events(program).find((e) => e.event === 'connection-lost' && e.adapter === 'discord'),
        'the Discord outage to be noticed',
      );
      const exit = await stop(program, 'SIGINT');
      expect(exit.killed).toBe(false);
      expect(exit.code).toBe(0);
      expect(program.stdout()).toContain('Stopped.');
    } finally {
      program.child.kill('SIGKILL');
      await telegram.close();
      await discord.close();
    }
  }, 90_000);

  it('the Telegram bot stops on SIGTERM in the middle of an answer the LLM never finishes', async () => {
    const telegram = new FakeTelegramApi(TELEGRAM_TOKEN);
    const apiRoot = await telegram.start();
    const llm = await startFakeOpenAi();
    llm.script('hang', 'hang', 'hang');
    const program = runProgram('src/app/telegram-main.ts', [], {
      INDEX_DIR: shipped.indexDir,
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      OPENAI_API_KEY: 'sk-test-000000',
      OPENAI_BASE_URL: llm.url,
      LLM_TIMEOUT_MS: '600000',
      LLM_DEADLINE_MS: '600000',
    });
    try {
      await program.waitForOutput(/Started .*\n/);
      const { chat, user } = privateChat(777);
      telegram.sendText(chat, user, 'FDI tăng bao nhiêu?');
      await eventually(() => (llm.requestsTo('chat/completions').length > 0 ? true : undefined), 'the question to reach the LLM');
      const exit = await stop(program);
      expect(exit.killed).toBe(false);
      expect(exit.code).toBe(0);
    } finally {
      program.child.kill('SIGKILL');
      await telegram.close();
      await llm.close();
    }
  }, 90_000);

  it('the Telegram bot stops on SIGTERM during /reindex, and its ingestion child goes with it', async () => {
    const telegram = new FakeTelegramApi(TELEGRAM_TOKEN);
    const apiRoot = await telegram.start();
    const admin = privateChat(4242);
    const program = runProgram('src/app/telegram-main.ts', [], {
      INDEX_DIR: shipped.indexDir,
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      TELEGRAM_ADMIN_IDS: String(admin.user.id),
      // The ingestion child takes the index lock, then waits there for ever.
      INGEST_TEST_PAUSE_AT: 'locked',
    });
    const lock = path.join(shipped.indexDir, 'ingest.lock');
    try {
      await program.waitForOutput(/Started .*\n/);
      telegram.sendText(admin.chat, admin.user, '/reindex');
      const childPid = await eventually(
        () => (fs.existsSync(lock) ? Number.parseInt(fs.readFileSync(lock, 'utf8').match(/\d+/)?.[0] ?? '', 10) : undefined),
        'the reindex child to lock the index',
      );
      const exit = await stop(program);
      expect(exit.killed).toBe(false);
      expect(exit.code).toBe(0);
      expect(() => process.kill(childPid, 0)).toThrow(); // the child is gone too
    } finally {
      program.child.kill('SIGKILL');
      await telegram.close();
      fs.rmSync(lock, { force: true });
    }
  }, 90_000);

  it('npm run ingest -- --watch stops on SIGTERM in the middle of an ingestion, which is rolled back', async () => {
    const tmp = tempDir('watch-stop-');
    const corpus = path.join(tmp.dir, 'corpus');
    const indexDir = path.join(tmp.dir, 'index');
    const files = (figure: string, version: string) => ({
      'a.jsonl': `${briefing('tin-a', 'Gia Lai', figure, version)}\n`,
      'b.jsonl': `${briefing('tin-b', 'Kon Tum', figure, version)}\n`,
    });
    try {
      writeCorpus(corpus, files('100', 'v1'));
      await ingest({ inputs: [corpus], indexDir, embedder: null });
      writeCorpus(corpus, files('200', 'v2'));
      // The watcher's first run writes a.jsonl's new version inside its transaction, then waits there for ever.
      const program = runProgram('src/cli/ingest.ts', [corpus, '--index', indexDir, '--watch'], { INGEST_TEST_PAUSE_AT: 'file-written' });
      try {
        await program.waitForOutput(/INGEST_PAUSED_AT file-written/);
        const exit = await stop(program);
        expect(exit.killed).toBe(false);
        expect(exit.code).toBe(0);
        expect(program.stdout()).toContain('Stopped watching.');
      } finally {
        program.child.kill('SIGKILL');
      }
      expect(fs.existsSync(path.join(indexDir, 'ingest.lock'))).toBe(false);
      // The interrupted run changed nothing: the index answers from its last completed run.
      const qa = await createQaService(defaultConfig({ INDEX_DIR: indexDir }));
      try {
        const answer = await qa.ask('Sản lượng cà phê của Gia Lai là bao nhiêu?');
        expect(answer.passages[0]?.text).toContain('đạt 100 tấn');
      } finally {
        await qa.close();
      }
      // And the next run does the work.
      expect((await ingest({ inputs: [corpus], indexDir, embedder: null })).updated).toBe(2);
    } finally {
      tmp.cleanup();
    }
  }, 90_000);

  describe('the lifecycle itself', () => {
    it('a stop that hangs is cut short after the grace period, saying so', async () => {
      const program = runProgram('test/helpers/lifecycle-program.ts', [], { LIFECYCLE_GRACE_MS: '500', LOG_LEVEL: 'info' });
      await program.waitForOutput(/READY/);
      const exit = await stop(program);
      expect(exit.killed).toBe(false);
      expect(exit.code).toBe(1);
      expect(events(program).some((e) => e.event === 'stop-timeout')).toBe(true);
    }, 60_000);

    it('a second signal exits at once', async () => {
      const program = runProgram('test/helpers/lifecycle-program.ts', [], { LIFECYCLE_GRACE_MS: '600000', LOG_LEVEL: 'info' });
      await program.waitForOutput(/READY/);
      program.child.kill('SIGTERM');
      await eventually(() => events(program).find((e) => e.event === 'shutdown'), 'the first signal to be handled');
      const exit = await stop(program, 'SIGINT');
      expect(exit.killed).toBe(false);
      expect(exit.code).toBe(130);
    }, 60_000);
  });
});

describe('/healthz tells the truth about the chat connections', () => {
  let shipped: Awaited<ReturnType<typeof ingestShippedCorpus>>;
  beforeAll(async () => {
    shipped = await ingestShippedCorpus();
  });
  afterAll(() => shipped?.cleanup());

  it('reports an outage (503 past the grace period), then the recovery, each logged once', async () => {
    const { telegram, discord, env } = await fakeChats(shipped.indexDir);
    const program = runProgram('src/app/start.ts', [], {
      ...env,
      HEALTH_PORT: '0',
      HEALTH_ADAPTER_GRACE_SECONDS: '1',
      LOG_LEVEL: 'info',
    });
    const health = async () => {
      const res = await fetch(url);
      return {
        status: res.status,
        body: (await res.json()) as { status: string; error?: string; adapters: Record<string, { state: string; since: string }> },
      };
    };
    let url = '';
    try {
      url = (await program.waitForOutput(/health check at (http:\S+healthz)/))[1]!;
      expect(await health()).toMatchObject({ status: 200, body: { adapters: { telegram: { state: 'ok' }, discord: { state: 'ok' } } } });

      discord.dropGateway();
      const down = await eventually(async () => {
        const h = await health();
        return h.status === 503 ? h : undefined;
      }, 'a 503 while Discord is unreachable');
      expect(down.body.adapters.discord!.state).toBe('reconnecting');
      expect(Number.isNaN(Date.parse(down.body.adapters.discord!.since))).toBe(false);
      expect(down.body.adapters.telegram!.state).toBe('ok');
      expect(down.body.error).toContain('discord');

      discord.gatewayDown = false;
      await eventually(async () => ((await health()).status === 200 ? true : undefined), 'a 200 once Discord is back');
      expect((await health()).body.adapters.discord!.state).toBe('ok');

      const discordEvents = () => events(program).filter((e) => e.adapter === 'discord' && String(e.event).startsWith('connection-'));
      expect(discordEvents().map((e) => e.event)).toEqual(['connection-lost', 'connection-restored']);
    } finally {
      program.child.kill('SIGKILL');
      await telegram.close();
      await discord.close();
    }
  }, 120_000);

  it('notices a Telegram outage at the first failed poll, and the recovery', async () => {
    const telegram = new FakeTelegramApi(TELEGRAM_TOKEN);
    const apiRoot = await telegram.start();
    const program = runProgram('src/app/telegram-main.ts', [], {
      INDEX_DIR: shipped.indexDir,
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      HEALTH_PORT: '0',
      LOG_LEVEL: 'info',
    });
    try {
      const url = (await program.waitForOutput(/health check at (http:\S+healthz)/))[1]!;
      telegram.failNext('getUpdates', 502, 'Bad Gateway');
      const lost = await eventually(
        () => events(program).find((e) => e.event === 'connection-lost' && e.adapter === 'telegram'),
        'the outage to be logged',
      );
      expect(lost.reason).toContain('502');
      await eventually(
        () => events(program).find((e) => e.event === 'connection-restored' && e.adapter === 'telegram'),
        'the recovery to be logged',
      );
      const body = (await (await fetch(url)).json()) as { adapters: Record<string, { state: string }> };
      expect(body.adapters.telegram!.state).toBe('ok');
      expect(events(program).filter((e) => e.event === 'connection-lost')).toHaveLength(1);
    } finally {
      program.child.kill('SIGKILL');
      await telegram.close();
    }
  }, 90_000);
});

/** A fake Telegram and a fake Discord, and the environment that points `npm start` at both. */
async function fakeChats(indexDir: string): Promise<{ telegram: FakeTelegramApi; discord: FakeDiscord; env: Record<string, string> }> {
  const telegram = new FakeTelegramApi(TELEGRAM_TOKEN);
  const apiRoot = await telegram.start();
  const discord = await new FakeDiscord().start();
  const env = {
    INDEX_DIR: indexDir,
    TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    DISCORD_TOKEN,
    DISCORD_APPLICATION_ID: FAKE.applicationId,
    DISCORD_API_URL: discord.apiUrl,
  };
  return { telegram, discord, env };
}
