import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createQaService } from '../../src/answer/qa-service.js';
import type { QaService } from '../../src/answer/qa-service-types.js';
import { openEmbedderForIngest } from '../../src/ingestion/embedder-for-ingest.js';
import { loadCoreConfig, type CoreConfig } from '../../src/config/core-config.js';
import type { Embedder } from '../../src/retrieval/embedder.js';
import type { LocalEmbedder } from '../../src/retrieval/embedders/local-embedder.js';
import { HybridRetriever } from '../../src/retrieval/hybrid-retriever.js';
import { LexicalRetriever } from '../../src/retrieval/lexical-retriever.js';
import { IndexStore } from '../../src/store/store.js';
import { withVectors } from '../../src/store/passage-store.js';
import { VectorIndex } from '../../src/store/vector-index.js';
import { recordedVectors, vectorFilePath } from '../../src/store/vector-meta.js';
import { ingest } from '../../src/ingestion/ingest.js';
import { log } from '../../src/log.js';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fakes/fake-openai-server.js';
import { buildTinyModel, type TinyModel } from '../helpers/tiny-model.js';
import { writeCorpus } from '../helpers/operations-helpers.js';

/**
 * The FDI briefing never says "vốn", "nước" or "ngoài": the question "Vốn nước ngoài bao nhiêu?"
 * can only reach it through meaning (the tiny model puts FDI, USD, dự án… in one topic with them).
 */
const BRIEFINGS = [
  {
    id: 'fdi',
    title: 'Thành phố cảng thu hút FDI',
    text: 'Thành phố thu hút FDI đạt 3,055 tỷ USD trong 9 tháng, nhiều dự án giải ngân nhanh.',
    region: 'Hải Phòng',
    date: '2023-10-19',
  },
  {
    id: 'du-lich',
    title: 'Quảng Ninh đón khách du lịch',
    text: 'Quảng Ninh đón 1,2 triệu lượt khách du lịch trong tháng 4, khách sạn ven biển kín phòng.',
    region: 'Quảng Ninh',
    date: '2023-05-02',
  },
  {
    id: 'bao',
    title: 'Bão gây mưa lớn ở Hà Nội',
    text: 'Bão số 3 gây mưa lớn ở Hà Nội, nhiều tuyến phố bị ngập và cây đổ.',
    region: 'Hà Nội',
    date: '2023-09-08',
  },
  {
    id: 'gao',
    title: 'Cần Thơ xuất khẩu gạo',
    text: 'Cần Thơ xuất khẩu gạo tăng 12% so với cùng kỳ, giá lúa ổn định.',
    region: 'Cần Thơ',
    date: '2023-08-15',
  },
  {
    id: 'tang-truong',
    title: 'Đà Nẵng tăng trưởng kinh tế',
    text: 'Đà Nẵng tăng trưởng kinh tế 7,5% năm 2023, GDP bình quân đầu người tăng.',
    region: 'Đà Nẵng',
    date: '2023-12-20',
  },
];
const PARAPHRASE = 'Vốn nước ngoài bao nhiêu?';

let root: string;
let corpus: string;
let modelA: TinyModel;
let modelB: TinyModel;
const toClose: Array<{ close(): Promise<void> } | { dispose(): Promise<void> }> = [];
let caseNo = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hybrid-'));
  corpus = join(root, 'corpus');
  writeCorpus(corpus, { 'briefings.json': JSON.stringify(BRIEFINGS) });
  modelA = await buildTinyModel(join(root, 'models'), { id: 'tiny-hybrid-a' });
  modelB = await buildTinyModel(join(root, 'models'), { id: 'tiny-hybrid-b', seed: 4242 });
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of toClose.splice(0)) await ('close' in c ? c.close() : c.dispose());
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function config(env: Record<string, string>): CoreConfig {
  return loadCoreConfig({ MODELS_DIR: join(root, 'cache'), ...env });
}

const silent = { write: () => true } as unknown as NodeJS.WritableStream;

/** Ingests the corpus (or `input`) into a fresh index as `npm run ingest` would with these settings. */
async function ingestWith(env: Record<string, string>, indexDir = join(root, `index-${++caseNo}`), input = corpus): Promise<string> {
  const embedder = await openEmbedderForIngest(config(env), indexDir, { stderr: silent });
  if (embedder && 'dispose' in embedder) toClose.push(embedder as LocalEmbedder);
  await ingest({ inputs: [input], indexDir, embedder });
  return indexDir;
}

async function serve(indexDir: string, env: Record<string, string>): Promise<QaService> {
  const qa = await createQaService(config(env), { indexDir });
  toClose.push(qa);
  return qa;
}

