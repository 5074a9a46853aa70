import { z } from 'zod';
import { log, type Log } from '../log.js';
import { flag, parseEnv } from './parse-env.js';

function threadCount() {
  return z.coerce.number({ message: 'must be a whole number of threads (0 answers on the main thread)' }).int().min(0).max(64).optional();
}

/**
 * Settings of the question-answering core (ingestion, retrieval, answering), shared by the CLI and
 * the bots. Every variable is documented in `.env.example` and the README.
 */
export const coreConfigSchema = z.object({
  INDEX_DIR: z.string().default('data/index'),
  CORPUS_DIR: z.string().default('corpus'),
  EMBEDDINGS: z.enum(['auto', 'local', 'openai', 'none'], { message: 'use auto, local, openai or none' }).default('auto'),
  EMBEDDING_MODEL: z.string().default('Xenova/multilingual-e5-small'),
  EMBEDDING_MODEL_PATH: z.string().optional(),
  MODELS_DIR: z.string().default('data/models'),
  OPENAI_BASE_URL: z.string().url({ message: 'must be a URL such as https://api.openai.com/v1' }).default('https://api.openai.com/v1'),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  LLM_TIMEOUT_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().positive().default(30_000),
  // The whole written answer, streaming included; past it the extractive answer is sent.
  LLM_DEADLINE_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().positive().default(60_000),
  LLM_MAX_RETRIES: z.coerce.number({ message: 'must be a whole number' }).int().min(0).max(10).default(2),
  LLM_PASSAGE_TOKEN_BUDGET: z.coerce.number({ message: 'must be a number of tokens' }).int().min(200).default(3000),
  OPENAI_EMBEDDING_BATCH: z.coerce.number({ message: 'must be a whole number' }).int().min(1).max(2048).default(64),
  OPENAI_EMBEDDING_DIMENSIONS: z.coerce.number({ message: 'must be a whole number' }).int().positive().optional(),
  HYBRID_LEXICAL_WEIGHT: z.coerce.number().nonnegative().default(1),
  // Vectors add what keywords miss (paraphrases) without overriding a strong keyword match:
  // half the keyword list's weight until `npm run eval` on a real model says otherwise.
  HYBRID_VECTOR_WEIGHT: z.coerce.number().nonnegative().default(0.5),
  TOP_K: z.coerce.number().int().min(1).max(50).default(5),
  // Unset: the bots use one thread per core (up to 4), the CLI none (see QaServiceOptions.answerThreads).
  ANSWER_THREADS: threadCount(),
  /** @deprecated the former name of ANSWER_THREADS, still read (with a warning) when ANSWER_THREADS is unset. */
  RETRIEVAL_THREADS: threadCount(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  LOG_QUESTIONS: flag(false),
  HEALTH_PORT: z.coerce.number({ message: 'must be a port number (0 picks a free one)' }).int().min(0).max(65535).optional(),
});

export type CoreConfig = z.infer<typeof coreConfigSchema>;

/**
 * Reads and validates the core settings from the environment. `options.logger`: where a deprecated
 * setting is reported (the global {@link log} when absent).
 */
export function loadCoreConfig(env: NodeJS.ProcessEnv = process.env, options: { logger?: Log } = {}): CoreConfig {
  const config = parseEnv(coreConfigSchema, env);
  if (config.RETRIEVAL_THREADS !== undefined) {
    deprecationOnce(
      options.logger ?? log,
      'RETRIEVAL_THREADS is deprecated: it is now called ANSWER_THREADS (the threads retrieve and write the extractive answer)',
    );
    config.ANSWER_THREADS ??= config.RETRIEVAL_THREADS;
  }
  return config;
}

const warned = new Set<string>();
function deprecationOnce(logger: Log, message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  logger.warn({ event: 'deprecated-setting' }, message);
}
