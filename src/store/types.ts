/** A retrieved chunk with its document's metadata, in rank order. */
export interface Passage {
  docId: string;
  chunkId: string;
  /** Higher is better; comparable only within one result list. */
  score: number;
  text: string;
  title: string;
  source: string | null;
  url: string | null;
  date: string | null;
  region: string | null;
  /** The date was found in the text, not given with the briefing: not used to prefer newer briefings. */
  dateFromText?: boolean;
}

/** What a user can be told about the index (bots' /start, /stats, health check). */
export interface IndexStats {
  documents: number;
  chunks: number;
  newestDate: string | null;
  lastIngestAt: string | null;
  /** Embedding model recorded in the index, or null in lexical mode. */
  embeddingModel: string | null;
}
