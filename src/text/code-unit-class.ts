/**
 * A test of single UTF-16 code units against a character class, read from a table built the
 * first time it is asked: the regex engine's `\p{L}` test is a range search per character, which
 * hand-written scanners over whole corpora cannot afford. Surrogates are never in the class (a
 * caller handles pairs itself); ASCII is decided by `pattern` like everything else.
 *
 *   const isLetter = codeUnitClass(/^\p{L}$/u);
 *   isLetter('ạ'.charCodeAt(0)); // true
 */
export function codeUnitClass(pattern: RegExp): (unit: number) => boolean {
  let table: Uint8Array | null = null;
  return (unit) => {
    if (table === null) {
      table = new Uint8Array(0x10000);
      for (let u = 0; u < 0x10000; u++) if ((u < 0xd800 || u > 0xdfff) && pattern.test(String.fromCharCode(u))) table[u] = 1;
    }
    return table[unit] === 1;
  };
}
