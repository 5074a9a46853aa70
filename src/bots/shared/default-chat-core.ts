import type { QaService } from '../../answer/qa-service-types.js';
import { loadConversationConfig } from '../../config/conversation-config.js';
import { loadCoreConfig } from '../../config/core-config.js';
import { chatCoreFromConfig, type ChatCore } from '../../conversation/chat-core.js';
import { Reindexer } from '../../ingestion/reindex.js';

/**
 * The chat core an adapter builds for itself when the app gave it none: from the same
 * environment the app validated, with `logQuestions` as the app passed it.
 */
export function defaultChatCore(qa: QaService, logQuestions: boolean): ChatCore {
  return chatCoreFromConfig(qa, { ...loadCoreConfig(), LOG_QUESTIONS: logQuestions }, loadConversationConfig());
}

/** The /reindex an adapter builds for itself when the app gave it none: CORPUS_DIR into the index `qa` serves. */
export function defaultReindexer(qa: QaService): Reindexer {
  return new Reindexer({ corpusDir: loadCoreConfig().CORPUS_DIR, indexDir: qa.indexDir });
}
