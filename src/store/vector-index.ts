import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { isProcessAlive } from '../util/process-alive.js';
import { ExpectedError } from '../errors.js';

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

/** One nearest neighbour: the caller's integer label and its cosine similarity to the query (1 = same direction). */
export interface VectorHit {
  label: number;
  score: number;
}

/** Options shared by {@link VectorIndex.create} and {@link VectorIndex.load}. */
export interface VectorIndexOptions {
  /** Embedding model the vectors came from; saved with the index and checked on load. */
  modelId?: string;
}

/**
 * A saved vector index that cannot be used: missing, damaged, foreign, or built for another model or
 * dimension. The message names the file and tells the admin to re-ingest.
 */
export class VectorIndexFileError extends ExpectedError {
  override name = 'VectorIndexFileError';
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`Vector index ${file} ${problem}; run \`npm run ingest\` again to rebuild it.`);
  }
}

/** Written beside every index file; lets us refuse a bad file before hnswlib (which may crash on garbage) sees it. */
interface Sidecar {
  magic: typeof MAGIC;
  version: 1;
  dim: number;
  modelId: string | null;
  /** Slots in the file, live and deleted. */
  count: number;
  deleted: number[];
  bytes: number;
  sha256: string;
}

const MAGIC = 'tin-vung-bot/hnsw-vectors';
const SIDECAR_SUFFIX = '.json';
/** hnswlib graph parameters: its documented defaults, with a fixed seed so builds are reproducible. */
const M = 16;
const EF_CONSTRUCTION = 200;
const SEED = 100;
const MIN_EF_SEARCH = 64;
/** Deleted slots are never reused by hnswlib; past this share, saving rebuilds the graph without them. */
const COMPACT_AT_DELETED_SHARE = 0.25;

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Flushes a file (or directory entry) to disk so a crash right after rename cannot leave an empty file. */
async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on directories; the data file itself was already synced.
  } finally {
    await handle.close();
  }
}

function isSidecar(value: unknown): value is Sidecar {
  const s = value as Partial<Sidecar> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    s.magic === MAGIC &&
    s.version === 1 &&
    Number.isInteger(s.dim) &&
    Number.isInteger(s.count) &&
    Number.isInteger(s.bytes) &&
    typeof s.sha256 === 'string' &&
    Array.isArray(s.deleted) &&
    (s.modelId === null || typeof s.modelId === 'string')
  );
}

/**
 * Approximate nearest-neighbour index over unit vectors (hnswlib, cosine space), keyed by integer labels
 * (the caller's chunk row ids). Grows as needed; removals are marks that searches skip. Saved as a new
 * generation file each time, so a reader holding the previous name always loads a complete index.
 */
export class VectorIndex {
  private index: Hnsw;
  private readonly live = new Set<number>();
  private readonly deleted = new Set<number>();

  private constructor(
    readonly dimension: number,
    index: Hnsw,
    readonly modelId: string | null,
  ) {
    this.index = index;
  }

  /** An empty index for vectors of `dim` numbers, with room for `capacity` before it first grows. */
  static create(dim: number, capacity = 1024, options: VectorIndexOptions = {}): VectorIndex {
    if (!Number.isInteger(dim) || dim < 1) throw new Error(`Vector dimension must be a positive integer, got ${dim}`);
    return new VectorIndex(dim, VectorIndex.emptyGraph(dim, capacity), options.modelId ?? null);
  }

  /**
   * Loads an index saved by {@link VectorIndex.saveAtomic}. The file is checked against its sidecar
   * (format, dimension, model, size and checksum) before hnswlib reads it.
   * Throws {@link VectorIndexFileError} naming the file when it cannot be used.
   */
  static async load(file: string, dim: number, options: VectorIndexOptions = {}): Promise<VectorIndex> {
    let sidecar: unknown;
    try {
      sidecar = JSON.parse(await readFile(file + SIDECAR_SUFFIX, 'utf8'));
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new VectorIndexFileError(
        file,
        missing ? 'is missing its description file (' + basename(file) + SIDECAR_SUFFIX + ')' : 'has an unreadable description file',
      );
    }
    if (!isSidecar(sidecar)) throw new VectorIndexFileError(file, 'was not written by this program');
    if (sidecar.dim !== dim) {
      throw new VectorIndexFileError(file, `holds ${sidecar.dim}-dimensional vectors but the embedding model gives ${dim}`);
    }
    if (options.modelId !== undefined && sidecar.modelId !== null && sidecar.modelId !== options.modelId) {
      throw new VectorIndexFileError(file, `was built with the embedding model ${sidecar.modelId}, not ${options.modelId}`);
    }
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      throw new VectorIndexFileError(file, 'is missing');
    }
    if (size !== sidecar.bytes || (await sha256File(file)) !== sidecar.sha256) {
      throw new VectorIndexFileError(file, 'is damaged (its size or checksum does not match)');
    }

