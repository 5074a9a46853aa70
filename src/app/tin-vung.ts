#!/usr/bin/env node
/**
 * `tin-vung <command> [options]`: the installed command (package.json `bin`), one name for every
 * entry point. Each command is the same program `npm run <command>` runs, with the same `--help`.
 */
const COMMANDS: Record<string, { module: string; what: string }> = {
  ingest: { module: '../cli/ingest.js', what: 'read briefings into the index' },
  ask: { module: '../cli/ask.js', what: 'answer questions from the command line' },
  start: { module: './start.js', what: 'run every chat bot whose token is set' },
  'bot:telegram': { module: './telegram-main.js', what: 'run the Telegram bot alone' },
  'bot:discord': { module: './discord-main.js', what: 'run the Discord bot alone' },
  eval: { module: '../cli/eval.js', what: 'measure retrieval on a SQuAD-format benchmark' },
};

const USAGE = [
  'Usage: tin-vung <command> [options]   (tin-vung <command> --help for its options)',
  ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(17)} ${c.what}`),
].join('\n');

const [command] = process.argv.splice(2, 1);
const chosen = command === undefined ? undefined : COMMANDS[command];
if (command === undefined || command === '--help' || command === '-h') {
  console.log(USAGE);
} else if (!chosen) {
  console.error(`Error: unknown command ${command}.\n${USAGE}`);
  process.exitCode = 2;
} else {
  // The command's module parses the rest of process.argv itself, as when run directly.
  await import(chosen.module);
}
