import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createQaService } from '../../src/answer/qa-service.js';
import { ConnectionStatus } from '../../src/health/connection-status.js';
import { startHealthServer, type HealthServer } from '../../src/health/health-server.js';
import { log } from '../../src/log.js';
import { ingest } from '../../src/ingestion/ingest.js';
import { defaultConfig } from '../helpers/shipped-qa.js';
import { briefing, tempDir, writeCorpus } from '../helpers/operations-helpers.js';

describe('the health endpoint (HEALTH_PORT)', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function serve(
    files: Record<string, string>,
  ): Promise<{ url: string; server: HealthServer; close: () => Promise<void>; indexDir: string }> {
    const tmp = tempDir('health-');
    cleanups.push(tmp.cleanup);
    const corpus = path.join(tmp.dir, 'corpus');
    writeCorpus(corpus, files);
    const indexDir = path.join(tmp.dir, 'index');
    await ingest({ inputs: [corpus], indexDir, embedder: null });
    const qa = await createQaService(defaultConfig({ INDEX_DIR: indexDir }));
    let closed = false;
    const close = async () => {
      if (!closed) await qa.close();
      closed = true;
    };
    cleanups.push(close);
    const telegram = new ConnectionStatus('telegram', log);
    telegram.ok();
    const server = await startHealthServer(qa, { port: 0, host: '127.0.0.1', adapters: [telegram] });
    cleanups.push(() => server.close());
    return { url: `http://127.0.0.1:${server.port}/healthz`, server, close, indexDir };
  }

  it('reports ok with the document count and the time of the last ingestion', async () => {
    const before = Date.now();
    const { url } = await serve({ 'a.jsonl': `${briefing('a', 'Đắk Lắk', '100', 'v1')}\n${briefing('b', 'Gia Lai', '200', 'v1')}\n` });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', documents: 2, adapters: { telegram: { state: 'ok' } } });
    expect(Date.parse(String(body.lastIngestAt))).toBeGreaterThanOrEqual(before - 1000);
  });

  it('answers 503 with the reason when the index holds no documents', async () => {
    const { url } = await serve({ 'empty.txt': '' });
    const res = await fetch(url);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'error', error: expect.stringContaining('npm run ingest') });
  });

  it('answers 503 when the index can no longer be read', async () => {
    const { url, close } = await serve({ 'a.jsonl': `${briefing('a', 'Đắk Lắk', '100', 'v1')}\n` });
    await close();
    const res = await fetch(url);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'error', error: expect.stringContaining('index not readable') });
  });

  it('answers 404 elsewhere, so a mistyped probe path is noticed', async () => {
    const { url } = await serve({ 'a.jsonl': `${briefing('a', 'Đắk Lắk', '100', 'v1')}\n` });
    const res = await fetch(url.replace('/healthz', '/health'));
    expect(res.status).toBe(404);
  });

  it('refuses a port already in use with a message naming HEALTH_PORT', async () => {
    const { server } = await serve({ 'a.jsonl': `${briefing('a', 'Đắk Lắk', '100', 'v1')}\n` });
    await expect(
      startHealthServer(
        {
          stats: () => {
            throw new Error('unused');
          },
        },
        { port: server.port, host: '127.0.0.1' },
      ),
    ).rejects.toThrow(`HEALTH_PORT ${server.port} is already in use`);
  });
});
