/**
 * Saved web pages (`.html`, `.htm`): the article's main text only, without scripts, styles,
 * navigation, headers, footers, sidebars or forms.
 */
import { NodeType, parse, type HTMLElement, type Node } from 'node-html-parser';
import type { LoadResult, SourceDocument } from '../types.js';
import { stripFurniture } from '../furniture.js';
import { idFromPath } from './doc-id.js';
import { applyMetadata, type Metadata } from './record.js';
import { splitHeadline } from './title-lines.js';

/** Elements that are never article text. */
const DROP = new Set([
  'script',
  'style',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'noscript',
  'template',
  'iframe',
  'svg',
  'button',
  'select',
  'figcaption',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'map',
]);

/** Elements that start a new line of text; everything else flows inline. */
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'table',
  'thead',
  'tbody',
  'tr',
  'figure',
  'address',
  'center',
  'hr',
  'body',
  'html',
]);

/** The visible text of an element as lines: one per paragraph, heading or list item. */
function toLines(root: HTMLElement): string[] {
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    const line = current.replace(/\s+/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      current += node.text;
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const el = node as HTMLElement;
    const tag = el.tagName?.toLowerCase() ?? '';
    if (DROP.has(tag) || el.getAttribute('hidden') !== undefined || el.getAttribute('aria-hidden') === 'true') return;
    if (tag === 'br') {
      flush();
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    if (tag === 'td' || tag === 'th') current += ' ';
    for (const child of el.childNodes) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return lines;
}

function meta(doc: HTMLElement, ...selectors: string[]): string | undefined {
  for (const sel of selectors) {
    const el = doc.querySelector(sel);
    const value = (el?.getAttribute('content') ?? el?.getAttribute('href') ?? el?.getAttribute('datetime'))?.trim();
    if (value) return value;
  }
  return undefined;
}

/** Text of an element with whitespace collapsed. */
function textOf(el: HTMLElement | null | undefined): string | undefined {
  const t = el?.text.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
}

function parseHtml(html: string): HTMLElement {
  return parse(html, { comment: false, blockTextElements: { script: true, style: true, noscript: true, pre: true } });
}

/**
 * The visible text of an HTML fragment (an article body picked by Readability, a feed item's
 * description), one line per paragraph, page furniture removed: the same text a saved page gives.
 */
export function htmlFragmentText(html: string): string {
  return stripFurniture(toLines(parseHtml(html)).join('\n\n'));
}

/**
 * Reads an HTML page. The body is `<article>` or `<main>` when present, else `<body>`; the title is
 * the `<h1>` there, else `og:title`, else `<title>` (without a " | Site name" suffix). Date, url,
 * summary and source come from meta tags when present (`article:published_time`, `og:url` or the
 * canonical link, `og:description`, `og:site_name`).
 */
export function loadHtml(html: string, relPath: string): LoadResult {
  const doc = parseHtml(html);
  const root = doc.querySelector('article') ?? doc.querySelector('main') ?? doc.querySelector('body') ?? doc;

  const h1 = root.querySelector('h1');
  const pageTitle = textOf(doc.querySelector('title'))?.split(/\s+\|\s+/)[0];
  let title = textOf(h1) ?? meta(doc, 'meta[property="og:title"]') ?? pageTitle;
  // The headline is metadata, not part of the body text.
  if (h1 && textOf(h1) === title) h1.remove();

  let body = stripFurniture(toLines(root).join('\n\n'));
  let region: string | undefined;
  if (!title) {
    const headed = splitHeadline(body);
    ({ title, body, region } = headed);
  }
  if (body.trim() === '') return { ok: false, reason: 'no article text in the page (only scripts, styles, navigation or an empty body)' };

  const fields: Metadata = {
    url: meta(doc, 'meta[property="og:url"]', 'link[rel="canonical"]'),
    date: meta(
      doc,
      'meta[property="article:published_time"]',
      'meta[name="pubdate"]',
      'meta[itemprop="datePublished"]',
      'meta[name="date"]',
      'time[datetime]',
    ),
    summary: meta(doc, 'meta[property="og:description"]', 'meta[name="description"]'),
    source: meta(doc, 'meta[property="og:site_name"]'),
    title: undefined,
    region: undefined,
  };
  const warnings: string[] = [];
  let document: SourceDocument = { id: idFromPath(relPath), title, text: body, ...(region ? { region } : {}) };
  document = applyMetadata(document, fields, warnings);
  return warnings.length > 0 ? { ok: true, documents: [document], warnings } : { ok: true, documents: [document] };
}
