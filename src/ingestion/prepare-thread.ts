/**
 * The preparation thread of ingestion (see prepare-threads.ts): prepares each batch of documents
 * it is sent, in order, and sends back one result per document.
 */
import { parentPort } from 'node:worker_threads';
import { encodeChunkTexts, prepareDocument } from './prepare-document.js';
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
  // The chunks' texts travel as UTF-8 bytes in one transferred buffer, not as copied strings.
  const bytes = encodeChunkTexts(reply.flatMap((r) => (r.ok ? [r.prepared] : [])));
  port.postMessage(reply, [bytes]);
});
