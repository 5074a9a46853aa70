/**
 * Markdown briefings (`.md`), with optional YAML front matter giving title, date, region, source,
 * url, summary and id.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { LoadResult, SourceDocument } from '../types.js';
import { stripFurniture } from '../furniture.js';
import { idFromPath } from './doc-id.js';
import { applyMetadata, metadataSchema, type Metadata } from './record.js';
import { splitHeadline } from './title-lines.js';

type FrontMatter = { ok: true; meta: Metadata | undefined; body: string; bodyLine: number } | { ok: false; reason: string };

/** Splits `---` front matter from the body and parses it; the body's first line number is kept for messages. */
function readFrontMatter(text: string): FrontMatter {
  if (!/^---[ \t]*\n/.test(text)) return { ok: true, meta: undefined, body: text, bodyLine: 1 };
  const lines = text.split('\n');
  const close = lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(l));
  if (close < 0) return { ok: false, reason: 'front matter starts with "---" on line 1 but is never closed by a "---" line' };
  const yamlText = lines.slice(1, close).join('\n');
  let value: unknown;
  try {
    value = yamlText.trim() === '' ? {} : parseYaml(yamlText);
  } catch (err) {
    if (err instanceof YAMLParseError) {
      // +1 for the opening "---" line, so the number matches what an editor shows.
      const line = (err.linePos?.[0]?.line ?? 0) + 1;
      const what = err.message.split('\n')[0]!.replace(/\s*at line \d+, column \d+:?\s*$/, '');
      return { ok: false, reason: `malformed YAML front matter at line ${line}: ${what}` };
    }
    throw err;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'front matter must be "key: value" lines (title, date, region, source, url)' };
  }
  const parsed = metadataSchema.safeParse(value);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? '?';
    return { ok: false, reason: `front matter field "${field}" must be text` };
  }
  return { ok: true, meta: parsed.data, body: lines.slice(close + 1).join('\n'), bodyLine: close + 2 };
}

/** Inline Markdown to plain text: links keep their text, images (usually photos) go, emphasis marks go. */
function inlineToText(line: string): string {
  return line
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:\/\/[^>]+)>/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(?<![\p{L}\d*])\*(?=\S)(.+?)(?<=\S)\*(?![\p{L}\d*])/gu, '$1')
    .replace(/(?<![\p{L}\d_])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\d_])/gu, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .trimEnd();
}

/**
 * Markdown body to plain paragraphs separated by blank lines. Headings and list items stay on their
 * own lines; lines of one paragraph (hard-wrapped source) are joined with spaces.
 */
export function markdownToText(markdown: string): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) out.push(paragraph.join(' '));
    paragraph = [];
  };
  let fenced = false;
  for (const raw of markdown.replace(/<!--[\s\S]*?-->/g, '').split('\n')) {
    if (/^\s*(?:```|~~~)/.test(raw)) {
      flush();
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      out.push(raw);
      continue;
    }
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    if (/^(?:[-*_]\s*){3,}$/.test(line) || /^\[[^\]]+\]:\s*\S+/.test(line) || /^\|?[\s:|-]+\|[\s:|-]*$/.test(line)) continue;
    const heading = /^#{1,6}\s+(.*?)\s*#*$/.exec(line);
    const item = /^(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (heading || item) {
      flush();
      const t = inlineToText((heading ?? item)![1]!);
      if (t) out.push(t);
      continue;
    }
    const t = inlineToText(line.replace(/^>\s?/, ''));
    if (t) paragraph.push(t);
  }
  flush();
  return out.join('\n\n');
}

/** Same words, ignoring case, punctuation and spacing. */
function sameTitle(a: string, b: string): boolean {
  const k = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return k(a) === k(b);
}

/**
 * Reads a `.md` briefing. Front matter fields win; without a `title`, the first `# heading` (or the
 * first line) is the title and is not repeated in the body. Page furniture is removed from the body.
 */
export function loadMarkdown(text: string, relPath: string): LoadResult {
  const fm = readFrontMatter(text);
  if (!fm.ok) return { ok: false, reason: fm.reason };
  const lines = fm.body.split('\n');
  const firstIdx = lines.findIndex((l) => l.trim() !== '');
  const heading = firstIdx >= 0 ? /^#{1,6}\s+(.*?)\s*#*$/.exec(lines[firstIdx]!.trim()) : null;
  const headingTitle = heading ? markdownToText(heading[1]!) : undefined;

  let title: string;
  let body: string;
  let region: string | undefined;
  if (headingTitle && (!fm.meta?.title || sameTitle(fm.meta.title, headingTitle))) {
    title = headingTitle;
    body = stripFurniture(markdownToText(lines.slice(firstIdx + 1).join('\n')));
  } else if (fm.meta?.title) {
    title = fm.meta.title;
    body = stripFurniture(markdownToText(fm.body));
  } else {
    const headed = splitHeadline(stripFurniture(markdownToText(fm.body)));
    ({ title, body, region } = headed);
  }
  if (body.trim() === '') return { ok: false, reason: 'no body text (only front matter or a title)' };

  const warnings: string[] = [];
  let doc: SourceDocument = { id: idFromPath(relPath), title, text: body, ...(region ? { region } : {}) };
  if (fm.meta) doc = applyMetadata(doc, fm.meta, warnings);
  return warnings.length > 0 ? { ok: true, documents: [doc], warnings } : { ok: true, documents: [doc] };
}
