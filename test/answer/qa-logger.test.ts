import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQaService } from '../../src/answer/qa-service.js';
import { ingest } from '../../src/ingestion/ingest.js';
import { log, type Log, type LogFields } from '../../src/log.js';
import { tempDir, writeCorpus } from '../helpers/operations-helpers.js';
import { defaultConfig } from '../helpers/shipped-qa.js';

/** A logger that keeps every line it is given, whatever its level. */
function recordingLog(): Log & { lines: LogFields[] } {
  const lines: LogFields[] = [];
  const keep = (fields: LogFields) => void lines.push(fields);
  const logger = { lines, level: 'debug', debug: keep, info: keep, warn: keep, error: keep, child: () => logger };
  return logger;
}

describe('the logger a QaService is given', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("gets the service's per-question line, and the global logger does not", async () => {
    const tmp = tempDir('qa-logger-');
    cleanups.push(tmp.cleanup);
    const corpus = path.join(tmp.dir, 'corpus');
    const indexDir = path.join(tmp.dir, 'index');
    const briefing = { id: 'hp', title: 'Hải Phòng', text: 'Vốn FDI vào Hải Phòng tăng 140,3% so với cùng kỳ.', source: 'test' };
    writeCorpus(corpus, { 'briefings.jsonl': JSON.stringify(briefing) });
    await ingest({ inputs: [corpus], indexDir, embedder: null });
    const logger = recordingLog();
    const qa = await createQaService(defaultConfig({ INDEX_DIR: indexDir, CORPUS_DIR: corpus }), { logger });
    cleanups.push(() => qa.close());
    const globalLines = [vi.spyOn(log, 'debug'), vi.spyOn(log, 'info'), vi.spyOn(log, 'warn')];

    await qa.ask('FDI Hải Phòng tăng bao nhiêu?');

    // QaService's own line for a question is its 'answer' event (debug); 'question' is the adapters' line.
    expect(logger.lines.map((l) => l.event)).toContain('answer');
    for (const spy of globalLines) expect(spy).not.toHaveBeenCalled();
  });
});
