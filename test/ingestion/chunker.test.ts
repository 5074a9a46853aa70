import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument, DEFAULT_CHUNK_OPTIONS, MAX_CHUNK_CHARS, type ChunkOptions } from '../../src/ingestion/chunker.js';
import { loadFile } from '../../src/ingestion/load-file.js';
import type { Chunk } from '../../src/ingestion/types.js';
import { extractFigures } from '../../src/text/normalize.js';
import { countWords, splitSentences } from '../../src/text/sentences.js';
import { SHIPPED_CORPUS } from '../helpers/shipped-qa.js';

/** Small sizes so a few paragraphs make many chunks. */
const SMALL: ChunkOptions = { targetWords: 40, overlapWords: 12, maxSentenceWords: 60 };

/** A deterministic pseudo-random generator, so every run checks the same texts. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'thành',
  'phố',
  'Hải',
  'Phòng',
  'tăng',
  'trưởng',
  'kinh',
  'tế',
  'vốn',
  'đầu',
  'tư',
  'FDI',
  'xuất',
  'khẩu',
  'du',
  'lịch',
  'ngân',
  'sách',
  'TP.',
  'Hồ',
  'Chí',
  'Minh',
];
const FIGURES = ['3,055', '134.000', '140,3%', '19/10', '19/10/2023', '10,06%', '2.5', '1.234.567'];

/** News-like paragraphs: sentences of 3 to `maxWords` words, many with figures such as "3,055" or "19/10". */
function newsText(seed: number, sentences: number, maxWords: number): string {
  const next = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const n = 3 + Math.floor(next() * (maxWords - 2));
    const words = Array.from({ length: n }, () => (next() < 0.15 ? pick(FIGURES) : pick(WORDS)));
    words[0] = `Câu${s}`; // a capital start, and a marker that makes every sentence unique
    out.push(`${words.join(' ')}${pick(['.', '.', '!', '?'])}`);
    if (next() < 0.2) out.push('\n\n');
  }
  return out.join(' ');
}

/** The positions in `sentences` of a chunk's sentences, asserting they are a contiguous run. */
function runOf(chunk: Chunk, sentences: string[]): { first: number; last: number } {
  const own = splitSentences(chunk.text);
  const first = sentences.indexOf(own[0]!);
  expect(first, `chunk ${chunk.id} starts mid-sentence: "${own[0]}"`).toBeGreaterThanOrEqual(0);
  expect(own, `chunk ${chunk.id} is not a run of whole sentences`).toEqual(sentences.slice(first, first + own.length));
  return { first, last: first + own.length - 1 };
}

