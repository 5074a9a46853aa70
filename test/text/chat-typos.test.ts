import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexBriefings, type TestBriefing } from '../helpers/briefing-index.js';

/**
 * A corpus where a typo's commonest neighbour syllable is the wrong one: "giag" is one edit from
 * "gia" (price, family: in most chunks) and from "giang" (only in "Kiên Giang").
 */
const BRIEFINGS: TestBriefing[] = [
  {
    id: 'ca-no-kien-giang',
    region: 'Kiên Giang',
    date: '2017-03-10',
    title: 'Kiên Giang: ca nô chìm giữa biển',
    text: 'Một ca nô chở 14 người bị chìm ở vùng biển Kiên Giang, tất cả được cứu. Lực lượng biên phòng đã kéo ca nô vào bờ.',
  },
  {
    id: 'ca-no-ca-mau',
    region: 'Cà Mau',
    date: '2017-03-11',
    title: 'Cà Mau: ca nô chìm trên sông',
    text: 'Một ca nô chở 9 người bị chìm trên sông Gành Hào, không ai bị thương. Ca nô được trục vớt.',
  },
  {
    id: 'du-lich-kien-giang',
    region: 'Kiên Giang',
    date: '2017-02-02',
    title: 'Kiên Giang đón khách dịp Tết',
    text: 'Trong dịp Tết, Kiên Giang đón 211.834 lượt khách tham quan, doanh thu du lịch tăng.',
  },
  {
    id: 'lua-kien-giang',
    region: 'Kiên Giang',
    date: '2017-02-20',
    title: 'Kiên Giang thu hoạch lúa đông xuân',
    text: 'Nông dân Kiên Giang thu hoạch lúa đông xuân, năng suất đạt 7 tấn một héc-ta.',
  },
  ...['xăng', 'vàng', 'điện', 'gạo', 'thép'].map((item, i) => ({
    id: `gia-${i}`,
    date: `2017-04-0${i + 1}`,
    title: `Giá ${item} tháng 4`,
    text: `Giá ${item} tăng nhẹ trong tháng 4, nhiều gia đình cân nhắc chi tiêu. Giá bán lẻ ổn định.`,
  })),
  {
    id: 'brt-ha-noi',
    region: 'Hà Nội',
    date: '2017-05-20',
    title: 'Hà Nội: xe buýt nhanh BRT',
    text: 'Tuyến xe buýt nhanh BRT Kim Mã - Yên Nghĩa chạy từ 5h đến 22h mỗi ngày. Tần suất 7,5 phút một chuyến.',
  },
];

let index: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  index = await indexBriefings('chat-typos-test-', BRIEFINGS);
});
afterAll(() => index?.close());

describe('a typo is corrected into the word its neighbours make', () => {
  it('reads "kien giag" as Kiên Giang, not as the commoner "gia", and answers for that province', () => {
    const accented = index.ask('Ca nô chìm ở Kiên Giang chở bao nhiêu người?');
    const typed = index.ask('ca no chim o kien giag cho bn nguoi');
    expect(typed.query.frame.text).toBe('ca no chim o kien giang cho bao nhieu nguoi');
    expect(typed.query.regions).toEqual(['Kiên Giang']);
    expect(accented.answer.answer).toContain('14 người');
    expect(typed.answer.status).toBe('answered');
    expect(typed.answer.answer).toBe(accented.answer.answer);
  });

  it('still takes the commonest syllable when no neighbour makes a known word with any candidate', () => {
    // "gia" and "giang" are both one edit from "giag"; beside "moi" (no pair with either) the commoner wins.
    expect(index.ask('giag moi').query.frame.text).toBe('gia moi');
  });
});

describe('"mấy h" asks the hour', () => {
  it('expands a lone "h" to "giờ" and asks for a time, without matching "mấy" as a word', () => {
    const typed = index.ask('xe buyt nhanh brt o hn chay tu may h den may h');
    expect(typed.query.frame.text).toBe('xe buyt nhanh brt o Ha Noi chay tu may gio den may gio');
    expect(typed.query.frame.kind).toBe('date');
    expect(typed.query.terms.map((t) => t.term)).not.toContain('tu_may');
    expect(typed.passages[0]?.docId).toBe('brt-ha-noi');
    // Written times stay as typed.
    expect(index.ask('brt chay tu 5h').query.frame.text).toBe('brt chay tu 5h');
    // A capital H is an initial, not the hour.
    expect(index.ask('Fielding H. Garrison sinh năm nào?').query.frame.text).toBe('Fielding H. Garrison sinh năm nào?');
  });
});

