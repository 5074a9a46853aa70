import { describe, expect, it } from 'vitest';
import { fuseRankings } from '../../src/retrieval/rank-fusion.js';

const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe('fuseRankings (weighted reciprocal-rank fusion)', () => {
  it('ranks a passage found by both retrievers above passages only one of them put first', () => {
    const fused = fuseRankings([
      { items: ['lex1', 'both', 'lex3'], weight: 1 },
      { items: ['vec1', 'both', 'vec3'], weight: 1 },
    ]);
    expect(fused[0]!.id).toBe('both');
    expect(new Set(ids(fused))).toEqual(new Set(['lex1', 'lex3', 'vec1', 'vec3', 'both']));
  });

  it('returns scores in descending order', () => {
    const fused = fuseRankings([
      { items: ['a', 'b', 'c', 'd'], weight: 1 },
      { items: ['d', 'e', 'a'], weight: 0.5 },
    ]);
    for (let i = 1; i < fused.length; i++) expect(fused[i]!.score).toBeLessThanOrEqual(fused[i - 1]!.score);
  });

  it('lets the heavier list win when the two lists disagree', () => {
    const lists = (lexical: number, vector: number) => [
      { items: ['L', 'x'], weight: lexical },
      { items: ['V', 'y'], weight: vector },
    ];
    expect(fuseRankings(lists(2, 1))[0]!.id).toBe('L');
    expect(fuseRankings(lists(1, 2))[0]!.id).toBe('V');
  });

  it('ignores a list of weight 0 entirely, keeping the other list in its own order', () => {
    const fused = fuseRankings([
      { items: ['a', 'b', 'c'], weight: 1 },
      { items: ['c', 'z', 'b'], weight: 0 },
    ]);
    expect(ids(fused)).toEqual(['a', 'b', 'c']);
  });

  it('breaks exact ties by best rank, then by the earlier list, so the order is stable', () => {
    // a and b each hold ranks 1 and 2 across the lists: equal scores.
    const fused = fuseRankings([
      { items: ['a', 'b'], weight: 1 },
      { items: ['b', 'a'], weight: 1 },
    ]);
    expect(fused[0]!.score).toBeCloseTo(fused[1]!.score, 12);
    expect(ids(fused)).toEqual(['a', 'b']);

    // Equal scores, but c reached rank 1 somewhere while d never did.
    const byBestRank = fuseRankings([
      { items: ['x', 'd'], weight: 1 },
      { items: ['c'], weight: 1 / (60 + 2) / (1 / (60 + 1)) },
    ]);
    const c = byBestRank.find((i) => i.id === 'c')!;
    const d = byBestRank.find((i) => i.id === 'd')!;
    expect(c.score).toBeCloseTo(d.score, 12);
    expect(ids(byBestRank).indexOf('c')).toBeLessThan(ids(byBestRank).indexOf('d'));
  });

  it('counts an id repeated within one list only once, at its best position', () => {
    const fused = fuseRankings([
      { items: ['a', 'a', 'a', 'b'], weight: 1 },
      { items: ['b'], weight: 1 },
    ]);
    expect(ids(fused)).toEqual(['b', 'a']);
  });

  it('uses the k constant to damp the lead of top ranks', () => {
    const lists = [
      { items: ['top', 'a', 'b', 'both'], weight: 1 },
      { items: ['c', 'd', 'e', 'both'], weight: 0.9 },
    ];
    // With a small k a first rank dominates; with the usual k=60 agreement between the lists wins.
    expect(fuseRankings(lists, 1)[0]!.id).toBe('top');
    expect(fuseRankings(lists, 60)[0]!.id).toBe('both');
  });

  it('works with numeric ids (vector index labels) and with no input', () => {
    expect(fuseRankings<number>([{ items: [3, 1], weight: 1 }]).map((i) => i.id)).toEqual([3, 1]);
    expect(fuseRankings([])).toEqual([]);
  });
});
