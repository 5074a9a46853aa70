import {
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type MessageMentionOptions,
} from 'discord.js';
import { shortenText } from '../../answer/bound-answer.js';
import type { Answer, Citation } from '../../answer/types.js';
import { buttonData } from '../shared/answer-buttons.js';
import { messages, type Language } from '../shared/bot-messages.js';
import type { AnswerPresenter, AnswerView } from '../shared/chat-driver.js';
import { answerCitationLines, fullSourceLines, type CitationLines } from '../shared/citation-lines.js';
import { MAX_REPLY_MESSAGES, splitMessage } from '../shared/split-message.js';

/** Discord's hard limits (https://discord.com/developers/docs/resources/message#create-message). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFooter: 2048,
  embedsPerMessage: 10,
  embedTotal: 6000,
} as const;

/**
 * Every message the bot sends carries this: no `@everyone`, role or user is ever pinged, whatever a
 * briefing or a question contains (not even the asker, whose message we already reply to).
 */
export const NO_MENTIONS: MessageMentionOptions = { parse: [], users: [], roles: [], repliedUser: false };

/** A message to send or edit: content plus embeds, and the buttons under an answer. */
export interface DiscordPayload {
  content: string;
  embeds: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  /** A notice (an apology) rather than an answer: where it can be, it is shown to the asker alone. */
  notice?: boolean;
}

const EMBED_COLOR = 0x2b6cb0;
/** Quotes in the answer's source embed are cut here so several sources fit; /sources shows them whole. */
const SHORT_QUOTE = 350;

/**
 * Escapes corpus or user text so Discord shows it literally: emphasis, code, spoilers, headings,
 * lists, masked links, block quotes and subtext would otherwise change how it reads.
 */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  // escapeMarkdown leaves block quotes (`> `) and subtext (`-# `) alone; both restyle a whole line.
  return escaped.replace(/^(\s*)(>|-#)/gm, '$1\\$2');
}

/**
 * Escapes `raw` and fits the result into `max` characters, cutting the raw text (never an escape
 * sequence in half) and marking the cut with an ellipsis.
 */
export function fitEscaped(raw: string, max: number): string {
  // Escaping never shortens text, so only the first `max` characters can show; escaping more (a
  // 40 MB quote) is wasted, and discord.js's escapeMarkdown takes quadratic time.
  const shown = raw.length > max ? raw.slice(0, max) : raw;
  let escaped = escapeText(shown);
  if (shown === raw && escaped.length <= max) return escaped;
  let keep = Math.min(shown.length, max - 1);
  while (keep > 0) {
    escaped = `${escapeText(shown.slice(0, keep).trimEnd())}…`;
    if (escaped.length <= max) return escaped;
    keep -= Math.max(1, escaped.length - max);
  }
  return '…';
}

/** Only http(s) links are shown as links: Discord rejects other schemes in embed URLs. */
function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** Masked-link text must not contain brackets, and the URL must not close the parenthesis early. */
function maskedLink(text: string, url: string): string {
  const label = text.replace(/[[\]]/g, (c) => `\\${c}`);
  return `[${label}](${url.replace(/\)/g, '%29').replace(/ /g, '%20')})`;
}

/** One source in the answer's embed: numbered title (a link when there is one), byline, quote. */
function sourceEntry(lines: CitationLines, quoteMax: number): string {
  const url = safeUrl(lines.url);
  const out: string[] = [];
  if (lines.title !== null) {
    const title = fitEscaped(lines.title, 200);
    out.push(`**${lines.n}. ${url ? maskedLink(title, url) : title}**`);
    if (lines.byline) out.push(escapeText(lines.byline));
  } else {
    // The answer already shows the title: the number, the byline and the link are what is left.
    const byline = lines.byline ? escapeText(lines.byline) : '';
    out.push(`**${lines.n}.** ${url ? maskedLink(byline || url, url) : byline}`.trimEnd());
  }
  if (lines.quote) out.push(`> “${fitEscaped(lines.quote, quoteMax)}”`);
  return out.join('\n');
}

/**
 * The embed listing an answer's sources under it, or null when it cites nothing (not found,
 * invalid question). Long lists are cut to Discord's description limit, pointing to /sources.
 */
export function sourcesEmbed(answer: Answer, language: Language = 'vi'): APIEmbed | null {
  const citations = answerCitationLines(answer);
  if (citations.length === 0) return null;
  const entries: string[] = [];
  let length = 0;
  let truncated = false;
  for (const lines of citations) {
    const entry = sourceEntry(lines, SHORT_QUOTE);
    // Keep room for the "… và N nguồn khác" line.
    if (length + entry.length + 2 > DISCORD_LIMITS.embedDescription - 80) {
      truncated = true;
      break;
    }
    entries.push(entry);
    length += entry.length + 2;
  }
  const omitted = citations.length - entries.length;
  if (omitted > 0) entries.push(escapeText(messages(language).moreSources(omitted)));
  const quoteCut = truncated || citations.some((c) => (c.quote?.length ?? 0) > SHORT_QUOTE);
  const embed: APIEmbed = {
    title: messages(language).sourcesHeading.replace(/:$/, ''),
    color: EMBED_COLOR,
    description: entries.join('\n\n'),
  };
  if (quoteCut)
    embed.footer = {
      text:
        language === 'en'
          ? 'Press 📄 Sources or use /sources for the full passages.'
          : 'Bấm 📄 Nguồn hoặc dùng /sources để xem trích dẫn đầy đủ.',
    };
  return embed;
}

/** What an answer is shown with, beyond the answer itself. */
export type AnswerExtras = Partial<Pick<AnswerView, 'understoodAs' | 'answerId' | 'language'>>;

/**
 * The messages that carry an answer: how a follow-up was understood (one short line), its text
 * split at 2,000 characters, with the sources embed and the buttons on the last one so they sit
 * under the complete answer.
 */
export function answerPayloads(answer: Answer, extras: AnswerExtras = {}): DiscordPayload[] {
  const language = extras.language ?? 'vi';
  const understood = extras.understoodAs ? `-# ${escapeText(messages(language).understoodAs(extras.understoodAs))}\n` : '';
  // Bounded before escaping (escapeMarkdown is quadratic), and to MAX_REPLY_MESSAGES messages after.
  const text = shortenText(answer.answer.trim() || '…', DISCORD_LIMITS.content * MAX_REPLY_MESSAGES - 100);
  const parts = splitMessage(`${understood}${escapeText(text)}`, DISCORD_LIMITS.content).slice(0, MAX_REPLY_MESSAGES);
  const payloads: DiscordPayload[] = parts.map((content) => ({ content, embeds: [] }));
  const last = payloads[payloads.length - 1]!;
  const embed = sourcesEmbed(answer, language);
  if (embed) last.embeds.push(embed);
  if (extras.answerId) last.components = [answerButtons(extras.answerId, language)];
  return payloads;
}

/** "📄 Nguồn", 👍 and 👎 under an answer. */
export function answerButtons(answerId: string, language: Language): APIActionRowComponent<APIButtonComponent> {
  const labels = messages(language).buttons;
  const button = (label: string, customId: string): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: customId,
  });
  return {
    type: ComponentType.ActionRow,
    components: [
      button(labels.sources, buttonData('sources', answerId)),
      button(labels.up, buttonData('up', answerId)),
      button(labels.down, buttonData('down', answerId)),
    ],
  };
}

