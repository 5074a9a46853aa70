import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './report-fatal.js';

/**
 * Parses a command's arguments (node:util parseArgs, strict) with `--help`/`-h` added: help prints
 * the usage and exits 0; an unknown option, a missing value or an unexpected argument becomes a
 * {@link UsageError} of one line naming it, followed by the usage (exit 2), never a stack trace.
 */
type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandLine<const O extends Options>(usage: string, options: O, { positionals = true } = {}) {
  const config = {
    options: { ...options, help: { type: 'boolean', short: 'h' } } as O & { help: { type: 'boolean'; short: 'h' } },
    allowPositionals: positionals,
    strict: true,
  } as const;
  let parsed;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    throw new UsageError(`${describeArgumentError(error)}. ${usage}`);
  }
  if ((parsed.values as Record<string, unknown>).help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}

function describeArgumentError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted) return `Unknown option ${quoted}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && quoted) return `Unexpected argument ${quoted} (this command takes none)`;
  return message.split('\n')[0]!.replace(/\.$/, '');
}
