import { printable } from '../util/printable.js';
import type { IngestSummary } from '../ingestion/types.js';

/** The human-readable end-of-run summary printed by `npm run ingest`. */
export function formatSummary(s: IngestSummary): string {
  const lines = [
    `Files read: ${s.filesRead}`,
    `Documents: ${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged, ${s.removed} removed`,
    `Chunks in index: ${s.chunks}${s.embedded ? ` (${s.embedded} embedded this run)` : ''}`,
  ];
  if (s.feeds) {
    const f = s.feeds;
    lines.push(`Feeds and article URLs: ${f.listed} listed, ${f.unchangedSources} not modified; pages: ${f.pagesRead} read, ${f.pagesUnchanged} unchanged, ${f.fromDescription} from the feed's description; ${f.requests} HTTP requests (${f.notModified} answered 304)`);
  }
  if (s.skipped.length > 0) {
    lines.push(`Skipped (${s.skipped.length}):`);
    for (const k of s.skipped) lines.push(`  - ${printable(k.path)}: ${printable(k.reason)}`);
  }
  lines.push(`Time: ${s.seconds.toFixed(1)} s`);
  return lines.join('\n');
}
