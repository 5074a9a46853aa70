import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractAnswer } from '../../src/answer/extractive-answerer.js';
import { LexicalRetriever } from '../../src/retrieval/lexical-retriever.js';
import { DEFAULT_RANKING, rankingOptions, RankingOptionError } from '../../src/retrieval/ranking-options.js';
import { indexBriefings } from '../helpers/briefing-index.js';

let index: Awaited<ReturnType<typeof indexBriefings>>;
beforeAll(async () => {
  index = await indexBriefings('ranking-options-', [
    {
      id: 'fdi',
      region: 'Hải Phòng',
      date: '2023-10-19',
      title: 'Hải Phòng 9 tháng',
      text: 'Thu hút FDI đạt 3,055 tỷ USD, tăng 140,3%. Du lịch đón 6,2 triệu lượt khách.',
    },
  ]);
});
afterAll(() => index?.close());

describe('ranking parameters', () => {
  it('have documented defaults that an override changes, one parameter at a time', () => {
    expect(rankingOptions()).toEqual(DEFAULT_RANKING);
    expect(rankingOptions({ minCoverage: 0.9 })).toEqual({ ...DEFAULT_RANKING, minCoverage: 0.9 });
  });

  it('refuse an unknown name or a value that is not a number, naming it', () => {
    expect(() => rankingOptions({ minCoverag: 0.5 })).toThrow(RankingOptionError);
    expect(() => rankingOptions({ minCoverag: 0.5 })).toThrow(/minCoverag/);
    expect(() => rankingOptions({ minCoverage: 'high' })).toThrow(/must be a number/);
  });

  it('reach retrieval and the answerer: a coverage threshold above 1 answers nothing', () => {
    const ask = (ranking = DEFAULT_RANKING) => {
      const retriever = new LexicalRetriever(index.store, ranking);
      const { passages, query } = retriever.retrieve('FDI tăng bao nhiêu?', 3);
      return extractAnswer('FDI tăng bao nhiêu?', query, passages, retriever.ranking);
    };
    expect(ask().answer).toContain('140,3%');
    expect(ask(rankingOptions({ minCoverage: 1.1, minCoverageWithoutPair: 1.1 })).status).toBe('not_found');
  });
});
