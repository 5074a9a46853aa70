import type { Passage } from '../store/types.js';
import type { Citation } from './types.js';

/** The numbered citation [n] for a passage, quoting `text` (the cited sentence, or the passage). */
export function toCitation(n: number, passage: Passage, text: string = passage.text): Citation {
  return { n, docId: passage.docId, title: passage.title, source: passage.source, url: passage.url, date: passage.date, text };
}
