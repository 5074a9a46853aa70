/**
 * Turns text into unit-length vectors. One interface for every backend (local transformers.js model,
 * OpenAI-compatible API), chosen by `EMBEDDINGS`.
 */
export interface Embedder {
  /** Model identity recorded in the index; vectors of two different ids are never mixed. */
  readonly modelId: string;
  readonly dimension: number;
  /** Embeds passages for indexing (E5 models get the "passage: " prefix here). */
  embedPassages(texts: string[]): Promise<Float32Array[]>;
  /** Embeds a question (E5 models get the "query: " prefix here). */
  embedQuery(text: string): Promise<Float32Array>;
  /** Releases what the backend holds (a local model's ONNX session); absent when there is nothing to release. */
  dispose?(): Promise<void>;
}
