import { describe, expect, it } from 'vitest';
import { allMatches } from '../../src/text/all-matches.js';

const spans = (ms: RegExpExecArray[]) => ms.map((m) => [m.index, m[0]]);

describe('allMatches', () => {
  it('finds what matchAll finds, and leaves the shared pattern ready for the next text', () => {
    const DATE = /(\d{1,2})\/(\d{1,2})/g;
    const text = 'Ngày 19/10 và 20/10, không phải 2023.';
    expect(spans(allMatches(DATE, text))).toEqual(spans([...text.matchAll(DATE)]));
    expect(allMatches(DATE, text)[1]![2]).toBe('10');
    expect(DATE.lastIndex).toBe(0);
    expect(spans(allMatches(DATE, 'ngày 1/5'))).toEqual([[5, '1/5']]);
  });

  it('steps over empty matches, by whole code points under the u flag', () => {
    for (const pattern of [/x*/g, /x*/gu]) {
      const text = 'a🌊xxb';
      expect(spans(allMatches(pattern, text))).toEqual(spans([...text.matchAll(pattern)]));
    }
  });

  it('refuses a pattern without the g flag, which would match the same place forever', () => {
    expect(() => allMatches(/x/, 'xx')).toThrow(/global pattern/);
  });
});
