import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, Message, MessageEntity, Update, User } from 'grammy/types';

/** One Bot API request the fake received. */
export interface RecordedCall {
  method: string;
  payload: Record<string, any>;
  /** performance.now() when the call arrived (for load measurements, never for assertions). */
  at: number;
  /** The message the fake answered with (sendMessage, editMessageText). */
  result?: Message;
}

/** A scripted failure: the next matching call gets this error envelope instead of a result. */
interface ScriptedFailure {
  method: string;
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

/** The bot user the fake reports from getMe. */
export const FAKE_BOT: User & { username: string } = { id: 7_000_001, is_bot: true, first_name: 'Tin Vùng', username: 'tinvung_bot' };

/**
 * A fake Telegram Bot API server on 127.0.0.1 for driving the real grammY bot in tests. It answers
 * POST /bot<token>/<method> with `{ok, result}` envelopes, feeds scripted updates through
 * getUpdates (holding the request briefly when none are queued, like long polling), records every
 * call, and can fail chosen calls (e.g. a 429 with retry_after).
 */
export class FakeTelegramApi {
  readonly calls: RecordedCall[] = [];
  /** The payload of the latest getUpdates (polls are not in `calls`: there are many). */
  lastPoll: Record<string, any> | null = null;
  readonly #updates: Update[] = [];
  readonly #failures: ScriptedFailure[] = [];
  readonly #waiters = new Set<() => void>();
  #server: Server | null = null;
  #nextUpdateId = 1;
  #nextMessageId = 1000;

  constructor(readonly token: string) {}

  /** Starts listening; returns the apiRoot to give grammY (no trailing slash). */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const wake of this.#waiters) wake();
    const server = this.#server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // grammY keeps connections alive
    });
  }

  /** Queues a raw update for getUpdates. */
  pushUpdate(update: Omit<Update, 'update_id'>): void {
    this.#updates.push({ update_id: this.#nextUpdateId++, ...update });
    this.#notify();
  }

  /**
   * Queues a text message as Telegram would deliver it, with `bot_command` and `mention` entities
   * computed from the text. Returns the message (its id is what a reply must point at).
   */
  sendText(chat: Chat, from: User, text: string, extra: Partial<Message> = {}): Message & { sentAt: number } {
    const message = {
      message_id: this.#nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat,
      from,
      text,
      ...(entitiesOf(text).length > 0 ? { entities: entitiesOf(text) } : {}),
      ...extra,
    } as Message;
    this.pushUpdate({ message } as Omit<Update, 'update_id'>);
    return { ...message, sentAt: performance.now() };
  }

  /**
   * Queues a press of an inline button under `message` (a message the bot sent: a recorded
   * call's `result`), as Telegram delivers it. Returns the callback query's id.
   */
  pressButton(from: User, message: Message, data: string): string {
    const id = `cb-${this.#nextUpdateId}`;
    this.pushUpdate({ callback_query: { id, from, message, chat_instance: `ci-${message.chat.id}`, data } });
    return id;
  }

  /** Makes the next call of `method` fail with the given Bot API error. */
  failNext(method: string, error_code: number, description: string, parameters?: { retry_after?: number }): void {
    this.#failures.push({ method, error_code, description, ...(parameters ? { parameters } : {}) });
  }

  /** Recorded calls of one method, optionally for one chat. */
  callsOf(method: string, chatId?: number): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && (chatId === undefined || Number(c.payload.chat_id) === chatId));
  }

  /** Resolves once `predicate` holds over the recorded calls; fails with the calls seen after `timeoutMs`. */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, what = 'condition', timeoutMs = 15_000): Promise<void> {
    if (predicate(this.calls)) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!predicate(this.calls)) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        const seen = this.calls
          .filter((c) => c.method !== 'getUpdates')
          .map((c) => `${c.method} ${JSON.stringify(c.payload).slice(0, 200)}`);
        reject(new Error(`timed out waiting for ${what}; calls seen:\n${seen.join('\n')}`));
      }, timeoutMs);
      this.#waiters.add(check);
    });
  }

  /** Resolves when at least `count` messages have been sent to `chatId` (sendMessage calls). */
  waitForMessages(chatId: number, count = 1): Promise<void> {
    return this.waitFor(
      (calls) => calls.filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === chatId).length >= count,
      `${count} message(s) to chat ${chatId}`,
    );
  }

  #notify(): void {
    for (const wake of [...this.#waiters]) wake();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const body = await readBody(req);
    if (!match || match[1] !== this.token) return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2]!;
    const payload = body === '' ? {} : (JSON.parse(body) as Record<string, any>);
    const call: RecordedCall = { method, payload, at: performance.now() };
    if (method !== 'getUpdates') {
      this.calls.push(call);
      this.#notify();
    } else this.lastPoll = payload;
    const failureAt = this.#failures.findIndex((f) => f.method === method);
    if (failureAt >= 0) {
      const [failure] = this.#failures.splice(failureAt, 1);
      const { method: _m, ...envelope } = failure!;
      return reply(res, failure!.error_code, { ok: false, ...envelope });
    }
    switch (method) {
      case 'getMe':
        return reply(res, 200, {
          ok: true,
          result: { ...FAKE_BOT, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false },
        });
      case 'getUpdates':
        return reply(res, 200, { ok: true, result: await this.#takeUpdates(payload, req) });
      case 'sendMessage':
        call.result = this.#botMessage(payload);
        return reply(res, 200, { ok: true, result: call.result });
      case 'editMessageText':
        call.result = { ...this.#botMessage(payload), message_id: payload.message_id };
        return reply(res, 200, { ok: true, result: call.result });
      default: // sendChatAction, setMyCommands, deleteWebhook, setWebhook, ...
        return reply(res, 200, { ok: true, result: true });
    }
  }

  async #takeUpdates(payload: Record<string, any>, req: IncomingMessage): Promise<Update[]> {
    const offset = Number(payload.offset ?? 0);
    const limit = Number(payload.limit ?? 100);
    const ready = () => this.#updates.filter((u) => u.update_id >= offset).slice(0, limit);
    if (ready().length === 0) {
      // Hold the poll briefly, as Telegram's long polling does, unless the client goes away.
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.#waiters.delete(wake);
          req.socket.off('close', done);
          resolve();
        };
        const wake = () => {
          if (ready().length > 0) done();
        };
        const timer = setTimeout(done, 500);
        this.#waiters.add(wake);
        req.socket.once('close', done);
      });
    }
    return ready();
  }

  #botMessage(payload: Record<string, any>): Message {
    return {
      message_id: this.#nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: Number(payload.chat_id), type: Number(payload.chat_id) < 0 ? 'supergroup' : 'private' },
      from: FAKE_BOT,
      text: String(payload.text ?? ''),
    } as Message;
  }
}

