import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleVectorFiles, VectorIndex, VectorIndexFileError } from '../../src/store/vector-index.js';

/** Deterministic unit vectors, different enough that each one's nearest neighbour is itself. */
function vectorFor(seed: number, dim: number): Float32Array {
  const v = Float32Array.from({ length: dim }, (_, i) => (Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453) % 1);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vector-index-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('VectorIndex', () => {
  it('finds each stored vector as its own nearest neighbour with cosine similarity 1', () => {
    const index = VectorIndex.create(16, 32);
    for (let label = 1; label <= 20; label++) index.add(label, vectorFor(label, 16));
    const hits = index.search(vectorFor(7, 16), 3);
    expect(hits[0]!.label).toBe(7);
    expect(hits[0]!.score).toBeCloseTo(1, 5);
    expect(hits[1]!.score).toBeLessThanOrEqual(hits[0]!.score);
    expect(index.size).toBe(20);
  });

  it('returns only what it holds when asked for more neighbours than it has', () => {
    const index = VectorIndex.create(8);
    expect(index.search(vectorFor(1, 8), 5)).toEqual([]);
    index.add(1, vectorFor(1, 8));
    index.add(2, vectorFor(2, 8));
    expect(
      index
        .search(vectorFor(1, 8), 10)
        .map((h) => h.label)
        .sort(),
    ).toEqual([1, 2]);
  });

  it('grows beyond its initial capacity', () => {
    const index = VectorIndex.create(8, 16);
    for (let label = 0; label < 300; label++) index.add(label, vectorFor(label, 8));
    expect(index.size).toBe(300);
    for (const label of [0, 17, 150, 299]) expect(index.search(vectorFor(label, 8), 1)[0]!.label).toBe(label);
  });

  it('replaces the vector of a label that is added again', () => {
    const index = VectorIndex.create(8);
    index.add(5, vectorFor(5, 8));
    index.add(6, vectorFor(6, 8));
    index.add(5, vectorFor(99, 8));
    expect(index.size).toBe(2);
    const hit = index.search(vectorFor(99, 8), 1)[0]!;
    expect(hit.label).toBe(5);
    expect(hit.score).toBeCloseTo(1, 5);
    expect(index.search(vectorFor(5, 8), 2).find((h) => h.label === 5)!.score).toBeLessThan(0.99);
  });

  it('never returns a removed label; removing twice or removing an unknown label is harmless; re-adding brings it back', () => {
    const index = VectorIndex.create(8);
    for (let label = 1; label <= 5; label++) index.add(label, vectorFor(label, 8));
    index.remove(3);
    index.remove(3);
    index.remove(42);
    expect(index.size).toBe(4);
    expect(index.has(3)).toBe(false);
    expect(index.search(vectorFor(3, 8), 10).map((h) => h.label)).not.toContain(3);
    index.add(3, vectorFor(3, 8));
    expect(index.search(vectorFor(3, 8), 1)[0]!.label).toBe(3);
  });

  it('rejects vectors of the wrong size or with non-finite numbers, naming the label', () => {
    const index = VectorIndex.create(8);
    expect(() => index.add(1, new Float32Array(7))).toThrow(/label 1 has 7 numbers; this index holds 8/);
    expect(() => index.add(2, new Float32Array(8).fill(Number.NaN))).toThrow(/label 2 contains a non-finite/);
    expect(() => index.add(-1, vectorFor(1, 8))).toThrow(/non-negative integers/);
    expect(index.size).toBe(0);
  });
});

describe('VectorIndex persistence', () => {
  it('round-trips through saveAtomic and load, keeping updates and deletions', async () => {
    const index = VectorIndex.create(12, 16, { modelId: 'tiny@q8' });
    for (let label = 1; label <= 40; label++) index.add(label, vectorFor(label, 12));
    index.add(10, vectorFor(1000, 12));
    index.remove(20);

    const name = await index.saveAtomic(dir);
    expect(name).toMatch(/^vectors-\d+-[0-9a-f]+\.hnsw$/);
    const loaded = await VectorIndex.load(join(dir, name), 12, { modelId: 'tiny@q8' });

    expect(loaded.size).toBe(39);
    expect(loaded.has(20)).toBe(false);
    expect(loaded.search(vectorFor(20, 12), 39).map((h) => h.label)).not.toContain(20);
    expect(loaded.search(vectorFor(1000, 12), 1)[0]!.label).toBe(10);
    expect(loaded.search(vectorFor(33, 12), 1)[0]).toMatchObject({ label: 33 });
    expect(loaded.modelId).toBe('tiny@q8');
  });

  it('drops deleted slots when many were removed, and the saved index still answers correctly', async () => {
    const index = VectorIndex.create(8, 16);
    for (let label = 0; label < 100; label++) index.add(label, vectorFor(label, 8));
    const before = (await readFile(join(dir, await index.saveAtomic(dir)))).length;
    for (let label = 0; label < 60; label++) index.remove(label);
    const name = await index.saveAtomic(dir);
    const loaded = await VectorIndex.load(join(dir, name), 8);
    expect(loaded.size).toBe(40);
    expect(loaded.labels().sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 60));
    expect(loaded.search(vectorFor(75, 8), 1)[0]!.label).toBe(75);
    // Without compaction the 60 deleted vectors would still be stored.
    expect((await readFile(join(dir, name))).length).toBeLessThan(before);
  });

  it('writes a new generation each time, leaving the previous file loadable until it is pruned', async () => {
    const index = VectorIndex.create(8);
    index.add(1, vectorFor(1, 8));
    const first = await index.saveAtomic(dir);
    index.add(2, vectorFor(2, 8));
    const second = await index.saveAtomic(dir);
    expect(second).not.toBe(first);

    expect((await VectorIndex.load(join(dir, first), 8)).size).toBe(1);
    expect((await VectorIndex.load(join(dir, second), 8)).size).toBe(2);

    await writeFile(join(dir, 'store.sqlite'), 'not ours');
    const removed = await removeStaleVectorFiles(dir, [second]);
    expect(removed.sort()).toEqual([first, `${first}.json`].sort());
    expect((await readdir(dir)).sort()).toEqual([second, `${second}.json`, 'store.sqlite'].sort());
  });

  it('leaves no partial file behind when saving fails', async () => {
    const index = VectorIndex.create(8);
    index.add(1, vectorFor(1, 8));
    const good = await index.saveAtomic(dir);
    await expect(index.saveAtomic(join(dir, 'no-such-folder'))).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual([good, `${good}.json`].sort());
    expect((await VectorIndex.load(join(dir, good), 8)).size).toBe(1);
  });

  it('refuses a damaged file with a message naming it and asking for a re-ingest', async () => {
    const index = VectorIndex.create(8);
    for (let label = 1; label <= 10; label++) index.add(label, vectorFor(label, 8));
    const file = join(dir, await index.saveAtomic(dir));
    const bytes = await readFile(file);
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0xff;
    await writeFile(file, bytes);

    const attempt = VectorIndex.load(file, 8);
    await expect(attempt).rejects.toBeInstanceOf(VectorIndexFileError);
    await expect(attempt).rejects.toThrow(file);
    await expect(attempt).rejects.toThrow(/damaged.*npm run ingest/);
  });

  it('refuses a truncated file, a foreign file without description, and a missing file', async () => {
    const index = VectorIndex.create(8);
    index.add(1, vectorFor(1, 8));
    const file = join(dir, await index.saveAtomic(dir));
    await writeFile(file, (await readFile(file)).subarray(0, 50));
    await expect(VectorIndex.load(file, 8)).rejects.toThrow(/damaged/);

    const foreign = join(dir, 'vectors-1-abcd.hnsw');
    await writeFile(foreign, 'garbage that would crash hnswlib');
    await expect(VectorIndex.load(foreign, 8)).rejects.toThrow(/missing its description file/);

    await writeFile(`${foreign}.json`, JSON.stringify({ hello: 'world' }));
    await expect(VectorIndex.load(foreign, 8)).rejects.toThrow(/not written by this program/);

    await expect(VectorIndex.load(join(dir, 'gone.hnsw'), 8)).rejects.toBeInstanceOf(VectorIndexFileError);
  });

  it('refuses an index built for another dimension or another embedding model', async () => {
    const index = VectorIndex.create(8, 16, { modelId: 'model-a@q8' });
    index.add(1, vectorFor(1, 8));
    const file = join(dir, await index.saveAtomic(dir));
    await expect(VectorIndex.load(file, 16)).rejects.toThrow(/8-dimensional vectors but the embedding model gives 16/);
    await expect(VectorIndex.load(file, 8, { modelId: 'model-b@q8' })).rejects.toThrow(
      /built with the embedding model model-a@q8, not model-b@q8/,
    );
  });
});
