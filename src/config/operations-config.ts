import { z } from 'zod';
import { parseEnv } from './parse-env.js';

/**
 * Settings of the operations side: the health endpoint's address (its port is HEALTH_PORT in the
 * core settings) and grace period, and the debounce of `npm run ingest -- --watch`.
 */
export const operationsConfigSchema = z.object({
  HEALTH_HOST: z.string().default('127.0.0.1'),
  // How long a chat adapter may be without its API before /healthz answers 503.
  HEALTH_ADAPTER_GRACE_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int().min(0).max(86_400).default(60),
  WATCH_DEBOUNCE_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(0).max(600_000).default(2000),
});

export type OperationsConfig = z.infer<typeof operationsConfigSchema>;

/** Reads and validates the operations settings; throws ConfigError naming the first bad variable. */
export function loadOperationsConfig(env: NodeJS.ProcessEnv = process.env): OperationsConfig {
  return parseEnv(operationsConfigSchema, env);
}
