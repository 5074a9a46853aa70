import '../config/load-dotenv.js';
import readline from 'node:readline';
import { createQaService } from '../answer/qa-service.js';
import { loadCoreConfig } from '../config/core-config.js';
import { IndexError } from '../index/store.js';
import { formatAnswer, formatMode } from './format-answer.js';
import { quietLogsForCli } from '../log.js';
import { parseCommandLine } from './command-line.js';
import { reportFatal, UsageError } from './report-fatal.js';

const USAGE = 'Usage: npm run ask -- [--index DIR] [--json] [--k N] ["question"]   (no question: one question per line on stdin)';

/** `npm run ask`: answers one question, or every line of stdin, from the index. */
async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(USAGE, {
    index: { type: 'string' },
    json: { type: 'boolean', default: false },
    k: { type: 'string' },
  });
  // On a terminal, waiting for stdin would look like a hang: say how to ask instead.
  if (positionals.length === 0 && process.stdin.isTTY) throw new UsageError(`No question given. ${USAGE}`);
  const config = loadCoreConfig();
  const k = values.k === undefined ? config.TOP_K : Number(values.k);
  if (!Number.isInteger(k) || k < 1 || k > 50) throw new UsageError(`--k must be a whole number from 1 to 50 (got "${values.k}"). ${USAGE}`);
  const qa = await createQaService({ ...config, TOP_K: k }, { indexDir: values.index });
  if (qa.stats().documents === 0) {
    await qa.close();
    throw new IndexError(`The index at ${values.index ?? config.INDEX_DIR} is empty: no briefing has been ingested yet. Add files to ${config.CORPUS_DIR}/ and run npm run ingest`);
  }
  let modeShown = false;
  const answerOne = async (question: string) => {
    const answer = await qa.ask(question);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(answer)}\n`);
      return;
    }
    if (!modeShown) {
      process.stderr.write(`${formatMode(answer.mode)}\n`);
      modeShown = true;
    }
    process.stdout.write(`${formatAnswer(answer)}\n\n`);
  };
  try {
    if (positionals.length > 0) await answerOne(positionals.join(' '));
    else for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) await answerOne(line);
  } finally {
    await qa.close();
  }
}

quietLogsForCli();
main().catch(reportFatal);
