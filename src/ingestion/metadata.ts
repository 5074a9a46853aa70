/**
 * Filling in what a briefing's file did not say: the province or city it is about and its date,
 * extracted from the text.
 */
import { extractDates, latestStoryYear } from '../text/dates.js';
import { findRegions } from '../text/regions.js';
import type { SourceDocument } from './types.js';

/** How much of the body counts as the lead when the document has no summary. */
const LEAD_CHARS = 300;
/** How much of the body may hold the dateline ("TTXVN - Ngày 19/10, …" after a heading and a photo caption). */
const DATELINE_CHARS = 1000;
/**
 * A date found in the text older than this many years before ingestion is not taken for a news
 * article's: it is a date the story mentions (a birth, a founding), not when it was published.
 */
const MAX_TEXT_DATE_AGE_YEARS = 20;

/** The lead: the summary when given, else the first ~300 characters of the body (whole words). */
function leadOf(doc: SourceDocument): string {
  if (doc.summary) return doc.summary;
  const head = doc.text.slice(0, LEAD_CHARS);
  return doc.text.length > LEAD_CHARS ? head.replace(/\s+\S*$/, '') : head;
}

/**
 * Returns the document with `region` and `date` filled when absent. The region is the first province
 * or city named in the title, else in the lead (summary or start of the body), so a briefing is tied
 * to the place it is about rather than any place it mentions. Fields already given (front matter,
 * a JSON `date`) are never changed; the input is not mutated.
 *
 * Without a given date, the date is one written in the title, the lead or the dateline (the start of
 * the body), a full date preferred to a month or a bare year (see `extractDates`), and only when it
 * is plausible as the publication date of a news article (see {@link plausibleTextDate}). Otherwise
 * the document stays undated: better unknown than "1984" for an article of 2017.
 */
export function enrichMetadata(doc: SourceDocument, now: Date = new Date()): SourceDocument {
  const out: SourceDocument = { ...doc };
  if (!out.region) {
    const region = findRegions(doc.title)[0] ?? findRegions(leadOf(doc))[0];
    if (region) out.region = region;
  }
  if (!out.date) {
    // Only the start of the body: dates deep in an article are usually history ("thành lập ngày 29/12/1987").
    const found = [...new Set([doc.title, leadOf(doc), doc.text.slice(0, DATELINE_CHARS)])].flatMap((t) => extractDates(t));
    const latest = latestStoryYear(`${doc.title}\n${doc.summary ?? ''}\n${doc.text}`, now.getUTCFullYear());
    const plausible = found.filter((d) => plausibleTextDate(d, now, latest));
    // A full date beats a month, a month beats a bare year ("năm 2017 ..." then "ngày 19/10/2017").
    const date = plausible.find((d) => d.length === 10) ?? plausible.find((d) => d.length === 7) ?? plausible[0];
    if (date) {
      out.date = date;
      out.dateFromText = true;
    }
  }
  return out;
}

/**
 * A date read from the text may be the article's own when it is not in the future, not decades
 * old ({@link MAX_TEXT_DATE_AGE_YEARS}), and not before the year before the latest year the
 * article itself reports on (`latestYear`: an article that tells of 2017 was not written in 1984;
 * one of late 2017 may look ahead to the 2018 season).
 */
export function plausibleTextDate(iso: string, now: Date, latestYear: number | undefined): boolean {
  const year = Number(iso.slice(0, 4));
  if (iso > now.toISOString().slice(0, iso.length)) return false;
  if (year < now.getUTCFullYear() - MAX_TEXT_DATE_AGE_YEARS) return false;
  return latestYear === undefined || year >= latestYear - 1;
}
