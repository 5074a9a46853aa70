import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalEmbedder,
  EmbeddingModelUnavailableError,
  isE5Model,
  type LocalEmbedder,
} from '../../src/retrieval/embedders/local-embedder.js';
import { buildTinyModel, referenceEmbedding, type TinyModel } from '../helpers/tiny-model.js';

function norm(v: Float32Array): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

function expectClose(actual: Float32Array, expected: Float32Array, tolerance = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  const worst = Math.max(...Array.from(actual, (x, i) => Math.abs(x - expected[i]!)));
  expect(worst).toBeLessThan(tolerance);
}

let dir: string;
let plain: TinyModel;
let e5: TinyModel;
let plainEmbedder: LocalEmbedder;
let e5Embedder: LocalEmbedder;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-embedder-'));
  // Distinct ids per model: transformers.js caches loaded pipelines by id for the whole process.
  plain = await buildTinyModel(join(dir, 'models'), { id: 'tiny-plain-le', maxLength: 32 });
  e5 = await buildTinyModel(join(dir, 'models'), { id: 'tiny-e5-le' });
  plainEmbedder = await createLocalEmbedder({
    model: 'Xenova/multilingual-e5-small',
    modelsDir: join(dir, 'cache'),
    modelPath: plain.modelPath,
    batchSize: 4,
  });
  e5Embedder = await createLocalEmbedder({
    model: 'Xenova/multilingual-e5-small',
    modelsDir: join(dir, 'cache'),
    modelPath: e5.modelPath,
    quantized: false,
  });
});

afterAll(async () => {
  await plainEmbedder?.dispose();
  await e5Embedder?.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('local embedder (tiny offline model loaded through transformers.js)', () => {
  it('reports the model folder name with its weight type as the model identity, and the hidden size as dimension', () => {
    expect(plainEmbedder.modelId).toBe('tiny-plain-le@q8');
    expect(e5Embedder.modelId).toBe('tiny-e5-le@fp32');
    expect(plainEmbedder.dimension).toBe(plain.dim);
  });

  it('gives unit-length vectors equal to the mean of the token embeddings, accents kept', async () => {
    const [vector] = await plainEmbedder.embedPassages(['Tăng bao nhiêu?']);
    expect(norm(vector!)).toBeCloseTo(1, 5);
    expectClose(vector!, referenceEmbedding(plain, ['tăng', 'bao', 'nhiêu', '?']));
  });

  it('embeds text in decomposed Unicode (NFD) exactly like the composed form', async () => {
    const [composed, decomposed] = await plainEmbedder.embedPassages(['Đầu tư nước ngoài', 'Đầu tư nước ngoài'.normalize('NFD')]);
    expectClose(decomposed!, composed!, 1e-6);
  });

  it('is deterministic: the same text gives the same vector alone, in a batch, and as a query', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `khách du lịch tháng ${i + 1}`);
    const batched = await plainEmbedder.embedPassages(texts);
    expect(batched).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      const [alone] = await plainEmbedder.embedPassages([text]);
      expectClose(batched[i]!, alone!, 1e-6);
    }
    expectClose(await plainEmbedder.embedQuery(texts[3]!), batched[3]!, 1e-6);
  });

  it('puts related words close together so a paraphrase can be found by meaning', async () => {
    const query = await plainEmbedder.embedQuery('vốn FDI vào Hải Phòng');
    const [related, unrelated] = await plainEmbedder.embedPassages(['đầu tư nước ngoài ở Hải Phòng', 'bão lũ ở Đà Nẵng']);
    expect(cosine(query, related!)).toBeGreaterThan(cosine(query, unrelated!) + 0.2);
  });

  it('truncates text longer than the model accepts instead of failing', async () => {
    // maxLength 32: transformers.js keeps the first 32 tokens ([CLS] + 31 words, the [SEP] is cut too),
    // so the words at the end are not seen.
    const [long] = await plainEmbedder.embedPassages(['tăng '.repeat(200) + 'bão lũ lụt']);
    expectClose(long!, referenceEmbedding(plain, ['[CLS]', ...new Array<string>(31).fill('tăng')], { wrap: false }));
  });

  it('adds the "query: " and "passage: " prefixes for E5 models only', async () => {
    expect(isE5Model('Xenova/multilingual-e5-small')).toBe(true);
    expect(isE5Model('intfloat/e5-base-v2')).toBe(true);
    expect(isE5Model('Xenova/all-MiniLM-L6-v2')).toBe(false);
    expect(isE5Model('bge5-tiny')).toBe(false);

    expectClose(await e5Embedder.embedQuery('tăng'), referenceEmbedding(e5, ['query', ':', 'tăng']));
    expectClose((await e5Embedder.embedPassages(['tăng']))[0]!, referenceEmbedding(e5, ['passage', ':', 'tăng']));
    expectClose(await plainEmbedder.embedQuery('tăng'), referenceEmbedding(plain, ['tăng']));
  });

  it('fails with a clear error naming the folder when EMBEDDING_MODEL_PATH does not exist', async () => {
    const missing = join(dir, 'nowhere', 'multilingual-e5-small');
    const attempt = createLocalEmbedder({ model: 'Xenova/multilingual-e5-small', modelsDir: join(dir, 'cache'), modelPath: missing });
    await expect(attempt).rejects.toBeInstanceOf(EmbeddingModelUnavailableError);
    await expect(attempt).rejects.toThrow(missing);
  });

  it('names the missing weights file when the model folder is incomplete', async () => {
    const partial = await buildTinyModel(join(dir, 'models'), { id: 'tiny-partial-le' });
    await rm(join(partial.modelPath, 'onnx', 'model_quantized.onnx'));
    const attempt = createLocalEmbedder({ model: 'x/y', modelsDir: join(dir, 'cache'), modelPath: partial.modelPath });
    await expect(attempt).rejects.toThrow(/missing file .*model_quantized\.onnx/);
  });

  it('without download permission, a model absent from MODELS_DIR fails fast and never reaches the network', async () => {
    const attempt = createLocalEmbedder({
      model: 'Xenova/multilingual-e5-small',
      modelsDir: join(dir, 'empty-cache'),
      allowDownload: false,
    });
    await expect(attempt).rejects.toThrow(/Xenova\/multilingual-e5-small could not be loaded \(missing file/);
  });

  it('loads a model from a folder whose name is not a valid hub id (spaces)', async () => {
    const odd = await buildTinyModel(join(dir, 'my models'), { id: 'tiny model le' });
    const embedder = await createLocalEmbedder({ model: 'x/y', modelsDir: join(dir, 'cache'), modelPath: odd.modelPath });
    try {
      expect(embedder.modelId).toBe('tiny model le@q8');
      expectClose(await embedder.embedQuery('bão'), referenceEmbedding(odd, ['bão']));
    } finally {
      await embedder.dispose();
    }
  });

  it('uses a model laid out in MODELS_DIR (as a finished download is) without the network', async () => {
    const modelsDir = join(dir, 'models-dir');
    const cached = await buildTinyModel(join(modelsDir, 'acme'), { id: 'tiny-cached-le' });
    const embedder = await createLocalEmbedder({ model: 'acme/tiny-cached-le', modelsDir, allowDownload: false });
    try {
      expect(embedder.modelId).toBe('acme/tiny-cached-le@q8');
      expectClose(await embedder.embedQuery('du lịch'), referenceEmbedding(cached, ['du', 'lịch']));
    } finally {
      await embedder.dispose();
    }
  });
});