describe('hybrid retrieval', () => {
  it('finds a passage that shares no word with the question, thanks to its vector, and says it was hybrid', async () => {
    const env = { EMBEDDING_MODEL_PATH: modelA.modelPath };
    const indexDir = await ingestWith(env);

    const lexical = await serve(indexDir, { EMBEDDINGS: 'none' });
    const without = await lexical.ask(PARAPHRASE);
    expect(without.mode.retrieval).toBe('lexical');
    expect(without.passages.map((p) => p.docId)).not.toContain('fdi');

    const hybrid = await serve(indexDir, env);
    expect(hybrid.stats().retrieval).toBe('hybrid');
    const answer = await hybrid.ask(PARAPHRASE);
    expect(answer.mode.retrieval).toBe('hybrid');
    expect(answer.passages[0]!.docId).toBe('fdi');
    const scores = answer.passages.map((p) => p.score);
    expect(scores.every((s) => s > 0)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores[0]).toBeGreaterThan(scores[scores.length - 1]!);
  });

  it("still ranks the exact lexical match first for a question in the passage's own words", async () => {
    const env = { EMBEDDING_MODEL_PATH: modelA.modelPath };
    const qa = await serve(await ingestWith(env), env);
    const answer = await qa.ask('Cần Thơ xuất khẩu gạo tăng bao nhiêu?');
    expect(answer.mode.retrieval).toBe('hybrid');
    expect(answer.passages[0]!.docId).toBe('gao');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('12%');
  });

  it('embeds the question as a query (not as a passage), and searchWithVector gives the same ranking without embedding', async () => {
    const env = { EMBEDDING_MODEL_PATH: modelA.modelPath };
    const indexDir = await ingestWith(env);
    const real = (await openEmbedderForIngest(config(env), indexDir, { stderr: silent }))!;
    toClose.push(real as LocalEmbedder);
    const calls: string[] = [];
    const recording: Embedder = {
      modelId: real.modelId,
      dimension: real.dimension,
      embedQuery: (text) => (calls.push(`query:${text}`), real.embedQuery(text)),
      embedPassages: (texts) => (calls.push('passages'), real.embedPassages(texts)),
    };
    const store = IndexStore.openForRead(indexDir);
    toClose.push({ close: async () => store.close() });
    const recorded = recordedVectors(store)!;
    const vectors = await VectorIndex.load(vectorFilePath(indexDir, recorded.file), recorded.dimension);
    const retriever = new HybridRetriever(withVectors(store, vectors), new LexicalRetriever(store), recording, { lexical: 1, vector: 1 });

    const viaEmbedder = await retriever.retrieve(PARAPHRASE, 3);
    expect(calls).toEqual([`query:${PARAPHRASE}`]);
    const direct = retriever.searchWithVector(await retriever.embedQuery(PARAPHRASE), PARAPHRASE, 3);
    expect(calls).toEqual([`query:${PARAPHRASE}`, `query:${PARAPHRASE}`]);
    expect(direct.passages.map((p) => p.chunkId)).toEqual(viaEmbedder.passages.map((p) => p.chunkId));
    expect(direct.passages[0]!.docId).toBe('fdi');
  });

  it('answers "what is new there" with the newest briefings about the place, from dates, without embedding the question', async () => {
    const env = { EMBEDDING_MODEL_PATH: modelA.modelPath };
    const qa = await serve(await ingestWith(env), env);
    const embed = vi.spyOn(HybridRetriever.prototype, 'embedQuery');
    const answer = await qa.ask('Tin mới nhất về Đà Nẵng?');
    // With an API embedder, an embedding would be a paid call whose result goes unused.
    expect(embed).not.toHaveBeenCalled();
    expect(answer.mode.retrieval).toBe('lexical');
    expect(answer.passages.map((p) => p.docId)).toEqual(['tang-truong']);
    expect(answer.answer.startsWith('Tin mới nhất về Đà Nẵng:')).toBe(true);
  });

  it('with the vector weight at zero, ranks exactly like lexical retrieval', async () => {
    const env = { EMBEDDING_MODEL_PATH: modelA.modelPath };
    const indexDir = await ingestWith(env);
    const qa = await serve(indexDir, { ...env, HYBRID_VECTOR_WEIGHT: '0' });
    const lexical = await serve(indexDir, { EMBEDDINGS: 'none' });
    const question = 'Quảng Ninh đón bao nhiêu khách du lịch?';
    const a = await qa.ask(question);
    expect(a.mode.retrieval).toBe('lexical');
    expect(a.passages).toEqual((await lexical.ask(question)).passages);
  });

  it('picks up vectors added by a re-ingest while serving, without a restart', async () => {
    const env = { EMBEDDING_MODEL_PATH: modelA.modelPath };
    const indexDir = await ingestWith({ EMBEDDINGS: 'none' });
    const qa = await serve(indexDir, env);
    expect((await qa.ask(PARAPHRASE)).mode.retrieval).toBe('lexical');

    await ingestWith(env, indexDir);
    const answer = await qa.ask(PARAPHRASE);
    expect(answer.mode.retrieval).toBe('hybrid');
    expect(answer.passages[0]!.docId).toBe('fdi');
    expect(qa.stats().embeddingModel).toBe('tiny-hybrid-a@q8');
  });

  it('a re-ingest committing while the question is being embedded: the question searches the new vectors and passages together', async () => {
    const env = { EMBEDDING_MODEL_PATH: modelA.modelPath };
    const own = join(root, `corpus-${++caseNo}`);
    writeCorpus(own, { 'briefings.json': JSON.stringify(BRIEFINGS) });
    const indexDir = await ingestWith(env, undefined, own);
    const qa = await serve(indexDir, env);
    // The FDI briefing gets a new figure: its passage becomes a new row with a new vector.
    writeCorpus(own, {
      'briefings.json': JSON.stringify(BRIEFINGS.map((b) => (b.id === 'fdi' ? { ...b, text: b.text.replace('3,055', '4,125') } : b))),
    });
    const embed = HybridRetriever.prototype.embedQuery;
    let reingested = false;
    vi.spyOn(HybridRetriever.prototype, 'embedQuery').mockImplementation(async function (this: HybridRetriever, question: string) {
      if (!reingested) {
        reingested = true;
        await ingestWith(env, indexDir, own);
      }
      return embed.call(this, question);
    });

    const answer = await qa.ask(PARAPHRASE);
    expect(reingested).toBe(true);
    expect(answer.mode.retrieval).toBe('hybrid');
    expect(answer.passages[0]!.docId).toBe('fdi');
    expect(answer.passages[0]!.text).toContain('4,125');
  });
});

