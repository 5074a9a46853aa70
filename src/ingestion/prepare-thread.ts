/**
 * The preparation thread of ingestion (see prepare-threads.ts): prepares each batch of documents
 * it is sent, in order, and sends back one result per document.
 */
import { parentPort } from 'node:worker_threads';
import { prepareDocument } from './prepare-document.js';
import type { PrepareReply, PrepareRequest } from './prepare-threads.js';

const port = parentPort;
if (!port) throw new Error('prepare-thread.ts runs as a worker thread of DocumentPreparer');

port.on('message', (batch: PrepareRequest) => {
  const reply: PrepareReply = batch.map((raw) => {
    try {
      return { ok: true, prepared: prepareDocument(raw) };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  });
  port.postMessage(reply);
});
