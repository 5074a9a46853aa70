import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefingsQa, type TestBriefing } from './helpers/briefing-index.js';
import type { QaService } from '../src/answer/qa-service-types.js';

/**
 * Whether the passage that answers is found at all: the lead of an article, kept apart from its
 * body as a news export's `summary`, is searched and cited like the body.
 */
const BRIEFINGS: TestBriefing[] = [
  {
    id: 'le-hoi-ca-phe',
    region: 'Đắk Lắk',
    date: '2017-03-01',
    title: 'Náo nức chờ ngày khai mạc lễ hội cà phê Buôn Ma Thuột',
    // The date is written in the lead only, as baomoi's articles often have it.
    summary: 'Lễ hội cà phê Buôn Ma Thuột năm nay sẽ diễn ra từ ngày 10/3 đến 13/3 tại Đắk Lắk.',
    text: 'Đây là lần thứ sáu tỉnh tổ chức lễ hội, nhằm quảng bá hình ảnh và kêu gọi đầu tư. Du khách sẽ được thưởng thức cà phê miễn phí, xem đua voi và đua thuyền độc mộc.',
  },
  {
    id: 'trang-web',
    region: 'Hà Nội',
    date: '2017-05-01',
    title: 'Hà Nội mở tuyến buýt nhanh',
    // A web page's description repeats its first paragraph, cut short: not indexed twice.
    summary: 'Tuyến buýt nhanh BRT đầu tiên của Hà Nội chạy từ 5h đến 22h mỗi ngày…',
    text: 'Tuyến buýt nhanh BRT đầu tiên của Hà Nội chạy từ 5h đến 22h mỗi ngày, giá vé 7.000 đồng. Mỗi ngày tuyến chở khoảng 12.000 lượt khách.',
  },
];

let qa: QaService;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ qa, close } = await briefingsQa('recall-test-', BRIEFINGS));
});
afterAll(() => close?.());

describe('an article whose answer is in its lead (summary) only', () => {
  it('is found and answered from the lead, accented or typed in chat spelling', async () => {
    for (const question of ['Lễ hội cà phê Buôn Ma Thuột diễn ra khi nào?', 'le hoi ca phe buon ma thuot dien ra khi nao']) {
      const answer = await qa.ask(question);
      expect(answer.status).toBe('answered');
      expect(answer.answer).toContain('10/3');
      expect(answer.citations[0]?.docId).toBe('le-hoi-ca-phe');
    }
  });

  it('is not repeated when the body already opens with it', async () => {
    const answer = await qa.ask('Buýt nhanh BRT Hà Nội chạy từ mấy giờ?');
    const passage = answer.passages.find((p) => p.docId === 'trang-web');
    expect(passage?.text.match(/Tuyến buýt nhanh BRT đầu tiên/g)).toHaveLength(1);
  });
});
