import { escapeMarkdown, type APIEmbed, type MessageMentionOptions } from 'discord.js';
import type { Answer } from '../../answer/types.js';
import { answerCitationLines, type CitationLines } from '../shared/citation-lines.js';
import { shortenText } from '../../answer/bound-answer.js';
import { moreSourcesLine } from '../shared/bot-messages.js';
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

/** A message to send or edit: content plus embeds. */
export interface DiscordPayload {
  content: string;
  embeds: APIEmbed[];
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
  const title = fitEscaped(lines.title, 200);
  const url = safeUrl(lines.url);
  const out = [`**${lines.n}. ${url ? maskedLink(title, url) : title}**`];
  if (lines.byline) out.push(escapeText(lines.byline));
  if (lines.quote) out.push(`> “${fitEscaped(lines.quote, quoteMax)}”`);
  return out.join('\n');
}

/**
 * The embed listing an answer's sources under it, or null when it cites nothing (not found,
 * invalid question). Long lists are cut to Discord's description limit, pointing to /sources.
 */
export function sourcesEmbed(answer: Answer): APIEmbed | null {
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
  if (omitted > 0) entries.push(escapeText(moreSourcesLine(omitted)));
  const quoteCut = truncated || citations.some((c) => c.quote.length > SHORT_QUOTE);
  const embed: APIEmbed = { title: 'Nguồn', color: EMBED_COLOR, description: entries.join('\n\n') };
  if (quoteCut) embed.footer = { text: 'Dùng /sources để xem trích dẫn đầy đủ.' };
  return embed;
}

/**
 * The messages that carry an answer: its text split at 2,000 characters, with the sources embed on
 * the last one so it sits under the complete answer.
 */
export function answerPayloads(answer: Answer): DiscordPayload[] {
  // Bounded before escaping (escapeMarkdown is quadratic), and to MAX_REPLY_MESSAGES messages after.
  const text = shortenText(answer.answer.trim() || '…', DISCORD_LIMITS.content * MAX_REPLY_MESSAGES - 100);
  const parts = splitMessage(escapeText(text), DISCORD_LIMITS.content).slice(0, MAX_REPLY_MESSAGES);
  const payloads: DiscordPayload[] = parts.map((content) => ({ content, embeds: [] }));
  const embed = sourcesEmbed(answer);
  if (embed) payloads[payloads.length - 1]!.embeds.push(embed);
  return payloads;
}

/** What a reply shows while an LLM is still writing: the text so far, escaped, within one message. */
export function streamingPreview(text: string): string {
  return fitEscaped(`${text.trimEnd()} …`, DISCORD_LIMITS.content);
}

function embedSize(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
}

/**
 * The full citations of an answer for /sources: one embed per source (title linking to the
 * briefing, source and date, the whole cited sentence), grouped into as few messages as Discord's
 * per-message limits (10 embeds, 6,000 characters) allow.
 */
export function fullSourcesMessages(answer: Answer): DiscordPayload[] {
  const header = `Nguồn của câu trả lời cho: “${fitEscaped(answer.question.replace(/\s+/g, ' ').trim(), 300)}”`;
  const embeds: APIEmbed[] = answerCitationLines(answer).map((lines) => {
    const url = safeUrl(lines.url);
    const description = [lines.byline ? `*${escapeText(lines.byline)}*` : null, lines.quote ? `“${fitEscaped(lines.quote, 3000)}”` : null]
      .filter((s): s is string => s !== null)
      .join('\n\n');
    const embed: APIEmbed = { title: `${lines.n}. ${fitEscaped(lines.title, DISCORD_LIMITS.embedTitle - 8)}`, color: EMBED_COLOR };
    if (description) embed.description = description;
    if (url) embed.url = url;
    return embed;
  });
  const messages: DiscordPayload[] = [];
  let current: DiscordPayload = { content: header, embeds: [] };
  let size = 0;
  for (const embed of embeds) {
    const s = embedSize(embed);
    if (current.embeds.length > 0 && (current.embeds.length >= DISCORD_LIMITS.embedsPerMessage || size + s > DISCORD_LIMITS.embedTotal)) {
      messages.push(current);
      current = { content: '', embeds: [] };
      size = 0;
    }
    current.embeds.push(embed);
    size += s;
  }
  messages.push(current);
  return messages;
}

/** Plain lines (from the shared Vietnamese texts) as one escaped message, within the content limit. */
export function linesMessage(lines: readonly string[]): string {
  return fitEscaped(lines.join('\n'), DISCORD_LIMITS.content);
}
