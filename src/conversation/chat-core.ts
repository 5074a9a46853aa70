import type { QaService } from '../answer/qa-service-types.js';
import { llmOptionsFromConfig } from '../answer/llm-answerer.js';
import type { ConversationConfig } from '../config/conversation-config.js';
import type { CoreConfig } from '../config/core-config.js';
import type { Log } from '../log.js';
import { createLlmCondenser, type Condenser } from './condense.js';
import { Conversations } from './conversations.js';
import { SqliteFeedbackStore, type FeedbackStore } from './feedback-store.js';
import { ConversationMemory, DEFAULT_MEMORY_LIMITS } from './memory.js';

/**
 * What a chat adapter answers with: the core, conversations over it (memory and follow-ups), and
 * the store behind the answer buttons. Built once by the app and shared by every adapter, so a
 * vote cast in Telegram and one cast in Discord land in the same place.
 */
export interface ChatCore {
  qa: QaService;
  conversations: Conversations;
  feedback: FeedbackStore;
  /** LOG_QUESTIONS: question text may be logged and kept with votes. */
  logQuestions: boolean;
  close(): void;
}

export interface ChatCoreOptions {
  /** The index folder, where `feedback.sqlite` lives. */
  indexDir: string;
  logQuestions?: boolean;
  conversation?: Partial<ConversationConfig>;
  /** Condenses follow-ups with the LLM (see {@link createLlmCondenser}); null for slot filling only. */
  condenser?: Condenser | null;
  /** Clock of the conversation memory (tests). */
  now?: () => number;
  /** Where the conversations log (the app's root logger); the global logger when absent. */
  logger?: Log;
}

/** Builds the chat core over `qa` (opening the feedback store in the index folder). */
export function createChatCore(qa: QaService, options: ChatCoreOptions): ChatCore {
  const memory = new ConversationMemory(
    {
      ...DEFAULT_MEMORY_LIMITS,
      ...(options.conversation?.CONVERSATION_TTL_MINUTES !== undefined
        ? { ttlMs: options.conversation.CONVERSATION_TTL_MINUTES * 60_000 }
        : {}),
      ...(options.conversation?.CONVERSATION_MAX !== undefined ? { maxConversations: options.conversation.CONVERSATION_MAX } : {}),
    },
    options.now,
  );
  const feedback = SqliteFeedbackStore.open(options.indexDir, { keepQuestions: options.logQuestions ?? false });
  return {
    qa,
    conversations: new Conversations(qa, memory, options.condenser ?? null, options.logger ? { logger: options.logger } : {}),
    feedback,
    logQuestions: options.logQuestions ?? false,
    close: () => feedback.close(),
  };
}

/** The chat core as the configuration asks: feedback in INDEX_DIR, the LLM condensing follow-ups when one is configured. */
export function chatCoreFromConfig(
  qa: QaService,
  core: CoreConfig,
  conversation: ConversationConfig,
  options: { logger?: Log } = {},
): ChatCore {
  const llm = llmOptionsFromConfig(core);
  return createChatCore(qa, {
    indexDir: qa.indexDir,
    logQuestions: core.LOG_QUESTIONS,
    conversation,
    condenser: llm ? createLlmCondenser(llm) : null,
    ...options,
  });
}
