import type { Context } from 'grammy';

/** Telegram clears "typing…" after about five seconds, so it is renewed a little sooner. */
const RENEW_MS = 4_500;

/**
 * Shows "typing…" in the chat until the returned function is called. Failures are ignored: the
 * indicator is a courtesy and must never stop an answer.
 */
export function showTyping(ctx: Context): () => void {
  const send = () => {
    ctx.replyWithChatAction('typing').catch(() => {});
  };
  send();
  const timer = setInterval(send, RENEW_MS);
  return () => clearInterval(timer);
}
