import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openEmbedderForIngest } from '../../src/ingestion/embedder-for-ingest.js';
import { loadCoreConfig } from '../../src/config/core-config.js';
import type { Embedder } from '../../src/retrieval/embedder.js';
import type { LocalEmbedder } from '../../src/retrieval/embedders/local-embedder.js';
import { IndexStore } from '../../src/store/store.js';
import { VectorIndex } from '../../src/store/vector-index.js';
import { recordedVectors, vectorFilePath } from '../../src/store/vector-meta.js';
import { ingest } from '../../src/ingestion/ingest.js';
import { buildTinyModel, type TinyModel } from '../helpers/tiny-model.js';
import { inspectIndex } from '../helpers/inspect-index.js';

interface Briefing {
  id: string;
  title: string;
  text: string;
  region?: string;
  date?: string;
}

const BRIEFINGS: Briefing[] = [
  {
    id: 'hp-fdi',
    title: 'Hải Phòng thu hút FDI',
    text: 'Hải Phòng thu hút FDI đạt 3,055 tỷ USD trong 9 tháng, nhiều dự án giải ngân nhanh.',
    region: 'Hải Phòng',
    date: '2023-10-19',
  },
  {
    id: 'qn-du-lich',
    title: 'Quảng Ninh đón khách du lịch',
    text: 'Quảng Ninh đón 1,2 triệu lượt khách du lịch trong tháng 4, khách sạn ven biển kín phòng.',
    region: 'Quảng Ninh',
    date: '2023-05-02',
  },
  {
    id: 'hn-bao',
    title: 'Bão gây mưa lớn ở Hà Nội',
    text: 'Bão số 3 gây mưa lớn ở Hà Nội, nhiều tuyến phố bị ngập và cây đổ.',
    region: 'Hà Nội',
    date: '2023-09-08',
  },
  {
    id: 'ct-gao',
    title: 'Cần Thơ xuất khẩu gạo',
    text: 'Cần Thơ xuất khẩu gạo tăng 12% so với cùng kỳ, giá lúa ổn định.',
    region: 'Cần Thơ',
    date: '2023-08-15',
  },
];

let root: string;
let modelA: TinyModel;
let modelB: TinyModel;
const embedders: LocalEmbedder[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ingest-vectors-'));
  modelA = await buildTinyModel(join(root, 'models'), { id: 'tiny-ingest-a' });
  modelB = await buildTinyModel(join(root, 'models'), { id: 'tiny-ingest-b', seed: 99 });
});
afterAll(async () => {
  for (const e of embedders) await e.dispose();
  await rm(root, { recursive: true, force: true });
});

let corpus: string;
let indexDir: string;
let caseNo = 0;
beforeEach(async () => {
  caseNo++;
  corpus = join(root, `corpus-${caseNo}`);
  indexDir = join(root, `index-${caseNo}`);
  await writeCorpus(BRIEFINGS);
});

async function writeCorpus(briefings: Briefing[]): Promise<void> {
  await rm(corpus, { recursive: true, force: true });
  await mkdir(corpus, { recursive: true });
  await writeFile(join(corpus, 'briefings.json'), JSON.stringify(briefings));
}

