import { z } from 'zod';

/** Configuration that cannot be used; `message` is one line naming the variable and what to fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Validates environment variables against a zod object schema, once, at the edge of the program.
 * Empty strings count as unset, so `FOO=` in a `.env` file means "use the default".
 * Throws {@link ConfigError} naming the first offending variable; secrets are never echoed.
 */
export function parseEnv<S extends z.ZodObject<z.ZodRawShape>>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? 'configuration');
    const given = cleaned[name] === undefined ? 'is not set' : 'is invalid';
    throw new ConfigError(`${name} ${given}: ${issue.message}`);
  }
  return result.data;
}

/** Comma-separated list of ids (`123, 456`) → string array. */
export const idList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

/** `1/true/yes` → true, `0/false/no` → false; unset → `defaultValue`. */
export function flag(defaultValue: boolean) {
  return z
    .enum(['1', '0', 'true', 'false', 'yes', 'no'], { message: 'use 1 or 0' })
    .optional()
    .transform((s) => (s === undefined ? defaultValue : s === '1' || s === 'true' || s === 'yes'));
}
