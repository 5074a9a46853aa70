/**
 * An answer thread (see answer-threads.ts): its own read-only connection to the index, serving one
 * question at a time (lexical retrieval, then the extractive answer if asked), each in one snapshot
 * of the generation committed last.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ServedGeneration } from '../retrieval/served-generation.js';
import { IndexStore } from '../store/store.js';
import type { AnswerThreadData, AnswerThreadReply, AnswerThreadRequest } from './answer-threads.js';
import { extractAnswer } from './extractive-answerer.js';

const port = parentPort;
if (!port) throw new Error('answer-thread.ts runs as a worker thread of AnswerThreads');
const { indexDir, ranking } = workerData as AnswerThreadData;
const served = new ServedGeneration(IndexStore.openForRead(indexDir), ranking);

port.on('message', ({ question, k, extract }: AnswerThreadRequest) => {
  let reply: AnswerThreadReply;
  try {
    const { passages, query } = served.store.snapshot(() => {
      served.follow();
      return served.retriever.retrieve(question, k);
    });
    // The passages' matching forms spare the answer a tokenization; copying them to the main
    // thread would cost more than the rest of the reply.
    const extracted = extract ? extractAnswer(question, query, passages, ranking) : null;
    reply = { ok: true, answer: { passages: passages.map(({ terms: _terms, ...passage }) => passage), query, extracted } };
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
