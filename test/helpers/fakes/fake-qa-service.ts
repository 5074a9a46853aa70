import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { QaService, ServiceStats } from '../../../src/answer/qa-service-types.js';
import type { Answer, AnswerEvent } from '../../../src/answer/types.js';

/** Builds a well-formed answer for bot tests; override any field. */
export function makeAnswer(overrides: Partial<Answer> = {}): Answer {
  return {
    question: 'câu hỏi',
    status: 'answered',
    answer: 'Trả lời [1].',
    citations: [{ n: 1, docId: 'doc-1', title: 'Tiêu đề', source: 'TTXVN', url: null, date: '2023-10-19', text: 'Câu trích dẫn.' }],
    passages: [{ docId: 'doc-1', chunkId: 'doc-1#0', score: 1, text: 'Câu trích dẫn.' }],
    mode: { retrieval: 'lexical', answer: 'extractive' },
    timings: { retrieveMs: 1, answerMs: 1, totalMs: 2 },
    ...overrides,
  };
}

/**
 * A scriptable QaService for bot tests that do not need a real index: `answerWith` decides the
 * answer (or throws), `streamWith` the deltas. /reindex is not the service's: see FakeReindexer.
 */
export class FakeQaService implements QaService {
  /** A folder of its own, where the bots keep feedback (feedback.sqlite) as beside a real index. */
  readonly indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-qa-'));
  answerWith: (question: string) => Answer | Promise<Answer> = (question) => makeAnswer({ question });
  streamDeltas: string[] | null = null;
  readonly questions: string[] = [];
  #answered = 0;

  async ask(question: string): Promise<Answer> {
    this.questions.push(question);
    const answer = await this.answerWith(question);
    this.#answered++;
    return answer;
  }

  async *askStream(question: string): AsyncIterable<AnswerEvent> {
    const answer = await this.ask(question);
    for (const text of this.streamDeltas ?? []) yield { type: 'delta', text };
    yield { type: 'final', answer };
  }

  stats(): ServiceStats {
    return {
      documents: 2,
      chunks: 5,
      newestDate: '2023-10-19',
      lastIngestAt: '2026-01-01T00:00:00.000Z',
      embeddingModel: null,
      retrieval: 'lexical',
      answer: 'extractive',
      questionsAnswered: this.#answered,
      startedAt: '2026-01-01T00:00:00.000Z',
    };
  }

  async close(): Promise<void> {}
}