/** Captures what openEmbedderForIngest prints, as lines. */
function captureStderr(): { stream: NodeJS.WritableStream; lines: () => string[] } {
  let text = '';
  const stream = { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream;
  return { stream, lines: () => text.split('\n').filter((l) => l !== '') };
}

async function embedderFor(model: TinyModel, env: Record<string, string> = {}): Promise<{ embedder: Embedder | null; lines: string[] }> {
  const stderr = captureStderr();
  const config = loadCoreConfig({ MODELS_DIR: join(root, 'cache'), EMBEDDING_MODEL_PATH: model.modelPath, ...env });
  const embedder = await openEmbedderForIngest(config, indexDir, { stderr: stderr.stream });
  if (embedder) embedders.push(embedder as LocalEmbedder);
  return { embedder, lines: stderr.lines() };
}

/** What the index holds about its vectors: the meta record, the loaded vector index and the chunk rowids. */
async function inspect(): Promise<{
  recorded: ReturnType<typeof recordedVectors>;
  vectors: VectorIndex | null;
  rowidsOf: (docId: string) => number[];
  chunks: number;
}> {
  const store = IndexStore.openForRead(indexDir);
  try {
    const recorded = recordedVectors(store);
    const vectors = recorded
      ? await VectorIndex.load(vectorFilePath(indexDir, recorded.file), recorded.dimension, { modelId: recorded.model })
      : null;
    const byDoc = new Map<string, number[]>();
    const rows = inspectIndex(
      indexDir,
      (db) => db.prepare('SELECT rowid, doc_id FROM chunks').all() as Array<{ rowid: number; doc_id: string }>,
    );
    for (const row of rows) {
      byDoc.set(row.doc_id, [...(byDoc.get(row.doc_id) ?? []), row.rowid]);
    }
    return { recorded, vectors, rowidsOf: (docId) => byDoc.get(docId) ?? [], chunks: store.chunkCount() };
  } finally {
    store.close();
  }
}

async function vectorFilesOnDisk(): Promise<string[]> {
  return (await readdir(indexDir)).filter((f) => /^vectors-.*\.hnsw$/.test(f));
}

describe('ingestion with embeddings', () => {
  it('gives every chunk a vector and records the model and its dimension', async () => {
    const { embedder } = await embedderFor(modelA);
    const summary = await ingest({ inputs: [corpus], indexDir, embedder });
    const { recorded, vectors, chunks } = await inspect();
    expect(summary.embedded).toBe(summary.chunks);
    expect(chunks).toBeGreaterThanOrEqual(BRIEFINGS.length);
    expect(vectors!.size).toBe(chunks);
    expect(recorded).toMatchObject({ model: 'tiny-ingest-a@q8', dimension: modelA.dim });
    expect(await vectorFilesOnDisk()).toEqual([recorded!.file]);
  });

  it('re-ingesting unchanged files embeds nothing and keeps the same vector file', async () => {
    const { embedder } = await embedderFor(modelA);
    await ingest({ inputs: [corpus], indexDir, embedder });
    const before = (await inspect()).recorded;
    const again = await ingest({ inputs: [corpus], indexDir, embedder });
    expect(again.embedded).toBe(0);
    expect(again.unchanged).toBe(BRIEFINGS.length);
    expect((await inspect()).recorded).toEqual(before);
  });

  it('a changed document loses its old vectors, gets new ones, and only its text is embedded', async () => {
    const { embedder } = await embedderFor(modelA);
    await ingest({ inputs: [corpus], indexDir, embedder });
    const oldRowids = (await inspect()).rowidsOf('qn-du-lich');
    const changedText = 'Quảng Ninh đón 2 triệu lượt khách du lịch trong tháng 5, tour biển đảo tăng mạnh.';
    await writeCorpus(BRIEFINGS.map((b) => (b.id === 'qn-du-lich' ? { ...b, text: changedText } : b)));

    const summary = await ingest({ inputs: [corpus], indexDir, embedder });
    const { vectors, rowidsOf, chunks } = await inspect();
    const newRowids = rowidsOf('qn-du-lich');
    expect(summary.updated).toBe(1);
    expect(summary.embedded).toBe(newRowids.length);
    expect(vectors!.size).toBe(chunks);
    for (const rowid of oldRowids) expect(vectors!.has(rowid)).toBe(false);
    for (const rowid of newRowids) expect(vectors!.has(rowid)).toBe(true);
    // Even asked for every neighbour of the new text, the search never returns a removed chunk.
    const query = await embedder!.embedQuery(`Quảng Ninh đón khách du lịch\n${changedText}`);
    const hits = vectors!.search(query, chunks + oldRowids.length);
    expect(hits.filter((h) => oldRowids.includes(h.label))).toEqual([]);
    expect(hits[0]!.label).toBe(newRowids[0]);
    expect(await vectorFilesOnDisk()).toHaveLength(1);
  });

  it('a removed file takes its vectors with it (with --prune)', async () => {
    const { embedder } = await embedderFor(modelA);
    await writeFile(
      join(corpus, 'extra.json'),
      JSON.stringify([{ id: 'extra', title: 'Đà Nẵng tăng trưởng', text: 'Đà Nẵng tăng trưởng kinh tế 7,5% năm 2023.' }]),
    );
    await ingest({ inputs: [corpus], indexDir, embedder });
    const gone = (await inspect()).rowidsOf('extra');
    await rm(join(corpus, 'extra.json'));
    await ingest({ inputs: [corpus], indexDir, embedder, prune: true });
    const { vectors, chunks } = await inspect();
    expect(vectors!.size).toBe(chunks);
    for (const rowid of gone) expect(vectors!.has(rowid)).toBe(false);
  });

  it('another model re-embeds everything and replaces the vectors; going back reuses the cache', async () => {
    const first = await embedderFor(modelA);
    await ingest({ inputs: [corpus], indexDir, embedder: first.embedder });

    const second = await embedderFor(modelB);
    expect(second.lines).toEqual([
      expect.stringMatching(/^Embedding model changed: .*tiny-ingest-a@q8.* re-embeds every chunk with tiny-ingest-b@q8\.$/),
    ]);
    const switched = await ingest({ inputs: [corpus], indexDir, embedder: second.embedder });
    const afterSwitch = await inspect();
    expect(switched.embedded).toBe(afterSwitch.chunks);
    expect(afterSwitch.recorded!.model).toBe('tiny-ingest-b@q8');
    expect(afterSwitch.vectors!.size).toBe(afterSwitch.chunks);
    expect(await vectorFilesOnDisk()).toEqual([afterSwitch.recorded!.file]);

    const back = await ingest({ inputs: [corpus], indexDir, embedder: first.embedder });
    expect(back.embedded).toBe(0);
    expect((await inspect()).recorded!.model).toBe('tiny-ingest-a@q8');
  });

  it('an ingestion that fails while embedding keeps the previous index and vector file intact', async () => {
    const { embedder } = await embedderFor(modelA);
    await ingest({ inputs: [corpus], indexDir, embedder });
    const before = await inspect();
    const failing: Embedder = {
      modelId: embedder!.modelId,
      dimension: embedder!.dimension,
      embedPassages: () => Promise.reject(new Error('model crashed')),
      embedQuery: (t) => embedder!.embedQuery(t),
    };
    await writeCorpus([...BRIEFINGS, { id: 'new', title: 'Hà Nội đón khách', text: 'Hà Nội đón 3 triệu lượt khách du lịch.' }]);
    await expect(ingest({ inputs: [corpus], indexDir, embedder: failing })).rejects.toThrow('model crashed');
    const after = await inspect();
    expect(after.recorded).toEqual(before.recorded);
    expect(after.rowidsOf('new')).toEqual([]);
    expect(after.vectors!.size).toBe(after.chunks);
  });
});

describe('opening the embedder for ingestion', () => {
  it("shows the loading progress of the model's large files, and nothing for the small ones", async () => {
    const big = await buildTinyModel(join(root, 'models'), {
      id: 'tiny-ingest-big',
      vocab: Array.from({ length: 9000 }, (_, i) => `w${i}`),
    });
    const { lines } = await embedderFor(big);
    expect(lines).toEqual([expect.stringMatching(/^Embedding model onnx\/model_quantized\.onnx: 100% of 1 MB$/)]);
    expect((await embedderFor(modelA)).lines).toEqual([]);
  });
});

describe('ingestion without embeddings', () => {
  it('EMBEDDINGS=auto with the model missing ingests lexically after one clear line saying why', async () => {
    const missing = join(root, 'no-such-model');
    const stderr = captureStderr();
    const config = loadCoreConfig({ MODELS_DIR: join(root, 'cache'), EMBEDDINGS: 'auto', EMBEDDING_MODEL_PATH: missing });
    const embedder = await openEmbedderForIngest(config, indexDir, { stderr: stderr.stream });
    expect(embedder).toBeNull();
    expect(stderr.lines()).toHaveLength(1);
    expect(stderr.lines()[0]).toMatch(/^Semantic search is off \(lexical mode\): .*could not be loaded.*EMBEDDING_MODEL_PATH/);
    expect(stderr.lines()[0]).toContain(missing);

    const summary = await ingest({ inputs: [corpus], indexDir, embedder });
    expect(summary.chunks).toBeGreaterThan(0);
    expect(summary.embedded).toBe(0);
    expect((await inspect()).recorded).toBeNull();
    expect(await vectorFilesOnDisk()).toEqual([]);
  });

  it('EMBEDDINGS=local with the model missing refuses to run instead of silently going lexical', async () => {
    const config = loadCoreConfig({
      MODELS_DIR: join(root, 'cache'),
      EMBEDDINGS: 'local',
      EMBEDDING_MODEL_PATH: join(root, 'no-such-model'),
    });
    await expect(openEmbedderForIngest(config, indexDir, { stderr: captureStderr().stream })).rejects.toThrow(/^EMBEDDINGS=local but/);
  });

  it('a lexical re-ingest keeps the vectors when nothing changed, and drops them once documents change', async () => {
    const { embedder } = await embedderFor(modelA);
    await ingest({ inputs: [corpus], indexDir, embedder });
    const withVectors = (await inspect()).recorded;

    await ingest({ inputs: [corpus], indexDir, embedder: null });
    expect((await inspect()).recorded).toEqual(withVectors);

    await writeCorpus(BRIEFINGS.slice(1));
    await ingest({ inputs: [corpus], indexDir, embedder: null, prune: true });
    expect((await inspect()).recorded).toBeNull();
    expect(await vectorFilesOnDisk()).toEqual([]);

    // Back with the model: every vector comes from the cache, nothing is embedded again.
    const restored = await ingest({ inputs: [corpus], indexDir, embedder });
    expect(restored.embedded).toBe(0);
    const { vectors, chunks } = await inspect();
    expect(vectors!.size).toBe(chunks);
  });
});