/** How Discord draws answers for the chat driver. */
export const discordPresenter: AnswerPresenter<DiscordPayload> = {
  preview: (text) => ({ content: streamingPreview(text), embeds: [] }),
  answer: (view) => answerPayloads(view.answer, view),
  notice: (text) => ({ content: escapeText(text), embeds: [], notice: true }),
};

/** What a reply shows while an LLM is still writing: the text so far, escaped, within one message. */
export function streamingPreview(text: string): string {
  return fitEscaped(`${text.trimEnd()} …`, DISCORD_LIMITS.content);
}

function embedSize(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
}

/**
 * The full cited passages of an answer for /sources and the "📄 Nguồn" button: one embed per
 * source (title linking to the briefing, source and date, the whole passage), grouped into as few
 * messages as Discord's per-message limits (10 embeds, 6,000 characters) allow.
 */
export function fullSourcesMessages(
  answer: { question?: string | null; citations: Citation[]; passages: Answer['passages'] },
  language: Language = 'vi',
): DiscordPayload[] {
  const t = messages(language);
  const header = answer.question ? t.sourcesOf(fitEscaped(answer.question.replace(/\s+/g, ' ').trim(), 300)) : t.sourcesHeading;
  const embeds: APIEmbed[] = fullSourceLines(answer).map((lines) => {
    const url = safeUrl(lines.url);
    const description = [lines.byline ? `*${escapeText(lines.byline)}*` : null, lines.quote ? `“${fitEscaped(lines.quote, 3000)}”` : null]
      .filter((s): s is string => s !== null)
      .join('\n\n');
    const embed: APIEmbed = { title: `${lines.n}. ${fitEscaped(lines.title ?? '', DISCORD_LIMITS.embedTitle - 8)}`, color: EMBED_COLOR };
    if (description) embed.description = description;
    if (url) embed.url = url;
    return embed;
  });
  const out: DiscordPayload[] = [];
  let current: DiscordPayload = { content: header, embeds: [] };
  let size = 0;
  for (const embed of embeds) {
    const s = embedSize(embed);
    if (current.embeds.length > 0 && (current.embeds.length >= DISCORD_LIMITS.embedsPerMessage || size + s > DISCORD_LIMITS.embedTotal)) {
      out.push(current);
      current = { content: '', embeds: [] };
      size = 0;
    }
    current.embeds.push(embed);
    size += s;
  }
  out.push(current);
  return out;
}

/** Plain lines (from the shared Vietnamese texts) as one escaped message, within the content limit. */
export function linesMessage(lines: readonly string[]): string {
  return fitEscaped(lines.join('\n'), DISCORD_LIMITS.content);
}
