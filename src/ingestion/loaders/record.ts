/**
 * A document given as a JSON object (in `.json` and `.jsonl` files, or as Markdown front matter):
 * `id, title, text` and optional `summary, url, date, region, source`.
 */
import { z } from 'zod';
import type { SourceDocument } from '../types.js';
import { parseDateField } from '../../text/dates.js';
import { canonicalRegion } from '../../text/regions.js';
import { stripInlinePhotoCredits } from '../furniture.js';

const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((s) => (typeof s === 'string' && s.trim() !== '' ? s.normalize('NFC').replace(/\r\n?/g, '\n').trim() : undefined));

/** Metadata fields shared by JSON records and front matter. Unknown fields are ignored. */
export const metadataSchema = z.object({
  id: z.union([z.string(), z.number()]).optional().nullable(),
  title: optionalText,
  summary: optionalText,
  url: optionalText,
  date: z.union([z.string(), z.number(), z.date(), z.null()]).optional(),
  region: optionalText,
  source: optionalText,
});

const recordSchema = metadataSchema.extend({ text: optionalText });

/** Metadata as read, before it is attached to a document. */
export type Metadata = z.output<typeof metadataSchema>;

/** A record turned into a document, or why it cannot be one. */
export type RecordResult = { ok: true; document: SourceDocument; warnings: string[] } | { ok: false; reason: string };

/** One line of zod's complaint, naming the field: `field "title" must be text`. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const field = issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'record';
  return issue.code === 'invalid_type' || issue.code === 'invalid_union'
    ? `${field} has the wrong type (expected text)`
    : `${field}: ${issue.message}`;
}

/** The first line of the text, shortened, for documents that come without a title. */
export function titleFromText(text: string): string {
  const first =
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  if (first.length <= 150) return first;
  const sentence = /^.{20,150}?[.!?](?=\s)/.exec(first)?.[0];
  return sentence ?? `${first.slice(0, 147).replace(/\s+\S*$/, '')}…`;
}

/**
 * Applies given metadata to a document: fields given win; a date is put in ISO form and a region
 * spelled as a known variant ("TP.HCM") gets its canonical name, so filters match.
 * Values that cannot be understood are dropped with a warning.
 */
export function applyMetadata(doc: SourceDocument, meta: Metadata, warnings: string[]): SourceDocument {
  const out: SourceDocument = { ...doc };
  if (meta.id !== undefined && meta.id !== null && String(meta.id).trim() !== '') out.id = String(meta.id).trim();
  if (meta.title) out.title = meta.title;
  if (meta.summary) out.summary = meta.summary;
  if (meta.url) out.url = meta.url;
  if (meta.source) out.source = meta.source;
  if (meta.region) out.region = canonicalRegion(meta.region) ?? meta.region;
  if (meta.date !== undefined && meta.date !== null && String(meta.date).trim() !== '') {
    const iso = parseDateField(meta.date);
    if (iso) out.date = iso;
    else warnings.push(`date "${String(meta.date)}" is not a date (use YYYY-MM-DD); ignored`);
  }
  return out;
}

/**
 * A JSON value as a document. `fallbackId` is used when the record has no `id`; a record without
 * `text` is indexed from its `summary`, one with neither is refused; one without `title` is titled
 * by its first line.
 */
export function recordToDocument(value: unknown, fallbackId: string): RecordResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not a JSON object with id, title and text' };
  }
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: describeIssue(parsed.error) };
  // Records come from news exports, whose bodies often carry flattened photo credits.
  // A record with only a summary (some exports keep the lead alone) is indexed from the summary.
  const body = parsed.data.text ?? parsed.data.summary;
  const text = body ? stripInlinePhotoCredits(body) : body;
  if (!text) return { ok: false, reason: 'missing "text" (the body of the briefing) and "summary"' };
  const warnings: string[] = [];
  const base: SourceDocument = { id: fallbackId, title: titleFromText(text), text };
  return { ok: true, document: applyMetadata(base, parsed.data, warnings), warnings };
}
