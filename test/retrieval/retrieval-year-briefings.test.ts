import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harvestReports, indexBriefings, type TestBriefing } from '../helpers/briefing-index.js';
import { LexicalRetriever } from '../../src/retrieval/lexical-retriever.js';
import { DEFAULT_RANKING } from '../../src/retrieval/ranking-options.js';

/**
 * A province's 2023 briefing among older news, as the seed briefing sits among 35,000 articles of
 * 2017. Its answering paragraph says "GRDP tăng 10,08%" in the news's words and no place name,
 * while an older article repeats every word of the question over and over: bm25 ranks that one
 * first, and in the real index thousands like it fill every candidate pool.
 */
const OLDER: TestBriefing = {
  id: 'binh-luan-kinh-te',
  date: '2017-06-14',
  title: 'Bình luận kinh tế',
  text: 'Ở Hải Phòng, nền kinh tế lớn thêm, tăng trưởng thêm 0,25 điểm phần trăm trong 6 tháng đầu năm 2016. '.repeat(5),
};

const BRIEFING_2023: TestBriefing = {
  id: 'hoi-nghi-thanh-uy-2023',
  region: 'Hải Phòng',
  date: '2023-10-19',
  title: 'Tập trung thực hiện các mục tiêu phát triển kinh tế, xã hội',
  text:
    'Tình hình kinh tế - xã hội thành phố 9 tháng tiếp tục ổn định, một số chỉ tiêu có tăng trưởng khá: ' +
    'Tổng sản phẩm trên địa bàn (GRDP) tăng 10,08%, đứng thứ 3 cả nước.',
};

let index: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  index = await indexBriefings('year-briefings-', [
    OLDER,
    BRIEFING_2023,
    ...harvestReports(['Nam Định', 'Thái Bình', 'Ninh Bình', 'Hà Nam', 'Hưng Yên', 'Bắc Ninh', 'Hải Dương', 'Quảng Ninh']),
  ]);
});
afterAll(() => index?.close());

/** The documents whose passages retrieval re-ranks for `question` when bm25 lets one match through. */
function reranked(question: string, yearCandidates = DEFAULT_RANKING.yearCandidates): string[] {
  const ranking = { ...DEFAULT_RANKING, candidates: 1, regionCandidates: 1, expansionCandidates: 1, yearCandidates };
  const retriever = new LexicalRetriever(index.store, ranking);
  return retriever.candidates(retriever.analyse(question), ranking.candidates).map((p) => p.docId);
}

describe('a year asked brings in the briefings dated that year', () => {
  const question = 'Nền kinh tế Hải Phòng lớn thêm bao nhiêu phần trăm trong 9 tháng năm 2023?';

  it("re-ranks every passage of a rare year's briefings, however many older passages match the words better", () => {
    expect(reranked(question, 0)).toEqual(['binh-luan-kinh-te']);
    expect(reranked(question)).toContain('hoi-nghi-thanh-uy-2023');
  });

  it('leaves a common year to bm25: more passages are dated 2017 than `yearCandidates` allows', () => {
    const question2017 = question.replace('2023', '2017');
    expect(reranked(question2017, 5)).toEqual(['binh-luan-kinh-te']);
    expect(reranked(question2017, 50)).toContain('tin-khac-0');
  });

  it('answers from that briefing, "phần trăm" being the unit asked and no word to look for ("điểm phần trăm")', () => {
    const { answer } = index.ask(question);
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('10,08%');
    expect(answer.citations[0]?.docId).toBe('hoi-nghi-thanh-uy-2023');
  });
});
