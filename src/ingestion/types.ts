/**
 * A briefing as read from a file, before chunking. Loaders produce these; metadata not given by the
 * file is filled in later by {@link enrichMetadata}.
 */
export interface SourceDocument {
  /** Stable id: from the file's `id` field, else derived from the file path (and index for arrays). */
  id: string;
  title: string;
  /** Body text (already stripped of markup and page furniture), NFC. */
  text: string;
  summary?: string;
  url?: string;
  /** ISO date `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) when known. */
  date?: string;
  /** Province or city the briefing is about, canonical Vietnamese spelling ("Hải Phòng"). */
  region?: string;
  source?: string;
  /**
   * True when `date` was read from the body rather than given by the file: it may be any date the
   * article mentions, so it is shown but not trusted for "newest briefing wins".
   */
  dateFromText?: boolean;
}

/** A file that could not be ingested, with a reason an admin can act on. */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** The result of reading one file: zero or more documents, or a reason it was skipped. */
export type LoadResult =
  | {
      ok: true;
      documents: SourceDocument[];
      /** Problems that lost part of the file but not all of it (a bad JSONL line, an unreadable date), one line each. */
      warnings?: string[];
    }
  | { ok: false; reason: string };

/** A piece of a document small enough to retrieve and cite. */
export interface Chunk {
  /** Stable: `${docId}#${ordinal}`. */
  id: string;
  docId: string;
  ordinal: number;
  /** The passage text as shown to users (no title prefix). */
  text: string;
}

/** What an ingestion run did, printed at the end and returned to bots for /reindex. */
export interface IngestSummary {
  filesRead: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  chunks: number;
  /** Chunks whose vectors were computed in this run (0 in lexical mode). */
  embedded: number;
  skipped: SkippedFile[];
  /** Seconds of the run; for a child process (/reindex), the time the parent waited, start-up included. */
  seconds: number;
  /** Peak resident memory of the ingesting process in bytes, when it ran as a child process (/reindex). */
  peakRssBytes?: number;
  /** What reading feeds and article URLs did, when the run read any. */
  feeds?: FeedRunReport;
}

/** What reading feeds and article URLs did in one run (src/feeds/). */
export interface FeedRunReport {
  /** URLs listed (feeds and single articles). */
  listed: number;
  /** Listed URLs that answered 304 Not Modified or sent the same bytes: nothing of them was read again. */
  unchangedSources: number;
  /** Article pages downloaded and extracted. */
  pagesRead: number;
  /** Article pages not read again: 304, the same bytes, or a feed entry that had not changed (not requested). */
  pagesUnchanged: number;
  /** Items indexed from their feed's description because their page could not be read. */
  fromDescription: number;
  /** HTTP requests made (robots.txt included), and how many of them answered 304. */
  requests: number;
  notModified: number;
}

/** Progress callback used by the CLI progress bar and by bots' /reindex. */
export type IngestProgress = (event: {
  phase: 'scan' | 'read' | 'embed' | 'commit';
  done: number;
  total: number;
  file?: string;
  /** Records read so far in `file` (JSON/JSONL), so one big export does not sit at "0/1". */
  records?: number;
}) => void;
