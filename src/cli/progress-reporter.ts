import cliProgress from 'cli-progress';
import type { IngestProgress } from '../ingestion/types.js';
import { formatNumber } from '../text/format-vi.js';

/** Without a terminal, a line per this many records read in one file. */
const RECORDS_PER_LINE = 10_000;

/**
 * Shows ingestion progress: a progress bar on a terminal, plain lines (every 10%, and every 10.000
 * records within one big file) otherwise, so logs of scheduled runs stay readable. Returns the callback and a `stop` to call at the end.
 */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): { onProgress: IngestProgress; stop: () => void } {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: '{phase} [{bar}] {value}/{total} {file}{records}', hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    let phase = '';
    return {
      onProgress: (e) => {
        if (!started || e.phase !== phase) {
          if (started) bar.stop();
          bar.start(e.total, e.done, { phase: e.phase.padEnd(6), file: '', records: '' });
          started = true;
          phase = e.phase;
        }
        bar.update(e.done, { file: e.file ?? '', records: e.records ? `: ${formatNumber(e.records)} records` : '' });
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let lastDecile = new Map<string, number>();
  return {
    onProgress: (e) => {
      if (e.records !== undefined) {
        if (e.records % RECORDS_PER_LINE === 0) stream.write(`${e.phase}: ${e.file ?? ''}: ${formatNumber(e.records)} records\n`);
        return;
      }
      const decile = e.total === 0 ? 10 : Math.floor((e.done / e.total) * 10);
      if (lastDecile.get(e.phase) === decile) return;
      lastDecile.set(e.phase, decile);
      stream.write(`${e.phase}: ${e.done}/${e.total}\n`);
    },
    stop: () => {
      lastDecile = new Map();
    },
  };
}
