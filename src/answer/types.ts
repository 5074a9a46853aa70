import type { Passage } from '../store/types.js';

export type RetrievalMode = 'lexical' | 'hybrid';
export type AnswerMode = 'extractive' | 'llm';

/** A numbered source the answer points at with [n]. */
export interface Citation {
  n: number;
  docId: string;
  title: string;
  source: string | null;
  url: string | null;
  date: string | null;
  /** The cited sentence (or passage) the claim comes from. */
  text: string;
}

/**
 * The answer to one question: the JSON contract of `ask --json` and what the bots render.
 * `invalid` is for questions that cannot be asked (empty, too long); `answer` then says why, politely.
 */
export interface Answer {
  question: string;
  status: 'answered' | 'not_found' | 'invalid';
  answer: string;
  citations: Citation[];
  passages: Pick<Passage, 'docId' | 'chunkId' | 'score' | 'text'>[];
  mode: { retrieval: RetrievalMode; answer: AnswerMode };
  timings: { retrieveMs: number; answerMs: number; totalMs: number };
}

/** Events of a streamed answer: text deltas as the LLM writes, then the checked final answer. */
export type AnswerEvent = { type: 'delta'; text: string } | { type: 'final'; answer: Answer };
