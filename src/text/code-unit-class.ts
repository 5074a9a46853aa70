/**
 * A test of single UTF-16 code units against a character class, remembered per unit as units are
 * met: the regex engine's `\p{L}` test is a range search per character, which hand-written
 * scanners over whole corpora cannot afford, and a table of all 65,536 units built up front cost
 * every process about 10 ms before its first question. Surrogates are never in the class (a caller
 * handles pairs itself).
 *
 *   const isLetter = codeUnitClass(/^\p{L}$/u);
 *   isLetter('ạ'.charCodeAt(0)); // true
 */
export function codeUnitClass(pattern: RegExp): (unit: number) => boolean {
  // 0: not asked yet, 1: outside the class, 2: in it.
  const known = new Uint8Array(0x10000);
  return (unit) => {
    let k = known[unit]!;
    if (k === 0) k = known[unit] = (unit < 0xd800 || unit > 0xdfff) && pattern.test(String.fromCharCode(unit)) ? 2 : 1;
    return k === 2;
  };
}