/**
 * Two letters swapped: "tein" for "tiên" has the shape of a syllable but "ei" is no Vietnamese
 * vowel; "trogn" for "trồng" is a spelling the corpus itself holds once, in a mistyped sentence,
 * beside the hundreds of chunks with "trong" / "trồng".
 */
const SWAPS: TestBriefing[] = [
  {
    id: 'taxi-uu-tien',
    region: 'Hà Nội',
    date: '2017-05-21',
    title: 'Hà Nội: phạt tài xế taxi đi vào đường ưu tiên',
    text: 'Tài xế taxi đi vào đường ưu tiên của đoàn xe bị phạt 3,2 triệu đồng. Xe ưu tiên được nhường đường.',
  },
  {
    id: 'thanh-long-trung-quoc',
    date: '2017-07-01',
    title: 'Thanh long sang Trung Quốc',
    text: 'Diện tích trồng thanh long của Trung Quốc là khoảng 35.555 ha. Xe chở thanh long xếp hàng ở cửa khẩu.',
  },
  {
    id: 'go-nham',
    date: '2017-07-02',
    title: 'Tin vắn',
    text: 'Bà con trogn huyện đã sẵn sàng. Mùa vụ mới bắt đầu.',
  },
  ...['cứu thương', 'cứu hỏa', 'công an'].map((vehicle, i) => ({
    id: `xe-uu-tien-${i}`,
    date: `2017-05-0${i + 1}`,
    title: `Nhường đường cho xe ưu tiên`,
    text: `Xe ${vehicle} là xe ưu tiên, các phương tiện phải nhường đường.`,
  })),
  ...Array.from({ length: 110 }, (_, i) => ({
    id: `tin-trong-${i}`,
    date: '2017-06-01',
    title: `Tin vắn số ${i}`,
    text: `Trong tuần, nông dân xã ${i} trồng lúa và rau màu. Thời tiết thuận lợi.`,
  })),
];

let swaps: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  swaps = await indexBriefings('chat-typos-swaps-', SWAPS);
});
afterAll(() => swaps?.close());

describe('two swapped letters are one typo', () => {
  it('reads "uu tein" as "ưu tiên" and gives the accented question\'s answer', () => {
    const accented = swaps.ask('Tài xế taxi đi vào đường ưu tiên ở Hà Nội bị phạt bao nhiêu?');
    const typed = swaps.ask('tai xe taxi di vao duong uu tein o hn bi phat bn');
    expect(typed.query.frame.text).toBe('tai xe taxi di vao duong uu tien o Ha Noi bi phat bao nhieu');
    expect(accented.answer.answer).toContain('3,2 triệu đồng');
    expect(typed.answer.answer).toBe(accented.answer.answer);
  });

  it('reads "trogn" as "trong" though the corpus mistypes it once, and "tq" as Trung Quốc', () => {
    const accented = swaps.ask('Diện tích trồng thanh long của Trung Quốc khoảng bao nhiêu ha?');
    const typed = swaps.ask('dien tich trogn thanh long cua tq khoang bn ha');
    expect(typed.query.frame.text).toBe('dien tich trong thanh long cua Trung Quoc khoang bao nhieu ha');
    expect(accented.answer.answer).toContain('35.555 ha');
    expect(typed.answer.status).toBe('answered');
    expect(typed.answer.answer).toBe(accented.answer.answer);
  });

  it('leaves syllables the corpus knows, and accented questions, as typed', () => {
    expect(swaps.ask('tin trong tuan').query.frame.text).toBe('tin trong tuan');
    expect(swaps.ask('Bà con trogn huyện').query.frame.text).toBe('Bà con trogn huyện');
    // Upper-case "TQ" is the corpus's own acronym and matches as written.
    expect(swaps.ask('thanh long TQ').query.frame.text).toBe('thanh long TQ');
  });
});