describe('when semantic search cannot be used at question time', () => {
  it('an index made with another model is answered lexically, with one log line saying to re-ingest', async () => {
    const indexDir = await ingestWith({ EMBEDDING_MODEL_PATH: modelA.modelPath });
    const warn = vi.spyOn(log, 'warn');
    const qa = await serve(indexDir, { EMBEDDING_MODEL_PATH: modelB.modelPath });
    const first = await qa.ask(PARAPHRASE);
    await qa.ask('Cần Thơ xuất khẩu gạo tăng bao nhiêu?');
    expect(first.mode.retrieval).toBe('lexical');
    expect(qa.stats().retrieval).toBe('lexical');
    const lines = warn.mock.calls.map((c) => String(c[1]));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/made with tiny-hybrid-a@q8 .* configured embedder is tiny-hybrid-b@q8/);
    expect(lines[0]).toMatch(/re-ingested .*npm run ingest/);
  });

  it('a model that cannot be loaded is answered lexically, with one log line saying why', async () => {
    const indexDir = await ingestWith({ EMBEDDING_MODEL_PATH: modelA.modelPath });
    const warn = vi.spyOn(log, 'warn');
    const missing = join(root, 'moved-away', 'tiny-hybrid-a');
    const qa = await serve(indexDir, { EMBEDDINGS: 'auto', EMBEDDING_MODEL_PATH: missing });
    const answer = await qa.ask('Cần Thơ xuất khẩu gạo tăng bao nhiêu?');
    expect(answer.mode.retrieval).toBe('lexical');
    expect(answer.passages[0]!.docId).toBe('gao');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![1])).toContain(missing);
  });
});

describe('OpenAI-compatible embeddings', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi({ dimension: 24 });
  });
  afterAll(async () => {
    await fake.close();
  });
  const openaiEnv = () => ({ EMBEDDINGS: 'openai', OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-test', LLM_MAX_RETRIES: '0' });

  it('ingests with EMBEDDINGS=openai and answers with hybrid retrieval, embedding the question as typed', async () => {
    const indexDir = await ingestWith(openaiEnv());
    const store = IndexStore.openForRead(indexDir);
    expect(recordedVectors(store)).toMatchObject({ model: 'openai:text-embedding-3-small:24', dimension: 24 });
    store.close();

    const qa = await serve(indexDir, openaiEnv());
    const question = 'Quảng Ninh đón bao nhiêu lượt khách du lịch?';
    const answer = await qa.ask(question);
    expect(answer.mode.retrieval).toBe('hybrid');
    expect(answer.passages[0]!.docId).toBe('du-lich');
    expect(fake.requestsTo('embeddings').some((r) => JSON.stringify(r.body.input) === JSON.stringify([question]))).toBe(true);
  });

  it('a failing embeddings server costs one answer its vectors, not the answer', async () => {
    const indexDir = await ingestWith(openaiEnv());
    const qa = await serve(indexDir, openaiEnv());
    const warn = vi.spyOn(log, 'warn');
    fake.scriptEmbeddings({ status: 400, message: 'bad request' });
    const answer = await qa.ask('Cần Thơ xuất khẩu gạo tăng bao nhiêu?');
    expect(answer.mode.retrieval).toBe('lexical');
    expect(answer.passages[0]!.docId).toBe('gao');
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ event: 'query-embedding-failed' }), expect.any(String));
    expect((await qa.ask('Cần Thơ xuất khẩu gạo tăng bao nhiêu?')).mode.retrieval).toBe('hybrid');
  });

  it('EMBEDDINGS=none serves an index with vectors lexically and never calls the embeddings server', async () => {
    const indexDir = await ingestWith(openaiEnv());
    const before = fake.requestsTo('embeddings').length;
    const qa = await serve(indexDir, { EMBEDDINGS: 'none' });
    const answer = await qa.ask('Cần Thơ xuất khẩu gạo tăng bao nhiêu?');
    expect(answer.mode.retrieval).toBe('lexical');
    expect(fake.requestsTo('embeddings')).toHaveLength(before);
  });
});
