import { documentTerms, SEGMENT_BREAK, streamLength, streamSegments, type SentenceTerms } from './sentence-terms.js';

/**
 * The token streams a chunk is indexed under in FTS5: accented syllables, the same without
 * diacritics, and diacritic-free syllable pairs. Pairs make multi-syllable words ("đầu tư",
 * "du lịch") count as units without the cost of FTS5 phrase queries.
 */
export interface TermStreams {
  uni: string;
  uniPlain: string;
  biPlain: string;
}

/** Joins two syllables into one pair term; `_` is a token character of the FTS5 table. */
export function pairTerm(a: string, b: string): string {
  return `${a}_${b}`;
}

/** Every pair of neighbouring syllables of a token list (numbers included: "tăng_140,3" is a pair too). */
export function pairs(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(pairTerm(tokens[i]!, tokens[i + 1]!));
  return out;
}

/** What a chunk is stored under (its streams, see `documentTerms`) and its syllable-pair column. */
export interface ChunkIndexTerms extends SentenceTerms {
  biPlain: string;
}

/**
 * The stored streams and pair column of one document's chunks, in order. The region joins the
 * title so a chunk that never names its province still matches it.
 */
export function chunkIndexTerms(title: string, region: string | null, texts: string[]): ChunkIndexTerms[] {
  const termsOf = documentTerms(`${title} ${region ?? ''}`);
  return texts.map((text) => {
    const t = termsOf(text);
    return { accented: t.accented, plain: t.plain, biPlain: pairColumn(t.plainSegments) };
  });
}

/**
 * The full-text index's columns of a chunk, made from its stored streams: the heading's and
 * text's tokens, accented and plain, and plain syllable pairs. Made from what the chunk stores, so
 * a chunk's entry can be deleted exactly (a contentless FTS5 table deletes a row by being given the
 * values it indexed), whatever the tokenizer's version when it was inserted.
 */
export function ftsColumns(terms: SentenceTerms): TermStreams {
  return indexedColumns({ ...terms, biPlain: pairColumn(streamSegments(terms.plain)) });
}

/** The columns of a chunk whose pair column is at hand (see {@link chunkIndexTerms}). */
export function indexedColumns(terms: ChunkIndexTerms): TermStreams {
  // FTS5 reads spaces and line breaks alike: the streams are its columns once the breaks are gone.
  return { uni: terms.accented.replaceAll(SEGMENT_BREAK, ''), uniPlain: terms.plain.replaceAll(SEGMENT_BREAK, ''), biPlain: terms.biPlain };
}

/**
 * Text as the store writes it: a string, or its UTF-8 bytes (made on a preparation thread, see
 * `packUtf8`); SQLite stores either as the same TEXT.
 */
export type StoredText = string | Uint8Array;

/** What the store writes for one chunk: its text, its stored streams and its full-text columns. */
export interface ChunkValues {
  text: StoredText;
  accented: StoredText;
  plain: StoredText;
  uni: StoredText;
  uniPlain: StoredText;
  biPlain: StoredText;
  /** The plain stream's length for bm25 (see `streamLength`), so statistics need not read it back. */
  plainLength: number;
}

/** The values of {@link ChunkValues} in a fixed order, to encode them together and put them back. */
export const CHUNK_TEXT_FIELDS = ['text', 'accented', 'plain', 'uni', 'uniPlain', 'biPlain'] as const satisfies ReadonlyArray<
  Exclude<keyof ChunkValues, 'plainLength'>
>;

/** The values of a chunk with this text and these terms (see {@link chunkIndexTerms}). */
export function chunkValues(text: string, terms: ChunkIndexTerms): ChunkValues {
  return { text, accented: terms.accented, plain: terms.plain, ...indexedColumns(terms), plainLength: streamLength(terms.plain) };
}

/** The plain syllable pairs of a stream's segments (see `streamSegments`), heading first. */
function pairColumn(plainSegments: string[][]): string {
  const [heading = [], ...sentences] = plainSegments;
  // Pairs are built per part so the last heading word and the first body word do not pair up.
  return `${pairs(heading).join(' ')} ${pairs(sentences.flat()).join(' ')}`;
}
