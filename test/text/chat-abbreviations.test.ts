import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexBriefings, type TestBriefing } from '../helpers/briefing-index.js';
import { parseQuestionFrame } from '../../src/text/question-frame.js';

/**
 * The same question typed with diacritics and typed as chat (no marks, news and chat
 * abbreviations) must be read alike (kind, place, period) and get the same answer.
 */
const BRIEFINGS: TestBriefing[] = [
  {
    id: 'fdi-hai-phong',
    region: 'Hải Phòng',
    date: '2017-07-05',
    title: 'Hải Phòng thu hút đầu tư 6 tháng đầu năm',
    text: 'Sáu tháng đầu năm 2017, Hải Phòng thu hút 1,2 tỷ USD vốn FDI. Các khu công nghiệp của thành phố đón 25 nhà đầu tư mới.',
  },
  {
    id: 'doanh-nghiep-da-nang',
    region: 'Đà Nẵng',
    date: '2017-07-06',
    title: 'Đà Nẵng: doanh nghiệp thành lập mới tăng',
    text: 'Trong 6 tháng đầu năm 2017, Đà Nẵng có 1.150 doanh nghiệp thành lập mới, tăng 12% so với cùng kỳ.',
  },
  {
    id: 'doanh-nghiep-ca-nuoc',
    date: '2017-07-07',
    title: 'Doanh nghiệp thành lập mới trên cả nước',
    text: 'Sáu tháng đầu năm 2017, cả nước có 61.200 doanh nghiệp thành lập mới, vốn đăng ký 570 nghìn tỷ đồng.',
  },
  {
    id: 'bat-dong-san-da-nang',
    region: 'Đà Nẵng',
    date: '2017-05-10',
    title: 'Giá bất động sản ven biển Đà Nẵng',
    text: 'Giá đất nền ven biển Đà Nẵng lên tới 45 triệu đồng một mét vuông trong tháng 5/2017.',
  },
  {
    id: 'tai-nan-giao-thong',
    region: 'Nghệ An',
    date: '2017-04-03',
    title: 'Nghệ An: tai nạn giao thông quý I',
    text: 'Quý I/2017, Nghệ An xảy ra 98 vụ tai nạn giao thông, làm chết 61 người.',
  },
  {
    id: 'chu-tich-quang-nam',
    region: 'Quảng Nam',
    date: '2017-03-01',
    title: 'Quảng Nam đối thoại với doanh nghiệp',
    text: 'Chủ tịch UBND tỉnh Quảng Nam Đinh Văn Thu đã chủ trì buổi đối thoại với 200 doanh nghiệp.',
  },
];

let index: Awaited<ReturnType<typeof indexBriefings>>;

beforeAll(async () => {
  index = await indexBriefings('chat-abbreviations-test-', BRIEFINGS);
});
afterAll(() => index?.close());

/** Accented question, then the same typed as chat: the pairs the issue asks to answer alike. */
const PAIRS: Array<[string, string, string]> = [
  ['FDI của Hải Phòng 6 tháng đầu năm 2017 là bao nhiêu?', 'fdi hp 6 thang dau nam 2017 bn', '1,2 tỷ USD'],
  ['Đà Nẵng có bao nhiêu doanh nghiệp thành lập mới 6 tháng đầu năm 2017?', 'đn co bn dn thanh lap moi 6 thang dau nam 2017', '1.150'],
  ['Bao nhiêu doanh nghiệp thành lập mới ở Đà Nẵng 6 tháng đầu năm 2017?', 'bn dn thanh lap moi o dn 6 thang dau nam 2017', '1.150'],
  ['Các khu công nghiệp Hải Phòng đón bao nhiêu nhà đầu tư mới?', 'kcn hp don bn ndt moi', '25 nhà đầu tư'],
  ['Giá bất động sản ven biển Đà Nẵng bao nhiêu một mét vuông?', 'gia bđs ven bien đn bn 1 met vuong v', '45 triệu'],
  ['Quý I/2017 Nghệ An xảy ra bao nhiêu vụ tai nạn giao thông?', 'quy 1/2017 nghe an xay ra bn vu tngt', '98 vụ'],
  ['Chủ tịch UBND tỉnh Quảng Nam là ai?', 'ct ubnd tinh quang nam la ai z', 'Đinh Văn Thu'],
];

describe('a question typed as chat gets the answer the accented question gets', () => {
  it.each(PAIRS)('"%s" and "%s"', (accented, chat, gold) => {
    const a = index.ask(accented);
    const c = index.ask(chat);
    expect(a.answer.status).toBe('answered');
    expect(a.answer.answer).toContain(gold);
    expect(c.query.frame.kind).toBe(a.query.frame.kind);
    expect(c.query.frame.places).toEqual(a.query.frame.places);
    expect(c.query.frame.period).toEqual(a.query.frame.period);
    expect(c.answer.status).toBe('answered');
    expect(c.answer.answer).toBe(a.answer.answer);
  });
});

describe('news and chat abbreviations', () => {
  const text = (q: string) => parseQuestionFrame(q).text;

  it('reads "dn" as a firm, and as Đà Nẵng only after a place word; "đn" is the city', () => {
    expect(text('so dn tang bn')).toBe('so doanh nghiep tang bao nhieu');
    expect(parseQuestionFrame('so doanh nghiep o dn tang bn').places).toEqual(['Đà Nẵng']);
    expect(parseQuestionFrame('von fdi tai tp dn').places).toEqual(['Đà Nẵng']);
    expect(parseQuestionFrame('von fdi đn').places).toEqual(['Đà Nẵng']);
    expect(parseQuestionFrame('fdi hp tang bn').places).toEqual(['Hải Phòng']);
  });

  it('writes out what the corpus spells out, and keeps what it abbreviates itself (UBND, HĐND, THPT)', () => {
    expect(text('bn kcn thu hut ndt')).toBe('bao nhieu khu cong nghiep thu hut nha dau tu');
    expect(text('ttg cp giao von dbqh')).toBe('Thu tuong Chinh phu giao von dai bieu Quoc hoi');
    expect(text('ct ubnd tinh la ai')).toBe('chu tich ubnd tinh la ai');
    expect(text('hs thpt thi dh bn')).toBe('hoc sinh thpt thi dai hoc bao nhieu');
  });

  it('reads chat words and units glued to figures, but not times', () => {
    expect(text('bít j ko z')).toBe('biet gi khong vay');
    expect(text('luong 5tr hay 3ty wa khum')).toBe('luong 5 trieu hay 3 ty qua khong');
    expect(text('nha trong hem 12 o song hong')).toBe('nha trong hem 12 o song hong');
    expect(text('mo cua tu 5h')).toBe('mo cua tu 5h');
  });

  it('still reads an abbreviation whose only mark is đ as typed without diacritics', () => {
    const f = parseQuestionFrame('hđnd tp hcm hop bn ngay');
    expect(f.accented).toBe(false);
    expect(f.tokens).toContain('hdnd');
    expect(f.places).toEqual(['TP Hồ Chí Minh']);
    expect(parseQuestionFrame('gia bđs o đn bn').accented).toBe(false);
  });

  it('leaves accented questions, capitals and units as written', () => {
    for (const q of ['Công ty CP Vinamilk lãi bao nhiêu?', 'Xe 150 HP giá bao nhiêu?', 'FDI tăng bao nhiêu?', 'Pin 12 V giá bao nhiêu?'])
      expect(text(q)).toBe(q);
    expect(text('lai cua cong ty CP sua bn')).toBe('lai cua cong ty CP sua bao nhieu');
  });
});
