import { z } from 'zod';
import { parseEnv } from './parse-env.js';

/** Settings of conversations in chat: how long and how many are remembered. Documented in docs/conversation.md. */
export const conversationConfigSchema = z.object({
  CONVERSATION_TTL_MINUTES: z.coerce.number({ message: 'must be a number of minutes' }).positive().default(30),
  CONVERSATION_MAX: z.coerce.number({ message: 'must be a whole number of conversations' }).int().min(1).default(10_000),
});

export type ConversationConfig = z.infer<typeof conversationConfigSchema>;

/** Reads and validates the conversation settings; throws ConfigError naming the first bad variable. */
export function loadConversationConfig(env: NodeJS.ProcessEnv = process.env): ConversationConfig {
  return parseEnv(conversationConfigSchema, env);
}
