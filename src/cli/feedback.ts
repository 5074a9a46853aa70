import '../config/load-dotenv.js';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { formatDateTime } from '../text/format-vi.js';
import { loadCoreConfig } from '../config/core-config.js';
import { feedbackPath, SqliteFeedbackStore } from '../conversation/feedback-store.js';
import { quietLogsForCli } from '../log.js';
import { reportFatal, UsageError } from './report-fatal.js';

const USAGE = "Usage: npm run feedback -- [--index DIR] [--limit N] [--json]   (the readers' latest 👍/👎 votes, newest first)";

/** `npm run feedback`: the votes readers gave answers in chat, as a table or JSON lines, with the totals. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      index: { type: 'string' },
      limit: { type: 'string', default: '20' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw new UsageError(`--limit must be a whole number from 1 to 10000 (got "${values.limit}"). ${USAGE}`);
  const indexDir = values.index ?? loadCoreConfig().INDEX_DIR;
  if (!fs.existsSync(feedbackPath(indexDir))) {
    if (values.json) return;
    return void console.log(`No feedback yet: nobody has voted on an answer (${feedbackPath(indexDir)} does not exist).`);
  }
  const store = SqliteFeedbackStore.open(indexDir, { readonly: true });
  try {
    const votes = store.recent(limit);
    if (values.json) {
      for (const vote of votes) process.stdout.write(`${JSON.stringify(vote)}\n`);
      return;
    }
    const { up, down } = store.summary();
    const total = up + down;
    console.log(`👍 ${up} · 👎 ${down}${total > 0 ? ` (👎 ${Math.round((1000 * down) / total) / 10}%)` : ''}`);
    if (votes.length === 0) return;
    const rows = votes.map((v) => [
      formatDateTime(v.at),
      v.vote === 'up' ? '👍' : '👎',
      v.question ?? `#${v.questionHash}`,
      v.docIds.join(', '),
    ]);
    const header = ['time', 'vote', 'question', 'briefings cited'];
    const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd();
    console.log(line(header));
    for (const row of rows) console.log(line(row));
  } finally {
    store.close();
  }
}

quietLogsForCli();
main().catch(reportFatal);