    const graph = new HierarchicalNSW('cosine', dim);
    try {
      graph.readIndexSync(file);
    } catch (error) {
      throw new VectorIndexFileError(file, `could not be read (${(error as Error).message})`);
    }
    const loaded = new VectorIndex(dim, graph, sidecar.modelId);
    for (const label of sidecar.deleted) loaded.deleted.add(label);
    for (const label of graph.getIdsList()) if (!loaded.deleted.has(label)) loaded.live.add(label);
    return loaded;
  }

  private static emptyGraph(dim: number, capacity: number): Hnsw {
    const graph = new HierarchicalNSW('cosine', dim);
    graph.initIndex(Math.max(16, Math.ceil(capacity)), M, EF_CONSTRUCTION, SEED);
    return graph;
  }

  /** Number of live (not deleted) vectors. */
  get size(): number {
    return this.live.size;
  }

  /** Whether `label` has a live vector. */
  has(label: number): boolean {
    return this.live.has(label);
  }

  /** Live labels, in no particular order (lets the caller reconcile with its store). */
  labels(): number[] {
    return [...this.live];
  }

  /** Adds the vector for `label`, replacing any earlier one (also a deleted one). Grows the index as needed. */
  add(label: number, vector: ArrayLike<number>): void {
    this.checkLabel(label);
    if (vector.length !== this.dimension) {
      throw new Error(`Vector for label ${label} has ${vector.length} numbers; this index holds ${this.dimension}`);
    }
    const point = Array.from(vector);
    if (!point.every(Number.isFinite)) throw new Error(`Vector for label ${label} contains a non-finite number`);
    const known = this.live.has(label) || this.deleted.has(label);
    if (!known && this.index.getCurrentCount() >= this.index.getMaxElements()) {
      this.index.resizeIndex(this.index.getMaxElements() * 2);
    }
    // hnswlib updates in place when the label exists, un-deleting it if it was marked.
    this.index.addPoint(point, label);
    this.deleted.delete(label);
    this.live.add(label);
  }

  /** Marks `label` deleted so searches skip it. Unknown or already-deleted labels are ignored. */
  remove(label: number): void {
    if (!this.live.has(label)) return;
    this.index.markDelete(label);
    this.live.delete(label);
    this.deleted.add(label);
  }

  /** Up to `k` nearest live vectors, most similar first; fewer when the index holds fewer. */
  search(vector: ArrayLike<number>, k: number): VectorHit[] {
    if (vector.length !== this.dimension) {
      throw new Error(`Query vector has ${vector.length} numbers; this index holds ${this.dimension}`);
    }
    const wanted = Math.min(Math.floor(k), this.live.size);
    if (wanted < 1) return [];
    this.index.setEf(Math.max(MIN_EF_SEARCH, wanted));
    const result = this.index.searchKnn(Array.from(vector), wanted);
    return result.neighbors.map((label, i) => ({ label, score: 1 - result.distances[i]! }));
  }

  /**
   * Writes the index to a new generation file `<baseName>-<time>-<random>.hnsw` in `dir` (plus its
   * `.json` description), via a temporary file, fsync and rename, and returns the file name (not the
   * path). Until the caller records the new name, readers keep loading the previous, complete file.
   */
  async saveAtomic(dir: string, baseName = 'vectors'): Promise<string> {
    this.compactIfWorthIt();
    const name = `${baseName}-${Date.now()}-${randomBytes(4).toString('hex')}.hnsw`;
    const file = join(dir, name);
    const tmp = `${file}.tmp-${process.pid}`;
    try {
      // Synchronous write: the async one runs on another thread while JS could still change the graph.
      this.index.writeIndexSync(tmp);
      await fsyncPath(tmp);
      const sidecar: Sidecar = {
        magic: MAGIC,
        version: 1,
        dim: this.dimension,
        modelId: this.modelId,
        count: this.index.getCurrentCount(),
        deleted: [...this.deleted],
        bytes: (await stat(tmp)).size,
        sha256: await sha256File(tmp),
      };
      await writeFile(tmp + SIDECAR_SUFFIX, JSON.stringify(sidecar));
      await fsyncPath(tmp + SIDECAR_SUFFIX);
      // Description first: a name whose data file exists always has its description too.
      await rename(tmp + SIDECAR_SUFFIX, file + SIDECAR_SUFFIX);
      await rename(tmp, file);
      await fsyncPath(dir);
    } catch (error) {
      await rm(tmp, { force: true });
      await rm(tmp + SIDECAR_SUFFIX, { force: true });
      throw error;
    }
    return name;
  }

  /** Rebuilds the graph from the live vectors when deleted slots have become a large share of it. */
  private compactIfWorthIt(): void {
    const slots = this.index.getCurrentCount();
    if (this.deleted.size === 0 || this.deleted.size < slots * COMPACT_AT_DELETED_SHARE) return;
    const fresh = VectorIndex.emptyGraph(this.dimension, Math.max(this.live.size * 2, 16));
    for (const label of this.live) fresh.addPoint(this.index.getPoint(label), label);
    this.index = fresh;
    this.deleted.clear();
  }

  private checkLabel(label: number): void {
    if (!Number.isSafeInteger(label) || label < 0) throw new Error(`Vector labels must be non-negative integers, got ${label}`);
  }
}

/**
 * Deletes vector index generations in `dir` other than those named in `keep` (file names as returned by
 * {@link VectorIndex.saveAtomic}), plus leftovers of interrupted saves. Returns the names removed.
 */
export async function removeStaleVectorFiles(dir: string, keep: string[], baseName = 'vectors'): Promise<string[]> {
  const kept = new Set(keep.flatMap((name) => [name, name + SIDECAR_SUFFIX]));
  const pattern = new RegExp(
    `^${baseName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+-[0-9a-f]+\\.hnsw(\\.json)?(\\.tmp-\\d+(\\.json)?)?$`,
  );
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const entry of entries) {
    if (kept.has(entry) || !pattern.test(entry)) continue;
    const writer = /\.tmp-(\d+)/.exec(entry)?.[1];
    if (writer !== undefined && isProcessAlive(Number(writer))) continue; // a save still in progress

    await rm(join(dir, entry), { force: true });
    removed.push(entry);
  }
  return removed;
}
