import type { QaService } from '../../answer/qa-service-types.js';
import { loadConversationConfig } from '../../config/conversation-config.js';
import { loadCoreConfig } from '../../config/core-config.js';
import { chatCoreFromConfig, type ChatCore } from '../../conversation/chat-core.js';

/**
 * The chat core an adapter builds for itself when the app gave it none: from the same
 * environment the app validated, with `logQuestions` as the app passed it.
 */
export function defaultChatCore(qa: QaService, logQuestions: boolean): ChatCore {
  return chatCoreFromConfig(qa, { ...loadCoreConfig(), LOG_QUESTIONS: logQuestions }, loadConversationConfig());
}
