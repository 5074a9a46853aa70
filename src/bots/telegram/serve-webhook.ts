import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookCallback, type Bot } from 'grammy';
import { errorForLog, type Log } from '../../log.js';
import type { TelegramConfig } from '../../config/telegram-config.js';
import { ALLOWED_UPDATES, type BotContext } from './bot-deps.js';

/** A listening webhook server. */
export interface WebhookServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Receives updates through a webhook: a plain node:http server on TELEGRAM_WEBHOOK_HOST:PORT
 * (TLS is left to the reverse proxy in front of it) answering POSTs to the path of
 * TELEGRAM_WEBHOOK_URL, then tells Telegram to deliver there. Every request must carry the secret
 * token given to setWebhook (TELEGRAM_WEBHOOK_SECRET, or a random one per start); others get 401.
 */
export async function serveWebhook(
  bot: Bot<BotContext>,
  config: TelegramConfig & { TELEGRAM_WEBHOOK_URL: string },
  logger: Log,
): Promise<WebhookServer> {
  const secrets = [config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_WEBHOOK_SECRET];
  const secretToken = config.TELEGRAM_WEBHOOK_SECRET ?? randomBytes(32).toString('base64url');
  const path = new URL(config.TELEGRAM_WEBHOOK_URL).pathname;
  // Acknowledge slow updates (an LLM answer) before Telegram's timeout and keep working, rather
  // than let Telegram resend the same question.
  const handle = webhookCallback(bot, 'http', { secretToken, onTimeout: 'return', timeoutMilliseconds: 9_000 });
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== path) return void res.writeHead(404).end();
    handle(req, res).catch((error: unknown) => {
      logger.error({ event: 'webhook-failed', err: errorForLog(error, secrets) });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.TELEGRAM_WEBHOOK_PORT, config.TELEGRAM_WEBHOOK_HOST, () => resolve());
  });
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  try {
    await bot.api.setWebhook(config.TELEGRAM_WEBHOOK_URL, { secret_token: secretToken, allowed_updates: [...ALLOWED_UPDATES] });
  } catch (error) {
    await close();
    throw error;
  }
  return { port: (server.address() as AddressInfo).port, close };
}
