import { parseDateField } from '../text/dates.js';

/** Vietnam's offset: the day a news item belongs to when its date gives no offset of its own. */
const VIETNAM_OFFSET_MINUTES = 7 * 60;

/**
 * A feed or page date as `YYYY-MM-DD`, the day in the time zone it was written in: ISO 8601
 * (`2023-10-19T23:30:00+07:00`, Atom) keeps its written day; RFC 822 (`Thu, 19 Oct 2023 23:30:00
 * +0700`, RSS) is read in its own offset, or in Vietnam's when it names none ("GMT" counts as one).
 * Undefined when it is not a date.
 */
export function feedDate(value: string): string | null {
  const s = value.trim();
  if (/^\d{4}-\d{2}/.test(s)) return parseDateField(s) ?? parseDateField(s.slice(0, 10)) ?? null;
  const time = Date.parse(s);
  if (Number.isNaN(time)) return parseDateField(s) ?? null;
  const offset = /([+-])(\d{2}):?(\d{2})\s*$/.exec(s);
  const minutes = offset
    ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]))
    : /\b(?:GMT|UTC|UT|Z)\s*$/i.test(s)
      ? 0
      : VIETNAM_OFFSET_MINUTES;
  return new Date(time + minutes * 60_000).toISOString().slice(0, 10);
}
