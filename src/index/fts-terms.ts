import { SEGMENT_BREAK, streamSegments, type SentenceTerms } from './sentence-terms.js';

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

/** Syllable pairs of a token list, skipping pairs that would straddle a number. */
export function pairs(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(pairTerm(tokens[i]!, tokens[i + 1]!));
  return out;
}

/**
 * The full-text index's columns of a chunk, made from its stored streams (see `documentTerms`): the
 * heading's and text's tokens, accented and plain, and plain syllable pairs. Made from what the
 * chunk stores, so a chunk's entry can be deleted exactly (a contentless FTS5 table deletes a row
 * by being given the values it indexed), whatever the tokenizer's version when it was inserted.
 */
export function ftsColumns(terms: SentenceTerms): TermStreams {
  return ftsColumnsOf(terms, streamSegments(terms.plain));
}

/** {@link ftsColumns}, given the plain stream's tokens segment by segment (see `streamSegments`). */
export function ftsColumnsOf(terms: SentenceTerms, plainSegments: string[][]): TermStreams {
  const [heading = [], ...sentences] = plainSegments;
  // FTS5 reads spaces and line breaks alike: the streams are its columns once the breaks are gone.
  // Pairs are built per part so the last heading word and the first body word do not pair up.
  return {
    uni: terms.accented.replaceAll(SEGMENT_BREAK, ''),
    uniPlain: terms.plain.replaceAll(SEGMENT_BREAK, ''),
    biPlain: `${pairs(heading).join(' ')} ${pairs(sentences.flat()).join(' ')}`,
  };
}
