import type { Answer } from '../answer/types.js';
import { formatDate } from '../text/format-vi.js';

/** The readable form of an answer for the terminal: the answer, then its numbered sources. */
export function formatAnswer(answer: Answer): string {
  const lines = [answer.answer];
  if (answer.citations.length > 0) {
    lines.push('', 'Nguồn:');
    for (const c of answer.citations) {
      const meta = [c.source, formatDate(c.date)].filter(Boolean).join(', ');
      lines.push(`[${c.n}] ${c.title}${meta ? ` (${meta})` : ''}${c.url ? ` ${c.url}` : ''}`);
      lines.push(`    "${c.text}"`);
    }
  }
  return lines.join('\n');
}

/** One line telling the user which engines answered, so offline mode is never a surprise. */
export function formatMode(mode: Answer['mode']): string {
  const retrieval = mode.retrieval === 'hybrid' ? 'hybrid retrieval (lexical + semantic)' : 'lexical retrieval (semantic search off)';
  const answer = mode.answer === 'llm' ? 'answers written by the configured LLM' : 'extractive answers (no LLM configured)';
  return `Mode: ${retrieval}, ${answer}.`;
}
