import { plainToken } from '../text/normalize.js';

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
 * Token streams for indexing a chunk, from its heading's and text's tokens (see `sentenceTerms`);
 * the heading is included so every chunk matches its headline.
 */
export function termStreams(titleTokens: string[], textTokens: string[]): TermStreams {
  const titlePlain = titleTokens.map(plainToken);
  const textPlain = textTokens.map(plainToken);
  // Pairs are built per segment so the last title word and the first body word do not pair up.
  return {
    uni: `${titleTokens.join(' ')} ${textTokens.join(' ')}`,
    uniPlain: `${titlePlain.join(' ')} ${textPlain.join(' ')}`,
    biPlain: `${pairs(titlePlain).join(' ')} ${pairs(textPlain).join(' ')}`,
  };
}
