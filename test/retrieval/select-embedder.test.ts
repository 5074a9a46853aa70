import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCoreConfig } from '../../src/config/core-config.js';
import type { LocalEmbedder } from '../../src/retrieval/embedders/local-embedder.js';
import { EmbeddingsUnavailableError, selectEmbedder } from '../../src/retrieval/embedders/select-embedder.js';
import { VectorIndex, VectorIndexFileError } from '../../src/store/vector-index.js';
import { buildTinyModel } from '../helpers/tiny-model.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'select-embedder-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const config = (env: Record<string, string>) => loadCoreConfig({ MODELS_DIR: join(dir, 'cache'), ...env });

describe('selectEmbedder', () => {
  it('EMBEDDINGS=none: lexical only, saying so in one line', async () => {
    const choice = await selectEmbedder(config({ EMBEDDINGS: 'none' }));
    expect(choice.embedder).toBeNull();
    expect(choice.notice).toMatch(/^Semantic search is off \(EMBEDDINGS=none\): lexical retrieval only\.$/);
  });

  it('auto (the default) with the model folder missing: lexical mode and one clear line naming the folder and the fix', async () => {
    const missing = join(dir, 'offline', 'multilingual-e5-small');
    const choice = await selectEmbedder(config({ EMBEDDING_MODEL_PATH: missing }));
    expect(choice.embedder).toBeNull();
    expect(choice.notice).not.toContain('\n');
    expect(choice.notice).toContain('Semantic search is off (lexical mode)');
    expect(choice.notice).toContain('Xenova/multilingual-e5-small could not be loaded');
    expect(choice.notice).toContain(missing);
    expect(choice.notice).toContain('EMBEDDING_MODEL_PATH');
  });

  it('auto with no downloaded model and downloads not allowed: lexical mode, telling how to enable semantic search', async () => {
    const choice = await selectEmbedder(config({ EMBEDDINGS: 'auto', EMBEDDING_MODEL: 'Xenova/multilingual-e5-small' }), {
      allowDownload: false,
    });
    expect(choice.embedder).toBeNull();
    expect(choice.notice).toMatch(/the embedding model Xenova\/multilingual-e5-small could not be loaded \(missing file .*\)\./);
    expect(choice.notice).toMatch(/connect to the internet once .* or set EMBEDDING_MODEL_PATH to a downloaded model folder\.$/);
  });

  it('EMBEDDINGS=local with the model missing is an error carrying the same explanation', async () => {
    const missing = join(dir, 'offline', 'multilingual-e5-small');
    const attempt = selectEmbedder(config({ EMBEDDINGS: 'local', EMBEDDING_MODEL_PATH: missing }));
    await expect(attempt).rejects.toBeInstanceOf(EmbeddingsUnavailableError);
    await expect(attempt).rejects.toThrow(/^EMBEDDINGS=local but the embedding model .* could not be loaded/);
  });

  it('auto with a model folder on disk: semantic search on, no notice, the model named after its folder', async () => {
    const tiny = await buildTinyModel(join(dir, 'models'), { id: 'tiny-select-a' });
    const choice = await selectEmbedder(config({ EMBEDDING_MODEL_PATH: tiny.modelPath }));
    try {
      expect(choice.notice).toBeNull();
      expect(choice.embedder!.modelId).toBe('tiny-select-a@q8');
      expect(choice.embedder!.dimension).toBe(tiny.dim);
      expect((await choice.embedder!.embedQuery('du lịch Hải Phòng')).length).toBe(tiny.dim);
    } finally {
      await (choice.embedder as LocalEmbedder | null)?.dispose();
    }
  });

  it('a copy of the configured model keeps the configured name, so moving it offline is not a model change', async () => {
    const tiny = await buildTinyModel(join(dir, 'copied'), { id: 'tiny-select-copy' });
    const choice = await selectEmbedder(config({ EMBEDDING_MODEL: 'acme/tiny-select-copy', EMBEDDING_MODEL_PATH: tiny.modelPath }));
    try {
      expect(choice.embedder!.modelId).toBe('acme/tiny-select-copy@q8');
    } finally {
      await (choice.embedder as LocalEmbedder | null)?.dispose();
    }
  });

  it('detects a model change: an index built with one model is refused when another model is configured', async () => {
    const first = await buildTinyModel(join(dir, 'models'), { id: 'tiny-select-old' });
    const second = await buildTinyModel(join(dir, 'models'), { id: 'tiny-select-new', seed: 7 });
    const before = (await selectEmbedder(config({ EMBEDDING_MODEL_PATH: first.modelPath }))).embedder as LocalEmbedder;
    const after = (await selectEmbedder(config({ EMBEDDING_MODEL_PATH: second.modelPath }))).embedder as LocalEmbedder;
    try {
      const index = VectorIndex.create(before.dimension, 16, { modelId: before.modelId });
      const [vector] = await before.embedPassages(['vốn FDI vào Hải Phòng tăng']);
      index.add(1, vector!);
      const file = join(dir, await index.saveAtomic(dir));

      expect(after.modelId).not.toBe(before.modelId);
      await expect(VectorIndex.load(file, after.dimension, { modelId: after.modelId })).rejects.toBeInstanceOf(VectorIndexFileError);
      await expect(VectorIndex.load(file, after.dimension, { modelId: after.modelId })).rejects.toThrow(
        /tiny-select-old@q8, not tiny-select-new@q8/,
      );
      expect((await VectorIndex.load(file, before.dimension, { modelId: before.modelId })).size).toBe(1);
    } finally {
      await before.dispose();
      await after.dispose();
    }
  });

  describe('EMBEDDINGS=openai', () => {
    let server: Server;
    let baseUrl: string;
    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          if (req.headers.authorization !== 'Bearer good-key') {
            res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'bad key' } }));
            return;
          }
          const input = (JSON.parse(body) as { input: string[] }).input;
          const data = input.map((_, index) => ({ index, embedding: [3, 4, 0] }));
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('uses the OpenAI-compatible embeddings endpoint, learning its dimension', async () => {
      const choice = await selectEmbedder(config({ EMBEDDINGS: 'openai', OPENAI_BASE_URL: baseUrl, OPENAI_API_KEY: 'good-key' }));
      expect(choice.notice).toBeNull();
      expect(choice.embedder!.dimension).toBe(3);
      expect(Array.from(await choice.embedder!.embedQuery('FDI'))).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6), 0]);
    });

    it('fails with a message naming the server and the variables to check, never the key', async () => {
      const attempt = selectEmbedder(config({ EMBEDDINGS: 'openai', OPENAI_BASE_URL: baseUrl, OPENAI_API_KEY: 'wrong-key-123' }));
      await expect(attempt).rejects.toBeInstanceOf(EmbeddingsUnavailableError);
      const message = await attempt.catch((e: Error) => e.message);
      expect(message).toContain(baseUrl);
      expect(message).toContain('OPENAI_API_KEY');
      expect(message).not.toContain('wrong-key-123');
    });
  });
});
