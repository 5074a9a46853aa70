import path from 'node:path';
import { extractAnswer } from '../../src/answer/extractive-answerer.js';
import type { QaService } from '../../src/answer/qa-service-types.js';
import { LexicalRetriever, type Retrieval } from '../../src/retrieval/lexical-retriever.js';
import { IndexStore } from '../../src/store/store.js';
import { ingest } from '../../src/ingestion/ingest.js';
import { tempDir, writeCorpus } from './operations-helpers.js';
import { openQa } from './shipped-qa.js';

/** A briefing as a test writes it: the JSONL fields, `source` added. */
export type TestBriefing = { id: string; title: string; text: string; summary?: string; region?: string; date?: string };

/**
 * Other news, one harvest report per province: beside them the words of a test's own briefings are
 * rare words of the index, as they are in a real one (in an index of five briefings every word is
 * common, and bm25 weighs none of them).
 */
export function harvestReports(regions: string[], idPrefix = 'tin-khac'): TestBriefing[] {
  return regions.map((region, i) => ({
    id: `${idPrefix}-${i}`,
    region,
    date: '2017-04-01',
    title: `${region}: mùa màng`,
    text: `Nông dân ${region} thu hoạch lúa, giá lúa ổn định. Thời tiết thuận lợi cho vụ mới.`,
  }));
}

/** What a user asking `question` gets from an index: the top passages, and the extractive answer. */
export function askIndex(store: IndexStore, question: string, k = 3): Retrieval & { answer: ReturnType<typeof extractAnswer> } {
  const { passages, query } = new LexicalRetriever(store).retrieve(question, k);
  return { passages, query, answer: extractAnswer(question, query, passages) };
}

/** The top `k` passages for `question` from the index in `indexDir` as it is on disk now. */
export function retrieveFrom(indexDir: string, question: string, k: number): Retrieval['passages'] {
  const store = IndexStore.openForRead(indexDir);
  try {
    return new LexicalRetriever(store).retrieve(question, k).passages;
  } finally {
    store.close();
  }
}

/** Writes `briefings` as one JSONL corpus file and ingests it (lexical only) into a temporary index. */
async function ingestBriefings(prefix: string, briefings: TestBriefing[]): Promise<{ indexDir: string; corpus: string; cleanup(): void }> {
  const tmp = tempDir(prefix);
  const corpus = path.join(tmp.dir, 'corpus');
  const indexDir = path.join(tmp.dir, 'index');
  writeCorpus(corpus, { 'briefings.jsonl': briefings.map((b) => JSON.stringify({ ...b, source: 'test' })).join('\n') });
  await ingest({ inputs: [corpus], indexDir, embedder: null });
  return { indexDir, corpus, cleanup: tmp.cleanup };
}

/**
 * The real question-answering service over an index of `briefings`, as the bots use it (no LLM,
 * no vectors). `close()` closes it and removes the index.
 */
export async function briefingsQa(
  prefix: string,
  briefings: TestBriefing[],
): Promise<{ qa: QaService; indexDir: string; close(): Promise<void> }> {
  const { indexDir, corpus, cleanup } = await ingestBriefings(prefix, briefings);
  return openQa(indexDir, corpus, cleanup);
}

/**
 * Ingests `briefings` (as one JSONL file, lexical only) into a temporary index and opens it for
 * reading; `ask` asks it (see {@link askIndex}). `close()` closes the store and removes the folder.
 */
export async function indexBriefings(
  prefix: string,
  briefings: TestBriefing[],
): Promise<{ store: IndexStore; ask(question: string): ReturnType<typeof askIndex>; close(): void }> {
  const { indexDir, cleanup } = await ingestBriefings(prefix, briefings);
  const store = IndexStore.openForRead(indexDir);
  return {
    store,
    ask: (question) => askIndex(store, question),
    close() {
      store.close();
      cleanup();
    },
  };
}
