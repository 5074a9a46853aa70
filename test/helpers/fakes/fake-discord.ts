import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One REST request the bot made to the fake Discord. */
export interface RecordedCall {
  method: string;
  /** Path after `/api/v10`, URL-decoded (`/webhooks/…/messages/@original`). */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, or null. */
  body: any;
  authorized: boolean;
}

/** Ids of the fake world: one guild with two text channels and a thread, the bot, two people. */
export const FAKE = {
  guildId: '900000000000000001',
  channelId: '900000000000000010',
  otherChannelId: '900000000000000011',
  threadId: '900000000000000012',
  dmChannelId: '900000000000000013',
  botId: '900000000000000100',
  applicationId: '900000000000000100',
  alice: { id: '900000000000000201', username: 'alice' },
  bob: { id: '900000000000000202', username: 'bob' },
  otherBot: { id: '900000000000000203', username: 'otherbot', bot: true },
} as const;

/** Manage Server permission bit, as a member's permission string in interactions. */
export const MANAGE_GUILD = String(1 << 5);

type FakeUser = { id: string; username: string; bot?: boolean };

let snowflakeCounter = 0n;
function nextId(): string {
  // Snowflakes encode a timestamp; a fixed epoch offset plus a counter keeps them unique and plausible.
  snowflakeCounter++;
  return String((1_700_000_000_000n - 1_420_070_400_000n) * 4_194_304n + snowflakeCounter);
}

function userPayload(user: FakeUser) {
  return { id: user.id, username: user.username, discriminator: '0', global_name: null, avatar: null, bot: user.bot ?? false };
}

/**
 * A fake Discord on 127.0.0.1: a REST API (GET /gateway/bot, interaction callbacks, webhook and
 * channel messages) that records every call, and a gateway speaking HELLO, IDENTIFY, heartbeats,
 * READY and GUILD_CREATE, through which tests dispatch MESSAGE_CREATE and INTERACTION_CREATE.
 */
/** Who presses a slash command or button, and where (defaults: alice, no permissions, the main channel, Vietnamese). */
interface InteractionOptions {
  user?: FakeUser;
  permissions?: string;
  channelId?: string;
  dm?: boolean;
  locale?: string;
}

export class FakeDiscord {
  readonly calls: RecordedCall[] = [];
  readonly #server: Server;
  readonly #wss: WebSocketServer;
  readonly #sockets = new Set<WebSocket>();
  readonly #waiters = new Set<{ match: (c: RecordedCall) => boolean; resolve: (c: RecordedCall) => void }>();
  #seq = 0;
  #port = 0;
  /** Makes the next REST calls matching a predicate fail with HTTP 500 (to test error paths). */
  failWhen: ((call: RecordedCall) => boolean) | null = null;
  /** Answers GET /gateway/bot with 401, as Discord does for a revoked or wrong token. */
  rejectToken = false;
  /** While true, gateway connections are refused (REST still answers): Discord's gateway is down. */
  gatewayDown = false;
  /** Gateway connections attempted so far (refused ones included). */
  gatewayAttempts = 0;