/** `bot_command` entity at the start and `mention` entities, as Telegram computes them. */
function entitiesOf(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
  for (const m of text.matchAll(/@[A-Za-z0-9_]{5,}/g)) {
    if (command && m.index < command[0].length) continue;
    entities.push({ type: 'mention', offset: m.index, length: m[0].length });
  }
  return entities;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Test chats and users. */
export function privateChat(id: number, firstName = 'Lan'): { chat: Chat; user: User } {
  return { chat: { id, type: 'private', first_name: firstName }, user: { id, is_bot: false, first_name: firstName } };
}

/** A supergroup chat (negative id, as Telegram gives). */
export function groupChat(id: number, title = 'Nhóm tin tức'): Chat {
  return { id: -Math.abs(id), type: 'supergroup', title };
}

/** A human user. */
export function user(id: number, firstName = 'Minh'): User {
  return { id, is_bot: false, first_name: firstName };
}

const TELEGRAM_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'a',
  'code',
  'pre',
  'blockquote',
  'tg-spoiler',
  'span',
  'tg-emoji',
]);

/**
 * Parses a message the way Telegram's HTML mode does, strictly: returns the text a user sees, or
 * throws (as Telegram would refuse the message) on unknown tags, unbalanced tags or a bare `<`/`&`.
 */
export function telegramHtmlToText(html: string): string {
  const stack: string[] = [];
  let text = '';
  const re = /<(\/?)([a-zA-Z][\w-]*)([^<>]*)>|&(amp|lt|gt|quot);|([<>&])|([^<>&]+)/g;
  for (const m of html.matchAll(re)) {
    if (m[2] !== undefined) {
      const name = m[2].toLowerCase();
      if (!TELEGRAM_TAGS.has(name)) throw new Error(`unsupported tag <${name}>`);
      if (m[1] === '/') {
        if (stack.pop() !== name) throw new Error(`unbalanced </${name}> in ${html.slice(0, 120)}`);
      } else stack.push(name);
    } else if (m[4] !== undefined) text += { amp: '&', lt: '<', gt: '>', quot: '"' }[m[4]];
    else if (m[5] !== undefined) throw new Error(`bare ${m[5]} in message`);
    else text += m[6];
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
  return text;
}

/**
 * An admin's /reindex in a private chat, as Telegram delivers it: sends the command, waits for the
 * summary message ("Đã cập nhật chỉ mục …") and returns its text as the admin reads it.
 */
export async function reindexFromTelegram(api: FakeTelegramApi, chatId: number, timeoutMs: number): Promise<string> {
  const { chat, user: admin } = privateChat(chatId);
  api.sendText(chat, admin, '/reindex');
  await api.waitFor(
    (calls) =>
      calls.some(
        (c) => c.method === 'sendMessage' && c.payload.chat_id === chatId && String(c.payload.text).startsWith('Đã cập nhật chỉ mục'),
      ),
    'the re-index summary',
    timeoutMs,
  );
  return telegramHtmlToText(api.callsOf('sendMessage', chatId).at(-1)!.payload.text);
}
