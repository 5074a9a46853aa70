import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/**
 * Groups of syllables that the tiny model treats as "meaning the same thing": every word of a group is
 * built from one shared random direction plus a little noise, so a question and a passage that share
 * no word but share a topic ("fdi" vs "vốn ngoại") still get close vectors. Place names are their own
 * small groups so that "Hải Phòng" is close to itself and not to "Đà Nẵng".
 */
export const DEFAULT_TOPICS: readonly (readonly string[])[] = [
  ['fdi', 'vốn', 'đầu', 'tư', 'ngoại', 'nước', 'ngoài', 'dự', 'án', 'usd', 'giải', 'ngân'],
  ['du', 'lịch', 'khách', 'lượt', 'tham', 'quan', 'biển', 'sạn', 'nghỉ', 'dưỡng', 'tour'],
  ['tăng', 'trưởng', 'giảm', 'gdp', 'kinh', 'tế', 'phần', 'trăm', '%', 'lệ'],
  ['lúa', 'gạo', 'nông', 'nghiệp', 'xuất', 'khẩu', 'cà', 'phê', 'thủy', 'sản', 'vụ'],
  ['bão', 'lũ', 'mưa', 'lụt', 'thiên', 'tai', 'sạt', 'lở', 'gió'],
  ['hải', 'phòng'],
  ['đà', 'nẵng'],
  ['hà', 'nội'],
  ['quảng', 'ninh'],
  ['cần', 'thơ'],
];

/** Function words and the like: each gets its own unrelated random vector. */
export const DEFAULT_OTHER_WORDS: readonly string[] = [
  'bao',
  'nhiêu',
  'năm',
  'là',
  'gì',
  'của',
  'và',
  'có',
  'các',
  'những',
  'được',
  'trong',
  'đã',
  'với',
  'cho',
  'người',
  'ở',
  'không',
  'nào',
  'tại',
  'vào',
  'ra',
  'quý',
  'tháng',
  'ngày',
  'tỷ',
  'triệu',
  'đồng',
  'thành',
  'phố',
  'tỉnh',
  'mới',
  'query',
  'passage',
  ':',
  '.',
  ',',
  '?',
];

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/** Options of {@link buildTinyModel}. */
export interface TinyModelOptions {
  /** Model id; also the folder name. transformers.js caches pipelines per id, so use a fresh id per test model. */
  id: string;
  /** Extra words (lower case) added to the vocabulary with their own random vectors. */
  vocab?: string[];
  /** Topic groups; defaults to {@link DEFAULT_TOPICS}. */
  topics?: readonly (readonly string[])[];
  /** Hidden size; 32 by default. */
  dim?: number;
  /** Seed of the embedding table; two models with different seeds give different vectors for the same text. */
  seed?: number;
  /** Max tokens per text, written to tokenizer_config.json; 128 by default. */
  maxLength?: number;
}

/** What was written, enough for a test to compute reference embeddings by hand. */
export interface TinyModel {
  /** The model folder (pass as EMBEDDING_MODEL_PATH). */
  modelPath: string;
  id: string;
  dim: number;
  /** token → row of {@link TinyModel.table}. */
  vocab: Map<string, number>;
  /** Embedding table, row-major, vocab size × dim. */
  table: Float32Array;
}

/** Deterministic PRNG (mulberry32) so the fixture is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussianVector(next: () => number, dim: number, scale: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < dim; i++) {
    const u = Math.max(next(), 1e-12);
    const v = next();
    out.push(scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
  return out;
}

function unit(v: number[]): number[] {
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}

function floatBytes(values: ArrayLike<number>): Uint8Array {
  const f = Float32Array.from(values);
  return new Uint8Array(f.buffer, f.byteOffset, f.byteLength);
}

function int64Bytes(values: number[]): Uint8Array {
  const b = BigInt64Array.from(values.map((x) => BigInt(x)));
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function tensorInput(name: string, elemType: number, dims: string[]) {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((dimParam) => ({ dimParam })) } } },
  };
}

/**
 * Encodes the graph: last_hidden_state = (word_emb[input_ids] + type_emb[token_type_ids]) * attention_mask.
 * Every input is used, as in a real BERT export, so transformers.js feeds all three.
 */
