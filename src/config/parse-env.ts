import { z } from 'zod';
import { ExpectedError } from '../errors.js';

/** Configuration that cannot be used; `message` is one line naming the variable and what to fix. */
export class ConfigError extends ExpectedError {
  override name = 'ConfigError';
}

/** Marks messages zod would write itself ("expected number, received NaN"): they are rewritten as what is allowed. */
const GENERIC = '\u0000generic';

/**
 * Validates environment variables against a zod object schema, once, at the edge of the program.
 * Empty strings count as unset, so `FOO=` in a `.env` file means "use the default".
 * Throws {@link ConfigError} naming the first offending variable and what it accepts
 * (`TOP_K is invalid: use a whole number from 1 to 50`); values are never echoed (they may be secrets).
 */
export function parseEnv<S extends z.ZodObject<z.ZodRawShape>>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  // Messages written in the schema win; this one only replaces zod's own.
  const result = schema.safeParse(cleaned, { error: () => GENERIC });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? 'configuration');
    const given = cleaned[name] === undefined ? 'is not set' : 'is invalid';
    const field = schema.shape[name] as z.ZodType | undefined;
    const message =
      issue.message === GENERIC ? `use ${(field && allowedValues(field)) ?? 'a valid value (see .env.example)'}` : issue.message;
    throw new ConfigError(`${name} ${given}: ${message}`);
  }
  return result.data;
}

/** The fields of a number's bound check (`.min()`, `.max()`, `.gt()`, `.lt()`) read here; other checks have only `check`. */
interface BoundCheckDef {
  check: string;
  value: number;
  inclusive: boolean;
}

/** The schema a `.default()` or `.optional()` wraps, if `type` is such a wrapper. */
function innerTypeOf(type: z.ZodType): z.ZodType | undefined {
  const def = type._zod.def;
  return 'innerType' in def ? (def.innerType as z.ZodType | undefined) : undefined;
}

/** What a field accepts, in words: `a whole number from 1 to 50`, `one of info, warn`; null when it cannot say. */
function allowedValues(field: z.ZodType): string | null {
  let inner = field;
  for (let next = innerTypeOf(inner); next; next = innerTypeOf(inner)) inner = next; // through .default() and .optional()
  if (inner instanceof z.ZodEnum) return `one of ${(inner.options as string[]).join(', ')}`;
  if (!(inner instanceof z.ZodNumber)) return null;
  let low: number | null = null;
  let high: number | null = null;
  for (const check of inner._zod.def.checks ?? []) {
    const def = check._zod.def as BoundCheckDef;
    if (def.check === 'greater_than') low = def.inclusive || !inner.isInt ? def.value : def.value + 1;
    if (def.check === 'less_than') high = def.inclusive || !inner.isInt ? def.value : def.value - 1;
  }
  const kind = inner.isInt ? 'a whole number' : 'a number';
  if (low !== null && high !== null) return `${kind} from ${low} to ${high}`;
  if (low !== null) return `${kind} of at least ${low}`;
  if (high !== null) return `${kind} of at most ${high}`;
  return kind;
}

/** Comma-separated list of ids (`123, 456`) → string array. */
export const idList = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

/** `1/true/yes` → true, `0/false/no` → false; unset → `defaultValue`. */
export function flag(defaultValue: boolean) {
  return z
    .enum(['1', '0', 'true', 'false', 'yes', 'no'], { message: 'use 1 or 0' })
    .optional()
    .transform((s) => (s === undefined ? defaultValue : s === '1' || s === 'true' || s === 'yes'));
}
