import type { IngestSummary, SkippedFile } from '../ingestion/types.js';
import { formatNumber } from '../text/format-vi.js';
import { printable } from '../util/printable.js';

/** The human-readable end-of-run summary printed by `npm run ingest`. */
export function formatSummary(s: IngestSummary): string {
  const n = formatNumber;
  const lines = [
    `Files read: ${n(s.filesRead)}`,
    `Documents: ${n(s.added)} added, ${n(s.updated)} updated, ${n(s.unchanged)} unchanged, ${n(s.removed)} removed`,
    `Chunks in index: ${n(s.chunks)}${s.embedded ? ` (${n(s.embedded)} embedded this run)` : ''}`,
  ];
  if (s.feeds) {
    const f = s.feeds;
    lines.push(
      `Feeds and article URLs: ${f.listed} listed, ${f.unchangedSources} not modified; pages: ${f.pagesRead} read, ${f.pagesUnchanged} ` +
        `unchanged, ${f.fromDescription} from the feed's description; ${f.requests} HTTP requests (${f.notModified} answered 304)`,
    );
  }
  if (s.skipped.length > 0) {
    lines.push(`Skipped (${n(s.skipped.length)}):`);
    for (const line of groupSkipped(s.skipped)) lines.push(`  - ${line}`);
  }
  lines.push(`Time: ${s.seconds.toFixed(1)} s`);
  return lines.join('\n');
}

/** Line numbers listed per group of skipped lines; the rest are counted. */
const SHOWN_LINES = 5;

/**
 * One entry per skipped file, and one per file and reason for skipped lines or items
 * (`news.jsonl: 569 lines skipped: not valid JSON (lines 3, 7, 9, 12, 15, …)`), rather than 569
 * lines that differ only by their number.
 */
function groupSkipped(skipped: SkippedFile[]): string[] {
  const groups = new Map<string, { path: string; unit: string; reason: string; numbers: number[] }>();
  const out: Array<string | { key: string }> = [];
  for (const k of skipped) {
    const m = /^(line|item) (\d+)(?: skipped)?: (.*)$/.exec(k.reason);
    if (!m) {
      out.push(`${printable(k.path)}: ${printable(k.reason)}`);
      continue;
    }
    // Positions inside the line ("at column 17") differ from line to line; the cause does not.
    const reason = m[3]!.replace(/ at column \d+/g, '').replace(/ \(line \d+, column \d+\)/g, '');
    const key = `${k.path}\u0000${m[1]}\u0000${reason}`;
    let group = groups.get(key);
    if (!group) {
      group = { path: printable(k.path), unit: m[1]!, reason: printable(reason), numbers: [] };
      groups.set(key, group);
      out.push({ key });
    }
    group.numbers.push(Number(m[2]));
  }
  return out.map((entry) => {
    if (typeof entry === 'string') return entry;
    const g = groups.get(entry.key)!;
    if (g.numbers.length === 1) return `${g.path}: ${g.unit} ${g.numbers[0]}: ${g.reason}`;
    const shown = g.numbers.slice(0, SHOWN_LINES).join(', ');
    const more = g.numbers.length > SHOWN_LINES ? ', …' : '';
    return `${g.path}: ${formatNumber(g.numbers.length)} ${g.unit}s skipped: ${g.reason} (${g.unit}s ${shown}${more})`;
  });
}
