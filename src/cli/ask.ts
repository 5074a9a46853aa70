import '../config/load-dotenv.js';
import readline from 'node:readline';
import { createQaService } from '../answer/qa-service.js';
import type { Answer } from '../answer/types.js';
import { loadConversationConfig } from '../config/conversation-config.js';
import { loadCoreConfig } from '../config/core-config.js';
import { chatCoreFromConfig } from '../conversation/chat-core.js';
import { IndexError } from '../store/store.js';
import { formatAnswer, formatMode } from './format-answer.js';
import { quietLogsForCli } from '../log.js';
import { parseCommandLine } from './command-line.js';
import { reportFatal, UsageError } from './report-fatal.js';

const USAGE =
  'Usage: npm run ask -- [--index DIR] [--json] [--k N] [--chat] ["question"]   (no ' +
  'question: one question per line on stdin; --chat: as a conversation, follow-ups included)';

/** `npm run ask`: answers one question, or every line of stdin, from the index; `--chat` keeps the thread of a conversation. */
async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(USAGE, {
    index: { type: 'string' },
    json: { type: 'boolean', default: false },
    k: { type: 'string' },
    chat: { type: 'boolean', default: false },
  });
  // On a terminal, waiting for stdin would look like a hang: say how to ask instead.
  if (positionals.length === 0 && process.stdin.isTTY && !values.chat) throw new UsageError(`No question given. ${USAGE}`);
  const config = loadCoreConfig();
  const conversation = values.chat ? loadConversationConfig() : null;
  const k = values.k === undefined ? config.TOP_K : Number(values.k);
  if (!Number.isInteger(k) || k < 1 || k > 50)
    throw new UsageError(`--k must be a whole number from 1 to 50 (got "${values.k}"). ${USAGE}`);
  const qa = await createQaService({ ...config, TOP_K: k }, { indexDir: values.index });
  if (qa.stats().documents === 0) {
    await qa.close();
    throw new IndexError(
      `The index at ${values.index ?? config.INDEX_DIR} is empty: no briefing has been ingested yet. Add files to ${config.CORPUS_DIR}/ and run npm run ingest`,
    );
  }
  const chat = conversation ? chatCoreFromConfig(qa, config, conversation) : null;
  let modeShown = false;
  const show = (answer: Answer, understoodAs: string | null) => {
    if (values.json) {
      process.stdout.write(`${JSON.stringify(understoodAs === null ? answer : { ...answer, understoodAs })}\n`);
      return;
    }
    if (!modeShown) {
      process.stderr.write(`${formatMode(answer.mode)}\n`);
      modeShown = true;
    }
    process.stdout.write(`${understoodAs === null ? '' : `(Hiểu là: ${understoodAs})\n`}${formatAnswer(answer)}\n\n`);
  };
  const answerOne = async (question: string) => {
    if (!chat) return show(await qa.ask(question), null);
    for await (const event of chat.conversations.ask('terminal', question))
      if (event.type === 'final') show(event.answer, event.understoodAs);
  };
  try {
    if (positionals.length > 0) await answerOne(positionals.join(' '));
    else {
      for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        // In a conversation, an empty line or /new starts afresh, as /new does in Telegram.
        if (chat && (line.trim() === '' || line.trim() === '/new')) chat.conversations.forget('terminal');
        else await answerOne(line);
      }
    }
  } finally {
    chat?.close();
    await qa.close();
  }
}

quietLogsForCli();
main().catch(reportFatal);
