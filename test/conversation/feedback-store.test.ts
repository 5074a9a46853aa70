import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { feedbackPath, SqliteFeedbackStore } from '../../src/conversation/feedback-store.js';
import { databasePath } from '../../src/store/store.js';
import { ingest } from '../../src/ingestion/ingest.js';
import { makeAnswer } from '../helpers/fakes/fake-qa-service.js';
import { tempDir, writeCorpus } from '../helpers/operations-helpers.js';
import { CITY_REPORTS } from '../helpers/conversation-briefings.js';

let tmp: { dir: string; cleanup(): void } | null = null;
afterEach(() => {
  tmp?.cleanup();
  tmp = null;
});

describe('feedback store', () => {
  it('keeps votes and answers through re-ingestion and a rebuild of the index from scratch', async () => {
    tmp = tempDir('feedback-');
    const corpus = path.join(tmp.dir, 'corpus');
    const indexDir = path.join(tmp.dir, 'index');
    writeCorpus(corpus, { 'a.jsonl': JSON.stringify({ ...CITY_REPORTS[0], source: 'test' }) });
    await ingest({ inputs: [corpus], indexDir, embedder: null });

    const store = SqliteFeedbackStore.open(indexDir);
    const id = store.saveAnswer(makeAnswer({ question: 'FDI tăng bao nhiêu?' }));
    store.vote(id, 'telegram:1', 'down');
    store.close();

    writeCorpus(corpus, { 'a.jsonl': JSON.stringify({ ...CITY_REPORTS[1], source: 'test' }) });
    await ingest({ inputs: [corpus], indexDir, embedder: null, prune: true });
    // An admin starting the index afresh deletes its database; the feedback file is not part of it.
    for (const file of fs.readdirSync(indexDir))
      if (file.startsWith(path.basename(databasePath(indexDir)))) fs.rmSync(path.join(indexDir, file));
    await ingest({ inputs: [corpus], indexDir, embedder: null });

    expect(fs.existsSync(feedbackPath(indexDir))).toBe(true);
    const reopened = SqliteFeedbackStore.open(indexDir);
    expect(reopened.summary()).toEqual({ up: 0, down: 1 });
    expect(reopened.answer(id)?.citations[0]?.docId).toBe('doc-1');
    expect(reopened.vote(id, 'telegram:1', 'up')).toBe(true);
    expect(reopened.summary()).toEqual({ up: 1, down: 0 });
    reopened.close();
  });

  it('keeps question text only when asked to (LOG_QUESTIONS=1), a hash otherwise', () => {
    tmp = tempDir('feedback-');
    const quiet = SqliteFeedbackStore.open(tmp.dir);
    quiet.vote(quiet.saveAnswer(makeAnswer({ question: 'Câu hỏi riêng tư?' })), 'discord:2', 'up');
    const [vote] = quiet.recent(5);
    expect(vote!.question).toBeNull();
    expect(vote!.questionHash).toMatch(/^[0-9a-f]{16}$/);
    quiet.close();
    expect(fs.readFileSync(feedbackPath(tmp.dir)).includes(Buffer.from('Câu hỏi riêng tư?'))).toBe(false);

    const chatty = SqliteFeedbackStore.open(tmp.dir, { keepQuestions: true });
    chatty.vote(chatty.saveAnswer(makeAnswer({ question: 'Câu hỏi công khai?' })), 'discord:2', 'up');
    expect(chatty.recent(1)[0]!.question).toBe('Câu hỏi công khai?');
    chatty.close();
  });
});
