import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiEmbedder, type OpenAiEmbedderOptions } from '../../src/retrieval/embedders/openai-embedder.js';
import { OpenAiError } from '../../src/openai/errors.js';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fakes/fake-openai-server.js';

const KEY = 'sk-embed-0123456789';

let fake: FakeOpenAi;
beforeEach(async () => {
  fake = await startFakeOpenAi({ dimension: 48 });
});
afterEach(async () => {
  await fake.close();
});

function embedder(overrides: Partial<OpenAiEmbedderOptions> = {}) {
  return createOpenAiEmbedder({
    baseUrl: fake.url,
    apiKey: KEY,
    model: 'text-embedding-3-small',
    timeoutMs: 5_000,
    maxRetries: 2,
    ...overrides,
  });
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

async function rejection(promise: Promise<unknown>): Promise<OpenAiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OpenAiError);
  return error as OpenAiError;
}

describe('OpenAI-compatible embedder', () => {
  it('learns the vector size from a probe and records model and size in its id', async () => {
    const e = await embedder();
    expect(e.dimension).toBe(48);
    expect(e.modelId).toBe('openai:text-embedding-3-small:48');
    const [probe] = fake.requestsTo('embeddings');
    expect(probe!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(probe!.body.model).toBe('text-embedding-3-small');
  });

  it('asks for shorter vectors when dimensions is set', async () => {
    const e = await embedder({ dimensions: 16 });
    expect(e.dimension).toBe(16);
    expect((await e.embedQuery('FDI tăng bao nhiêu')).length).toBe(16);
    expect(fake.requestsTo('embeddings').every((r) => r.body.dimensions === 16)).toBe(true);
  });

  it('returns unit-length vectors even when the server does not normalise, similar texts closer', async () => {
    const e = await embedder();
    const [fdi, fdiAgain, tourism] = await e.embedPassages([
      'Thu hút đầu tư nước ngoài FDI đạt 3,055 tỷ USD',
      'FDI thu hút đầu tư nước ngoài tăng',
      'Số lượng khách du lịch đạt 6,2 triệu lượt',
    ]);
    for (const v of [fdi!, fdiAgain!, tourism!]) expect(Math.abs(dot(v, v) - 1)).toBeLessThan(1e-5);
    expect(dot(fdi!, fdiAgain!)).toBeGreaterThan(dot(fdi!, tourism!));
  });

  it('sends passages in batches and keeps them in input order', async () => {
    const e = await embedder({ batchSize: 4 });
    const texts = Array.from({ length: 10 }, (_, i) => `bản tin số ${i} về tỉnh thứ ${i * 7}`);
    const vectors = await e.embedPassages(texts);
    const batches = fake.requestsTo('embeddings').slice(1); // after the probe
    expect(batches.map((r) => r.body.input.length)).toEqual([4, 4, 2]);
    expect(batches.flatMap((r) => r.body.input)).toEqual(texts);
    expect(vectors).toHaveLength(10);
    expect([...vectors[7]!]).toEqual([...(await e.embedQuery(texts[7]!))]);
  });

  it('retries after a 429 and succeeds', async () => {
    const e = await embedder();
    fake.scriptEmbeddings({ status: 429, retryAfter: '0' });
    const [vector] = await e.embedPassages(['Hải Phòng']);
    expect(vector!.length).toBe(48);
    expect(fake.requestsTo('embeddings')).toHaveLength(3);
  });

  it("fails with the status and the server's message after repeated 500s, never the key", async () => {
    const e = await embedder({ maxRetries: 1 });
    fake.scriptEmbeddings({ status: 500, message: 'overloaded' }, { status: 500, message: 'overloaded' });
    const error = await rejection(e.embedPassages(['Hải Phòng']));
    expect(error).toMatchObject({ kind: 'http', status: 500 });
    expect(error.message).toContain('overloaded');
    expect(error.message).toContain(fake.url);
    expect(error.message).not.toContain(KEY);
  });

  it('times out a server that never answers', async () => {
    const e = await embedder({ timeoutMs: 200 });
    fake.scriptEmbeddings('hang');
    expect(await rejection(e.embedQuery('Hải Phòng'))).toMatchObject({ kind: 'timeout' });
  });

  it('reports a wrong key at creation, without echoing any key', async () => {
    await fake.close();
    fake = await startFakeOpenAi({ apiKey: 'sk-right-key-000' });
    const error = await rejection(embedder());
    expect(error).toMatchObject({ kind: 'http', status: 401 });
    expect(error.message).not.toContain(KEY);
  });
});
