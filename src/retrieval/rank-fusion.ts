/** One ranked result list to fuse: ids best first, and how much this list counts. */
export interface RankedList<Id = string> {
  items: readonly Id[];
  weight: number;
}

/** A fused result: the id and its fused score (higher is better; only comparable within one call). */
export interface FusedItem<Id = string> {
  id: Id;
  score: number;
}

/** The constant of the original RRF paper; it damps the lead of the very top ranks. */
export const DEFAULT_RRF_K = 60;

/**
 * Weighted reciprocal-rank fusion: each list adds `weight / (k + rank)` (rank from 1) to every id it
 * holds, so ids found by several retrievers rise, without comparing their incompatible raw scores.
 * Ties go to the id with the better best rank, then to the earlier list. A repeated id counts once per
 * list (its first position); lists of weight 0 are ignored, so an id only they hold is dropped.
 */
export function fuseRankings<Id = string>(lists: readonly RankedList<Id>[], k = DEFAULT_RRF_K): FusedItem<Id>[] {
  if (!(k >= 0)) throw new Error(`Rank fusion constant k must be zero or more, got ${k}`);
  const fused = new Map<Id, { score: number; bestRank: number; firstSeen: number }>();
  let order = 0;
  for (const list of lists) {
    if (!(list.weight > 0)) continue;
    const seen = new Set<Id>();
    list.items.forEach((id, index) => {
      if (seen.has(id)) return;
      seen.add(id);
      const rank = index + 1;
      const entry = fused.get(id);
      const contribution = list.weight / (k + rank);
      if (entry) {
        entry.score += contribution;
        entry.bestRank = Math.min(entry.bestRank, rank);
      } else {
        fused.set(id, { score: contribution, bestRank: rank, firstSeen: order++ });
      }
    });
  }
  return [...fused.entries()]
    .sort(([, a], [, b]) => {
      // Equal sums added in a different order can differ in the last bit; treat them as the tie they are.
      const diff = b.score - a.score;
      if (Math.abs(diff) > 1e-12) return diff;
      return a.bestRank - b.bestRank || a.firstSeen - b.firstSeen;
    })
    .map(([id, { score }]) => ({ id, score }));
}
