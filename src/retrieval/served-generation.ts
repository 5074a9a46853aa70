import { LexicalRetriever } from './lexical-retriever.js';
import { DEFAULT_RANKING, type RankingOptions } from './ranking-options.js';
import type { PassageStore } from '../store/passage-store.js';

/**
 * The committed generation of the index a reader serves, with the lexical retriever made for it.
 * A re-ingest (another process) commits a new generation; the reader moves to it at its next
 * question, without a restart. A retriever caches per-generation facts (chunk count, term
 * frequencies, newest date), so it never outlives its generation.
 */
export class ServedGeneration {
  #generation: number | null;
  #retriever: LexicalRetriever;

  constructor(
    readonly store: PassageStore,
    private readonly ranking: Readonly<RankingOptions> = DEFAULT_RANKING,
  ) {
    [this.#retriever, this.#generation] = store.snapshot(() => [new LexicalRetriever(store, ranking), store.generation()] as const);
  }

  get retriever(): LexicalRetriever {
    return this.#retriever;
  }

  get generation(): number | null {
    return this.#generation;
  }

  /** Call inside a snapshot: moves to the generation committed last. True when it changed. */
  follow(): boolean {
    const generation = this.store.generation();
    if (generation === this.#generation) return false;
    this.#generation = generation;
    this.#retriever = new LexicalRetriever(this.store, this.ranking);
    return true;
  }
}