function encodeGraph(table: Float32Array, vocabSize: number, dim: number, typeTable: Float32Array): Uint8Array {
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const INT64 = onnx.TensorProto.DataType.INT64;
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'tin-vung-bot tiny-model fixture',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny_bert',
      initializer: [
        { name: 'word_emb', dataType: FLOAT, dims: [vocabSize, dim], rawData: floatBytes(table) },
        { name: 'type_emb', dataType: FLOAT, dims: [2, dim], rawData: floatBytes(typeTable) },
        { name: 'last_axis', dataType: INT64, dims: [1], rawData: int64Bytes([-1]) },
      ],
      node: [
        { opType: 'Gather', input: ['word_emb', 'input_ids'], output: ['words'], name: 'gather_words' },
        { opType: 'Gather', input: ['type_emb', 'token_type_ids'], output: ['types'], name: 'gather_types' },
        { opType: 'Add', input: ['words', 'types'], output: ['summed'], name: 'add' },
        {
          opType: 'Cast',
          input: ['attention_mask'],
          output: ['mask_f'],
          name: 'cast_mask',
          attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }],
        },
        { opType: 'Unsqueeze', input: ['mask_f', 'last_axis'], output: ['mask_3d'], name: 'unsqueeze_mask' },
        { opType: 'Mul', input: ['summed', 'mask_3d'], output: ['last_hidden_state'], name: 'mask' },
      ],
      input: [
        tensorInput('input_ids', INT64, ['batch', 'sequence']),
        tensorInput('attention_mask', INT64, ['batch', 'sequence']),
        tensorInput('token_type_ids', INT64, ['batch', 'sequence']),
      ],
      output: [tensorInput('last_hidden_state', FLOAT, ['batch', 'sequence', 'hidden'])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

function tokenizerJson(vocab: Map<string, number>): unknown {
  const special = (token: string) => ({
    id: vocab.get(token)!,
    content: token,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map(special),
    // NFC first, and strip_accents false: otherwise "tăng" would become "tang" and fall to [UNK].
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFC' },
        { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
      ],
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [vocab.get('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [vocab.get('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab),
    },
  };
}

/**
 * Writes a tiny BERT-style embedding model in `<dir>/<id>/`, loadable by transformers.js with the network
 * off: `onnx/model.onnx` (fp32) and the same graph as `onnx/model_quantized.onnx` (so the default q8 code
 * path finds its file), a WordPiece `tokenizer.json` with Vietnamese syllables, `tokenizer_config.json`
 * and `config.json`. Deterministic for a given id/seed/vocabulary.
 */
export async function buildTinyModel(dir: string, options: TinyModelOptions): Promise<TinyModel> {
  const dim = options.dim ?? 32;
  const topics = options.topics ?? DEFAULT_TOPICS;
  const next = rng(options.seed ?? 20170101);

  const tokens: string[] = [...SPECIAL_TOKENS];
  const rows: number[][] = [new Array<number>(dim).fill(0)]; // [PAD] contributes nothing
  for (let i = 1; i < SPECIAL_TOKENS.length; i++) rows.push(gaussianVector(next, dim, 0.05 / Math.sqrt(dim)));
  const add = (word: string, row: number[]) => {
    const w = word.normalize('NFC').toLowerCase();
    if (tokens.includes(w)) return;
    tokens.push(w);
    rows.push(row);
  };
  for (const topic of topics) {
    const centre = unit(gaussianVector(next, dim, 1));
    for (const word of topic) {
      const noise = gaussianVector(next, dim, 0.35 / Math.sqrt(dim));
      add(
        word,
        centre.map((c, i) => c + noise[i]!),
      );
    }
  }
  const others = [...DEFAULT_OTHER_WORDS, ...(options.vocab ?? [])];
  for (const word of others) add(word, unit(gaussianVector(next, dim, 1)));
  // Digits as whole pieces and as continuations, so any number tokenizes without [UNK].
  for (let d = 0; d <= 9; d++) {
    add(String(d), unit(gaussianVector(next, dim, 1)));
    add(`##${d}`, unit(gaussianVector(next, dim, 1)));
  }

  const vocab = new Map(tokens.map((t, i) => [t, i]));
  const table = Float32Array.from(rows.flat());
  const typeTable = Float32Array.from([...new Array<number>(dim).fill(0), ...gaussianVector(next, dim, 0.01)]);

  const modelPath = join(dir, options.id);
  await mkdir(join(modelPath, 'onnx'), { recursive: true });
  const graph = encodeGraph(table, tokens.length, dim, typeTable);
  await writeFile(join(modelPath, 'onnx', 'model.onnx'), graph);
  await writeFile(join(modelPath, 'onnx', 'model_quantized.onnx'), graph);
  await writeFile(join(modelPath, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocab)));
  await writeFile(
    join(modelPath, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: options.maxLength ?? 128,
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      mask_token: '[MASK]',
    }),
  );
  await writeFile(
    join(modelPath, 'config.json'),
    JSON.stringify({
      model_type: 'bert',
      architectures: ['BertModel'],
      hidden_size: dim,
      vocab_size: tokens.length,
      max_position_embeddings: options.maxLength ?? 128,
      type_vocab_size: 2,
    }),
  );
  return { modelPath, id: options.id, dim, vocab, table };
}

/**
 * The embedding the tiny model must produce for an already-tokenized text (without [CLS]/[SEP]; they
 * are added here unless `wrap` is false): mean of the rows, then unit length. Lets a test check pooling and normalisation
 * against arithmetic rather than against the code under test.
 */
export function referenceEmbedding(model: TinyModel, wordTokens: string[], { wrap = true }: { wrap?: boolean } = {}): Float32Array {
  const ids = (wrap ? ['[CLS]', ...wordTokens, '[SEP]'] : wordTokens).map((t) => {
    const id = model.vocab.get(t);
    if (id === undefined) throw new Error(`token "${t}" is not in the tiny model's vocabulary`);
    return id;
  });
  const sum = new Float64Array(model.dim);
  for (const id of ids) for (let j = 0; j < model.dim; j++) sum[j]! += model.table[id * model.dim + j]!;
  const mean = Array.from(sum, (x) => x / ids.length);
  return Float32Array.from(unit(mean));
}

/**
 * Embedding throughput for the benchmark script: embeds `texts` through `embedPassages` once to warm up
 * and once timed, returning chunks per second. Use with the tiny model for a hardware-independent smoke
 * number, or with the real model for the README table.
 */
export async function measureEmbeddingThroughput(
  embedder: { embedPassages(texts: string[]): Promise<Float32Array[]> },
  texts: string[],
): Promise<{ chunks: number; seconds: number; chunksPerSecond: number }> {
  await embedder.embedPassages(texts.slice(0, Math.min(texts.length, 4)));
  const start = process.hrtime.bigint();
  await embedder.embedPassages(texts);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { chunks: texts.length, seconds, chunksPerSecond: seconds > 0 ? texts.length / seconds : Infinity };
}
