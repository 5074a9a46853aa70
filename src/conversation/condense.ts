import { chatCompletion } from '../openai/chat.js';
import { createOpenAiClient, type OpenAiClientOptions } from '../openai/client.js';
import type { Turn } from './follow-up.js';

/** Rewrites a follow-up into a standalone question, given the questions before it. */
export interface Condenser {
  condense(history: readonly Turn[], question: string): Promise<string>;
}

const SYSTEM = [
  'You rewrite the last question of a conversation about Vietnamese regional news into one standalone question.',
  'Keep the language of the last question. Take the place, the period and the subject it does not name from the earlier questions;',
  'keep every place, period and subject it does name. Do not answer it. Reply with the rewritten question only, on one line.',
].join(' ');

/** The usual chat-RAG step, done by the configured OpenAI-compatible chat model. */
export function createLlmCondenser(options: OpenAiClientOptions & { model: string }): Condenser {
  const client = createOpenAiClient(options);
  return {
    async condense(history, question) {
      const earlier = history.map((t, i) => `${i + 1}. ${t.question}`).join('\n');
      const text = await chatCompletion(client, {
        model: options.model,
        temperature: 0,
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: `Earlier questions:\n${earlier}\n\nLast question: ${question}\n\nStandalone question:` },
        ],
      });
      return (
        text
          .split('\n')
          .map((l) => l.trim())
          .find((l) => l !== '')
          ?.replace(/^["“']|["”']$/g, '') ?? ''
      );
    },
  };
}
