/**
 * A retrieval thread (see retrieval-pool.ts): its own read-only connection to the index, answering
 * one lexical retrieval at a time, each in one snapshot of the generation committed last.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IndexStore } from './store.js';
import { ServedGeneration } from './served-generation.js';
import type { RetrievalReply, RetrievalRequest, RetrievalWorkerData } from './retrieval-pool.js';

const port = parentPort;
if (!port) throw new Error('retrieval-worker.ts runs as a worker thread of RetrievalPool');
const { indexDir } = workerData as RetrievalWorkerData;
const served = new ServedGeneration(IndexStore.openForRead(indexDir));

port.on('message', ({ question, k }: RetrievalRequest) => {
  let reply: RetrievalReply;
  try {
    const { passages, query } = served.store.snapshot(() => {
      served.follow();
      return served.retriever.retrieve(question, k);
    });
    // The matching forms served ranking; copying them to the main thread cost more than the rest.
    reply = { ok: true, retrieval: { passages: passages.map(({ terms: _terms, ...passage }) => passage), query } };
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
