import type { Answer } from '../../answer/types.js';
import { Client, Events, GatewayIntentBits, Partials, type RESTOptions } from 'discord.js';
import type { QaService } from '../../answer/qa-service-types.js';
import type { DiscordConfig } from '../../config/discord-config.js';
import type { ChatCore } from '../../conversation/chat-core.js';
import type { ConnectionStatus } from '../../health/connection-status.js';
import { errorForLog, errorLine, log, scrubSecrets, type Log } from '../../log.js';
import type { ReindexRunner } from '../../ingestion/reindex.js';
import { defaultChatCore, defaultReindexer } from '../shared/default-chat-core.js';
import { RecentMap } from '../shared/recent-map.js';
import { SlidingWindowLimiter } from '../shared/rate-limit.js';
import type { DiscordBotContext } from './context.js';
import { NO_MENTIONS } from './format.js';
import { handleInteraction } from './interactions.js';
import { handleMessage } from './messages.js';
import { ExpectedError } from '../../errors.js';

/** Discord refused the token or could not be reached; the message never contains the token. */
export class DiscordLoginError extends ExpectedError {
  override name = 'DiscordLoginError';
}

/** A running Discord bot. */
export interface DiscordBotHandle {
  /** The bot's own user id, once connected. */
  readonly userId: string;
  /** Disconnects from Discord; the QaService is left open (its owner closes it). */
  stop(): Promise<void>;
}

export interface DiscordBotOptions {
  /** LOG_QUESTIONS from the core configuration. */
  logQuestions?: boolean;
  /** Overrides of the REST client (tests use no retries and a short timeout against a fake Discord). */
  rest?: Partial<RESTOptions>;
  logger?: Log;
  /**
   * Conversations and feedback, shared with the other adapters; built by the app. When absent the
   * adapter builds its own from the environment (and closes it on stop).
   */
  chat?: ChatCore;
  /**
   * What /reindex runs, shared with the other adapters; built by the app. When absent the adapter
   * builds its own over `qa`'s index and CORPUS_DIR (and stops it on stop).
   */
  reindexer?: ReindexRunner;
  /** Aborted when the program stops: a login still waiting for Discord gives up (with the signal's AbortError). */
  signal?: AbortSignal;
  /** Fed with the gateway connection's state (shard events), for /healthz. */
  connection?: ConnectionStatus;
}

/**
 * Intents: guild and channel structure, guild messages (to see mentions) and direct messages.
 * Message Content, the privileged intent, is not requested: Discord still delivers the text of
 * messages that mention the bot and of DMs, which is all the bot answers.
 */
const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

/**
 * Connects the bot to Discord and answers /ask, /sources, /stats, /reindex and mentions through
 * `qa`. Resolves once the gateway is ready; rejects (with a message free of the token) when the
 * token is refused or Discord cannot be reached.
 */
export async function startDiscordBot(qa: QaService, config: DiscordConfig, options: DiscordBotOptions = {}): Promise<DiscordBotHandle> {
  const secrets = [config.DISCORD_TOKEN];
  const client = new Client({
    intents: INTENTS,
    // DM channels are not cached until a message arrives; without this partial their messages are dropped.
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    rest: { api: config.DISCORD_API_URL, ...options.rest },
  });
  const logger = (options.logger ?? log).child({ adapter: 'discord' });
  const ownChat = options.chat === undefined;
  const chat = options.chat ?? defaultChatCore(qa, options.logQuestions ?? false);
  const ownReindexer = options.reindexer === undefined;
  const reindexer = options.reindexer ?? defaultReindexer(qa);
  /** Closes what the adapter built for itself; the app closes what it passed. */
  const closeOwn = async () => {
    if (ownChat) chat.close();
    if (ownReindexer) await reindexer.stop();
  };
  const ctx: DiscordBotContext = {
    chat,
    reindexer,
    config,
    lastAnswers: new RecentMap<Answer>(),
    limiter: new SlidingWindowLimiter(config.DISCORD_RATE_LIMIT, config.DISCORD_RATE_WINDOW_SECONDS * 1000),
    logger,
  };

  client.on(Events.InteractionCreate, (interaction) => {
    void handleInteraction(interaction, ctx);
  });
  client.on(Events.MessageCreate, (message) => {
    if (client.user) void handleMessage(message, ctx, client.user.id);
  });
  client.on(Events.Error, (error) => logger.error({ event: 'client-error', err: errorForLog(error, secrets) }));
  client.on(Events.Warn, (message) => logger.warn({ event: 'client-warning', warning: scrubSecrets(message, secrets) }));
  const { connection, signal } = options;
  if (connection) {
    // discord.js retries a lost gateway by itself; these events say when, and when it gives up.
    client.on(Events.ShardReady, () => connection.ok());
    client.on(Events.ShardResume, () => connection.ok());
    client.on(Events.ShardReconnecting, () => connection.reconnecting('gateway connection closed'));
    client.on(Events.ShardError, (error) => connection.reconnecting(`gateway error: ${errorLine(error, secrets)}`));
    client.on(Events.ShardDisconnect, (event) => connection.down(`gateway closed with code ${event.code}; not reconnecting`));
    client.on(Events.Invalidated, () => connection.down('session invalidated by Discord'));
  }

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  // A stop while Discord is unreachable: login would otherwise wait (and retry) for ever.
  const aborted = new Promise<never>((_, reject) => {
    const onAbort = () => {
      const reason: unknown = signal?.reason;
      reject(reason instanceof Error ? reason : new Error(String(reason)));
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {});
  try {
    await Promise.race([client.login(config.DISCORD_TOKEN), aborted]);
  } catch (error) {
    await client.destroy();
    await closeOwn();
    signal?.throwIfAborted();
    throw new DiscordLoginError(`Discord login failed (check DISCORD_TOKEN and DISCORD_API_URL): ${errorLine(error, secrets)}`);
  }
  let readyClient: Client<true>;
  try {
    readyClient = await Promise.race([ready, aborted]);
  } catch (error) {
    await client.destroy();
    await closeOwn();
    throw error;
  }
  connection?.ok();
  logger.info({ event: 'started', user: readyClient.user.tag, guilds: readyClient.guilds.cache.size });
  return {
    userId: readyClient.user.id,
    stop: async () => {
      await client.destroy();
      await closeOwn();
      logger.info({ event: 'stopped' });
    },
  };
}
