/**
 * Plain-text briefings (`.txt`): a headline line, then paragraphs separated by blank lines.
 */
import type { LoadResult } from '../types.js';
import { stripFurniture } from '../furniture.js';
import { idFromPath } from './doc-id.js';
import { splitHeadline } from './title-lines.js';

/**
 * Reads a `.txt` briefing: the headline is the first line (see {@link splitHeadline} for pages copied
 * with a section label and place line), the body is the rest with page furniture removed.
 */
export function loadText(text: string, relPath: string): LoadResult {
  const headed = splitHeadline(stripFurniture(text));
  if (headed.body.trim() === '') return { ok: false, reason: 'no body text after the title line' };
  return {
    ok: true,
    documents: [{ id: idFromPath(relPath), title: headed.title, text: headed.body, ...(headed.region ? { region: headed.region } : {}) }],
  };
}