  constructor() {
    this.#server = createServer((req, res) => void this.#handleRest(req, res));
    this.#wss = new WebSocketServer({ noServer: true });
    this.#server.on('upgrade', (req, socket, head) => {
      this.gatewayAttempts++;
      if (this.gatewayDown) return void socket.destroy();
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#handleGateway(ws));
    });
  }

  /** Starts listening on a free port of 127.0.0.1. */
  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  /** The value for DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get #gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}`;
  }

  /** Closes the gateway and the REST server (destroy the client first, or it reconnects). */
  async close(): Promise<void> {
    for (const ws of this.#sockets) ws.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Resolves with the first recorded call (past or future) matching `match`. */
  waitForCall(match: (call: RecordedCall) => boolean, timeoutMs = 10_000): Promise<RecordedCall> {
    const seen = this.calls.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (call: RecordedCall) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      // A safety net so a broken bot fails the test with a message instead of hanging it.
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`no matching Discord API call; calls so far:\n${this.calls.map((c) => `${c.method} ${c.path}`).join('\n')}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** Calls concerning one interaction (its callback and its webhook messages), in order. */
  interactionCalls(interaction: { id: string; token: string }): RecordedCall[] {
    return this.calls.filter((c) => c.path.includes(interaction.token) || c.path.includes(`/interactions/${interaction.id}/`));
  }

  /** Cuts every gateway connection and refuses new ones until {@link gatewayDown} is set back to false. */
  dropGateway(): void {
    this.gatewayDown = true;
    for (const ws of this.#sockets) ws.terminate();
  }

  /** Sends a gateway dispatch to every connected client. */
  dispatch(type: string, data: unknown): void {
    const payload = JSON.stringify({ op: 0, t: type, s: ++this.#seq, d: data });
    for (const ws of this.#sockets) ws.send(payload);
  }

  /**
   * Dispatches a chat-input command as `user`. `permissions` is the member's permission bit set
   * (omit for a plain member); `channelId` defaults to the main text channel.
   */
  slashCommand(
    name: string,
    options: Record<string, string | boolean> = {},
    { user = FAKE.alice, permissions = '0', channelId = FAKE.channelId, dm = false, locale = 'vi' }: InteractionOptions = {},
  ): { id: string; token: string } {
    return this.#interaction(
      2,
      {
        id: nextId(),
        name,
        type: 1,
        options: Object.entries(options).map(([optionName, value]) => ({
          name: optionName,
          type: typeof value === 'boolean' ? 5 : 3,
          value,
        })),
      },
      { user, permissions, channelId, dm, locale },
    );
  }

  /**
   * Dispatches a press of the button `customId` under one of the bot's messages (`messageId`),
   * as `user`, in the channel the message is in.
   */
  pressButton(
    customId: string,
    messageId: string,
    { user = FAKE.alice, permissions = '0', channelId = FAKE.channelId, dm = false, locale = 'vi' }: InteractionOptions = {},
  ): { id: string; token: string } {
    return this.#interaction(
      3,
      { custom_id: customId, component_type: 2 },
      { user, permissions, channelId, dm, locale },
      {
        message: this.#messageObject(messageId, dm ? FAKE.dmChannelId : channelId, { content: '' }),
      },
    );
  }

  #interaction(
    type: number,
    data: unknown,
    { user, permissions, channelId, dm, locale }: { user: FakeUser; permissions: string; channelId: string; dm: boolean; locale: string },
    extra: Record<string, unknown> = {},
  ): { id: string; token: string } {
    const id = nextId();
    const token = `interaction-token-${id}`;
    const channel = dm
      ? { id: FAKE.dmChannelId, type: 1 }
      : { id: channelId, type: channelId === FAKE.threadId ? 11 : 0, guild_id: FAKE.guildId };
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: FAKE.applicationId,
      type,
      token,
      version: 1,
      locale,
      ...extra,
      entitlements: [],
      authorizing_integration_owners: { '0': FAKE.guildId },
      context: dm ? 1 : 0,
      app_permissions: '2248473465835073',
      channel_id: channel.id,
      channel,
      data,
      ...(dm
        ? { user: userPayload(user) }
        : {
            guild_id: FAKE.guildId,
            guild_locale: 'vi',
            member: {
              user: userPayload(user),
              roles: [],
              permissions,
              joined_at: new Date(0).toISOString(),
              deaf: false,
              mute: false,
              flags: 0,
            },
          }),
    });
    return { id, token };
  }

  /** Dispatches a message; `mentionBot` adds the bot to its mentions (the content should contain `<@botId>` too). */
  message(
    content: string,
    {
      author = FAKE.alice,
      mentionBot = false,
      channelId = FAKE.channelId,
      dm = false,
    }: { author?: FakeUser; mentionBot?: boolean; channelId?: string; dm?: boolean } = {},
  ): { id: string } {
    const id = nextId();
    this.dispatch('MESSAGE_CREATE', {
      id,
      channel_id: dm ? FAKE.dmChannelId : channelId,
      ...(dm
        ? { channel_type: 1 }
        : { guild_id: FAKE.guildId, member: { roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 } }),
      author: userPayload(author),
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: content.includes('@everyone'),
      mentions: mentionBot ? [userPayload({ id: FAKE.botId, username: 'tinvung', bot: true })] : [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
    });
    return { id };
  }

  #handleGateway(ws: WebSocket): void {
    this.#sockets.add(ws);
    ws.on('close', () => this.#sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 } }));
    ws.on('message', (raw) => {
      // ws hands text frames over as Buffers (its default binaryType, 'nodebuffer').
      const packet = JSON.parse((raw as Buffer).toString()) as { op: number; d: any };
      if (packet.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (packet.op === 2) this.#identify(ws);
      // A client reconnecting after a drop resumes its session.
      if (packet.op === 6) ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++this.#seq, d: {} }));
    });
  }

  #identify(ws: WebSocket): void {
    const bot = userPayload({ id: FAKE.botId, username: 'tinvung', bot: true });
    ws.send(
      JSON.stringify({
        op: 0,
        t: 'READY',
        s: ++this.#seq,
        d: {
          v: 10,
          user: { ...bot, verified: true, mfa_enabled: false, flags: 0 },
          guilds: [{ id: FAKE.guildId, unavailable: true }],
          session_id: 'fake-session',
          resume_gateway_url: this.#gatewayUrl,
          shard: [0, 1],
          application: { id: FAKE.applicationId, flags: 0 },
        },
      }),
    );
    const textChannel = (id: string, name: string, position: number) => ({
      id,
      type: 0,
      guild_id: FAKE.guildId,
      name,
      position,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
      topic: null,
      last_message_id: null,
    });
    ws.send(
      JSON.stringify({
        op: 0,
        t: 'GUILD_CREATE',
        s: ++this.#seq,
        d: {
          id: FAKE.guildId,
          name: 'Tin vùng',
          icon: null,
          owner_id: FAKE.bob.id,
          afk_timeout: 300,
          verification_level: 0,
          default_message_notifications: 0,
          explicit_content_filter: 0,
          roles: [
            {
              id: FAKE.guildId,
              name: '@everyone',
              permissions: '1024',
              position: 0,
              color: 0,
              hoist: false,
              managed: false,
              mentionable: false,
              flags: 0,
            },
          ],
          emojis: [],
          stickers: [],
          features: [],
          mfa_level: 0,
          system_channel_flags: 0,
          premium_tier: 0,
          preferred_locale: 'vi',
          nsfw_level: 0,
          joined_at: new Date(0).toISOString(),
          large: false,
          unavailable: false,
          member_count: 3,
          members: [{ user: bot, roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 }],
          channels: [textChannel(FAKE.channelId, 'hoi-dap', 0), textChannel(FAKE.otherChannelId, 'tan-gau', 1)],
          threads: [
            {
              id: FAKE.threadId,
              type: 11,
              guild_id: FAKE.guildId,
              parent_id: FAKE.channelId,
              name: 'FDI',
              owner_id: FAKE.alice.id,
              thread_metadata: {
                archived: false,
                auto_archive_duration: 1440,
                archive_timestamp: new Date(0).toISOString(),
                locked: false,
              },
              message_count: 0,
              member_count: 1,
            },
          ],
          presences: [],
          voice_states: [],
          stage_instances: [],
          guild_scheduled_events: [],
        },
      }),
    );
  }

  async #handleRest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname.replace(/^\/api\/v\d+/, '')),
      query: url.searchParams,
      body: text && req.headers['content-type']?.includes('json') ? JSON.parse(text) : null,
      authorized: typeof req.headers.authorization === 'string',
    };
    if (call.path === '/gateway/bot' && this.rejectToken) return json(res, 401, { message: '401: Unauthorized', code: 0 });
    if (call.path === '/gateway/bot') {
      return json(res, 200, {
        url: this.#gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    this.calls.push(call);
    for (const waiter of this.#waiters) {
      if (waiter.match(call)) {
        this.#waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
    if (this.failWhen?.(call)) return json(res, 500, { message: 'fake failure', code: 0 });
    const { method, path } = call;
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return end(res, 204);
    if (method === 'POST' && /^\/channels\/\d+\/typing$/.test(path)) return end(res, 204);
    if (method === 'DELETE') return end(res, 204);
    if (method === 'PUT' && /^\/applications\/\d+(?:\/guilds\/\d+)?\/commands$/.test(path)) {
      return json(
        res,
        200,
        (call.body as any[]).map((command) => ({ ...command, id: nextId(), application_id: FAKE.applicationId, version: nextId() })),
      );
    }
    const channelMessage = /^\/channels\/(\d+)\/messages(?:\/(\d+))?$/.exec(path);
    if (channelMessage && (method === 'POST' || method === 'PATCH')) {
      return json(res, 200, this.#messageObject(channelMessage[2] ?? nextId(), channelMessage[1]!, call.body));
    }
    const webhook = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(.+))?$/.exec(path);
    if (webhook && (method === 'POST' || method === 'PATCH')) {
      const messageId = webhook[3] === '@original' ? `${nextId()}` : (webhook[3] ?? nextId());
      return json(res, 200, {
        ...this.#messageObject(messageId, FAKE.channelId, call.body),
        webhook_id: FAKE.applicationId,
        application_id: FAKE.applicationId,
      });
    }
    return json(res, 404, { message: `fake Discord has no route for ${method} ${path}`, code: 0 });
  }

  #messageObject(id: string, channelId: string, body: any) {
    return {
      id,
      channel_id: channelId,
      author: userPayload({ id: FAKE.botId, username: 'tinvung', bot: true }),
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      attachments: [],
      components: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      type: body?.message_reference ? 19 : 0,
      flags: body?.flags ?? 0,
      ...(body?.message_reference ? { message_reference: { ...body.message_reference, channel_id: channelId } } : {}),
    };
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function end(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}