describe('chunking a document', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];

  it.each(seeds)('never cuts a sentence, and the chunks cover every sentence in order (text %i)', (seed) => {
    const text = newsText(seed, 60, 30);
    const sentences = splitSentences(text);
    const chunks = chunkDocument('doc', text, SMALL);
    expect(chunks.length).toBeGreaterThan(5);
    let covered = -1;
    for (const chunk of chunks) {
      const { first, last } = runOf(chunk, sentences);
      expect(first, 'a sentence was skipped between chunks').toBeLessThanOrEqual(covered + 1);
      expect(last, 'a chunk adds nothing new').toBeGreaterThan(covered);
      covered = last;
    }
    expect(covered).toBe(sentences.length - 1);
  });

  it.each(seeds)('never cuts a number: every figure in a chunk is a figure of the document (text %i)', (seed) => {
    const text = newsText(seed, 60, 30);
    const figures = new Set(extractFigures(text));
    const seen = new Set<string>();
    for (const chunk of chunkDocument('doc', text, SMALL)) {
      for (const f of extractFigures(chunk.text)) {
        expect(figures, `"${f}" in ${chunk.id} is a fragment of a number`).toContain(f);
        seen.add(f);
      }
    }
    expect(seen).toEqual(figures);
  });

  it.each(seeds)('keeps every chunk non-empty and within the size, unless it is a single long sentence (text %i)', (seed) => {
    const text = newsText(seed, 60, 50); // some sentences are longer than the 40-word target
    for (const chunk of chunkDocument('doc', text, SMALL)) {
      expect(chunk.text.trim()).not.toBe('');
      const words = countWords(chunk.text);
      if (words > SMALL.targetWords) expect(splitSentences(chunk.text), `${chunk.id} has ${words} words`).toHaveLength(1);
    }
  });

  it.each(seeds)('repeats the end of one chunk at the start of the next, within the overlap size (text %i)', (seed) => {
    const text = newsText(seed, 60, 14);
    const sentences = splitSentences(text);
    const chunks = chunkDocument('doc', text, SMALL);
    let overlaps = 0;
    for (let i = 0; i + 1 < chunks.length; i++) {
      const a = runOf(chunks[i]!, sentences);
      const b = runOf(chunks[i + 1]!, sentences);
      const shared = sentences.slice(b.first, a.last + 1);
      expect(countWords(shared.join(' '))).toBeLessThanOrEqual(SMALL.overlapWords);
      const lastFits = countWords(sentences[a.last]!) <= SMALL.overlapWords;
      if (lastFits && a.last > a.first) {
        expect(shared.length, `chunk ${i + 1} does not overlap chunk ${i}`).toBeGreaterThan(0);
        expect(chunks[i]!.text.endsWith(shared.join(' '))).toBe(true);
        overlaps++;
      }
    }
    expect(overlaps).toBeGreaterThan(0);
  });

  it('gives the same ids to the same text, numbered from 0 after the document id', () => {
    const text = newsText(11, 40, 25);
    const first = chunkDocument('tin/hai-phong', text, SMALL);
    const again = chunkDocument('tin/hai-phong', text, SMALL);
    expect(again).toEqual(first);
    first.forEach((chunk, i) => {
      expect(chunk).toMatchObject({ id: `tin/hai-phong#${i}`, docId: 'tin/hai-phong', ordinal: i });
    });
  });

  it('keeps the earlier chunks (ids and text) when only the end of a document changes', () => {
    const text = newsText(12, 40, 25);
    const before = chunkDocument('doc', text, SMALL);
    const after = chunkDocument('doc', `${text} Câu mới được thêm vào cuối bản tin.`, SMALL);
    expect(after.slice(0, before.length - 1)).toEqual(before.slice(0, before.length - 1));
  });

  it('cuts an over-long sentence at clause boundaries, never inside "3,055" or "140,3%"', () => {
    const clause = (i: number) => `khoản ${i} đạt 3,055 tỷ USD tăng 140,3% so với cùng kỳ năm trước theo báo cáo của sở`;
    const sentence = `${Array.from({ length: 40 }, (_, i) => clause(i)).join(', ')}.`;
    expect(countWords(sentence)).toBeGreaterThan(SMALL.maxSentenceWords * 3);
    const chunks = chunkDocument('doc', `Mở đầu bản tin. ${sentence} Kết thúc bản tin.`, SMALL);
    const figures = new Set(extractFigures(sentence));
    const body = chunks.map((c) => c.text).join(' ');
    for (let i = 0; i < 40; i++) expect(body).toContain(clause(i)); // every clause kept whole
    for (const chunk of chunks) {
      expect(countWords(chunk.text)).toBeLessThanOrEqual(SMALL.maxSentenceWords);
      for (const f of extractFigures(chunk.text)) expect(figures).toContain(f);
    }
  });

  it('cuts an over-long sentence with no clause boundary between words, losing none', () => {
    const sentence = `Dự án ${'rất '.repeat(80)}lớn.`;
    const chunks = chunkDocument('doc', `Mở đầu. ${sentence} Kết thúc.`, SMALL);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(countWords(chunk.text)).toBeLessThanOrEqual(SMALL.maxSentenceWords);
    expect(
      chunks
        .map((c) => c.text)
        .join(' ')
        .match(/rất/g)!.length,
    ).toBeGreaterThanOrEqual(80);
  });

  it('caps every chunk at MAX_CHUNK_CHARS however the text runs: no punctuation, no space, one line', () => {
    const words = Array.from({ length: 60_000 }, (_, i) => `từ${i % 97}`).join(' '); // ~400 kB, one "sentence"
    const letters = 'ệ'.repeat(50_000); // a run of letters with no separator at all
    const chunks = chunkDocument('doc', `${words} ${letters}`);
    expect(chunks.length).toBeGreaterThan(100);
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
    const all = chunks.map((c) => c.text).join('');
    expect(all).toContain('từ96');
    expect(all.split('ệ').length - 1).toBeGreaterThanOrEqual(50_000); // every letter kept
  });

  it('has nothing to cut in an empty text', () => {
    expect(chunkDocument('doc', '  \n\n ')).toEqual([]);
  });
});

describe('chunking the shipped Hải Phòng briefing with the default sizes', () => {
  it('keeps "3,055 tỷ USD, tăng 140,3%" together in one chunk, with chunks of about a paragraph', async () => {
    const file = path.join(SHIPPED_CORPUS, 'hai-phong-2023-10-19.md');
    const loaded = await loadFile(file, 'hai-phong-2023-10-19.md');
    if (!loaded.ok) throw new Error(loaded.reason);
    const doc = loaded.documents[0]!;
    const chunks = chunkDocument(doc.id, doc.text);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.some((c) => /3,055 tỷ USD, tăng 140,3%/.test(c.text))).toBe(true);
    const sentences = splitSentences(doc.text);
    for (const chunk of chunks) {
      runOf(chunk, sentences);
      expect(countWords(chunk.text)).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.targetWords);
    }
  });
});
