/**
 * The preparation thread of ingestion (see prepare-threads.ts): prepares each batch of documents
 * (or reads `.jsonl` lines, then prepares their documents) it is sent, in order, and sends back one
 * result per job.
 */
import { parentPort } from 'node:worker_threads';
import { runJob } from './prepare-document.js';
import type { PrepareReply, PrepareRequest } from './prepare-threads.js';

const port = parentPort;
if (!port) throw new Error('prepare-thread.ts runs as a worker thread of DocumentPreparer');

port.on('message', (batch: PrepareRequest) => {
  port.postMessage(batch.map(runJob) satisfies PrepareReply);
});
