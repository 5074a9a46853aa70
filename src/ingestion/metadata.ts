/**
 * Filling in what a briefing's file did not say: the province or city it is about and its date,
 * extracted from the text.
 */
import { extractDate } from '../text/dates.js';
import { findRegions } from '../text/regions.js';
import type { SourceDocument } from './types.js';

/** How much of the body counts as the lead when the document has no summary. */
const LEAD_CHARS = 300;
/** How much of the body is searched for a date. */
const BODY_DATE_CHARS = 1000;

/** The lead: the summary when given, else the first ~300 characters of the body (whole words). */
function leadOf(doc: SourceDocument): string {
  if (doc.summary) return doc.summary;
  const head = doc.text.slice(0, LEAD_CHARS);
  return doc.text.length > LEAD_CHARS ? head.replace(/\s+\S*$/, '') : head;
}

/**
 * Returns the document with `region` and `date` filled when absent. The region is the first province
 * or city named in the title, else in the lead (summary or start of the body), so a briefing is tied
 * to the place it is about rather than any place it mentions. The date is the first date written in
 * the title, else the lead, else the first ~1000 characters of the body (see {@link extractDate}),
 * preferring a full date to a month or a bare year. Fields already given are never
 * changed; the input is not mutated.
 */
export function enrichMetadata(doc: SourceDocument): SourceDocument {
  const out: SourceDocument = { ...doc };
  if (!out.region) {
    const region = findRegions(doc.title)[0] ?? findRegions(leadOf(doc))[0];
    if (region) out.region = region;
  }
  if (!out.date) {
    // Only the start of the body: dates deep in an article are usually history ("thành lập ngày 29/12/1987").
    const found = [doc.title, leadOf(doc), doc.text.slice(0, BODY_DATE_CHARS)].map((t) => extractDate(t)).filter((d): d is string => d !== undefined);
    // A full date anywhere beats a bare year in the lead ("năm 2017 ..." then "ngày 19/10/2017").
    const date = found.find((d) => d.length === 10) ?? found.find((d) => d.length === 7) ?? found[0];
    if (date) {
      out.date = date;
      out.dateFromText = true;
    }
  }
  return out;
}
