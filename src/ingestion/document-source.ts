import type { IndexStore } from '../store/store.js';
import type { DocumentStream } from './load-file.js';
import type { IngestProgress, IngestSummary } from './types.js';

/**
 * Documents read from somewhere other than a corpus file (an RSS/Atom feed, an article URL), ready
 * to be indexed exactly as a file's documents are: same incremental rule (a document whose content
 * hash is unchanged is not re-chunked), same duplicate-id rule, same transaction.
 */
export interface PreparedSource {
  /**
   * Stands where a file's path stands: recorded as the documents' file and in the index's list of
   * known files. Not a path (a URL), so pruning leaves it to its {@link DocumentSource}.
   */
  key: string;
  /** Recorded for the key as a file's hash is. */
  hash: string;
  /**
   * Its documents (and, as `{ unchanged: id }`, those it still provides without re-reading them),
   * or why nothing could be read: its previous documents then stay. A document it held before and
   * gives neither way is removed.
   */
  loaded: { ok: true; stream: DocumentStream } | { ok: false; reason: string };
  /** Saves the source's own state (HTTP validators), inside the run's transaction, once its documents are in. */
  commit(): void;
}

/** A kind of source ingestion reads besides files. */
export interface DocumentSource {
  /**
   * Reads the sources (the slow part: the network), after the index is locked and before the run's
   * transaction begins. `reprocess`: the index will be refilled or re-processed (another pipeline
   * or schema version), so every document must be given in full, none as unchanged.
   */
  prepare(store: IndexStore, context: { reprocess: boolean; progress: IngestProgress }): Promise<PreparedSource[]>;
  /** For `--prune`: true when `key` is one of this kind's keys and is no longer listed (its documents go). */
  unlisted(key: string): boolean;
  /** Adds what the source did to the run's summary (after the commit). */
  report?(summary: IngestSummary): void;
}
