/**
 * What conversations cost per question: resolving a follow-up offline, and storing an answer for
 * its buttons (feedback.sqlite). `npx tsx scripts/bench-conversation.ts` (figures in docs/conversation.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteFeedbackStore } from '../src/conversation/feedback-store.js';
import { resolveOffline } from '../src/conversation/follow-up.js';

const ROUNDS = 2000;
const first = resolveOffline('Hải Phòng đón bao nhiêu lượt khách du lịch 9 tháng năm 2023?', undefined);
let started = performance.now();
for (let i = 0; i < ROUNDS; i++) resolveOffline(i % 2 ? 'Còn xuất khẩu thì sao?' : 'Thế còn Đà Nẵng?', first);
const resolveMs = (performance.now() - started) / ROUNDS;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-feedback-'));
const store = SqliteFeedbackStore.open(dir);
const answer = {
  question: 'FDI của Hải Phòng tăng bao nhiêu?',
  status: 'answered' as const,
  answer: 'Thu hút FDI đạt 3,055 tỷ USD, tăng 140,3% [1].',
  citations: [
    {
      n: 1,
      docId: 'hp',
      title: 'Hải Phòng',
      source: 'TTXVN',
      url: null,
      date: '2023-10-19',
      text: 'Thu hút FDI đạt 3,055 tỷ USD, tăng 140,3%.',
    },
  ],
  passages: Array.from({ length: 5 }, (_, i) => ({ docId: `d${i}`, chunkId: `d${i}#0`, score: 1, text: 'x '.repeat(600) })),
  mode: { retrieval: 'lexical' as const, answer: 'extractive' as const },
  timings: { retrieveMs: 1, answerMs: 1, totalMs: 2 },
};
started = performance.now();
for (let i = 0; i < ROUNDS; i++) store.saveAnswer(answer);
const saveMs = (performance.now() - started) / ROUNDS;
store.close();
fs.rmSync(dir, { recursive: true, force: true });
console.log(
  `follow-up resolved offline: ${resolveMs.toFixed(3)} ms; answer stored for its buttons: ${saveMs.toFixed(3)} ms (mean of ${ROUNDS})`,
);
