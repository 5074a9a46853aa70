import { describe, expect, it } from 'vitest';
import { enrichMetadata } from '../../src/ingestion/metadata.js';
import { extractDate, findTimeHints, parseDateField } from '../../src/text/dates.js';
import { canonicalRegion, findRegions, findRegionsInQuestion, REGIONS } from '../../src/text/regions.js';

describe('the list of provinces and cities', () => {
  it('has the 63 provinces and centrally-governed cities, each once', () => {
    expect(REGIONS).toHaveLength(63);
    expect(new Set(REGIONS).size).toBe(63);
    for (const name of [
      'Hà Nội',
      'TP Hồ Chí Minh',
      'Hải Phòng',
      'Đà Nẵng',
      'Cần Thơ',
      'Hà Nam',
      'Hòa Bình',
      'Đắk Lắk',
      'Bà Rịa - Vũng Tàu',
      'Thừa Thiên Huế',
    ]) {
      expect(REGIONS).toContain(name);
    }
  });
});

describe('regions named in a briefing', () => {
  it('are canonical names in order of first appearance, without duplicates', () => {
    const text = 'Đoàn công tác Đà Nẵng làm việc tại Hải Phòng; Hải Phòng và TP.HCM ký kết, sau đó Đà Nẵng công bố.';
    expect(findRegions(text)).toEqual(['Đà Nẵng', 'Hải Phòng', 'TP Hồ Chí Minh']);
  });

  it('recognise the spellings newspapers use', () => {
    const cases: Array<[string, string]> = [
      ['TP.HCM', 'TP Hồ Chí Minh'],
      ['TP HCM', 'TP Hồ Chí Minh'],
      ['Tp. Hồ Chí Minh', 'TP Hồ Chí Minh'],
      ['tại thành phố Hồ Chí Minh', 'TP Hồ Chí Minh'],
      ['Sài Gòn', 'TP Hồ Chí Minh'],
      ['Thừa Thiên - Huế', 'Thừa Thiên Huế'],
      ['TT-Huế', 'Thừa Thiên Huế'],
      ['Bà Rịa-Vũng Tàu', 'Bà Rịa - Vũng Tàu'],
      ['BR-VT', 'Bà Rịa - Vũng Tàu'],
      ['Đắc Lắc', 'Đắk Lắk'],
      ['Đăk Lăk', 'Đắk Lắk'],
      ['Thanh Hoá', 'Thanh Hóa'], // old tone placement
      ['Khánh Hoà', 'Khánh Hòa'],
      ['Bắc Cạn', 'Bắc Kạn'],
    ];
    for (const [written, canonical] of cases) expect(findRegions(`Tin từ ${written} hôm nay.`), written).toEqual([canonical]);
  });

  it('do not mistake "Nam" alone for a province, but find "Hà Nam" and "Quảng Nam"', () => {
    expect(findRegions('Miền Nam và phía Nam có mưa.')).toEqual([]);
    expect(findRegions('Hà Nam và Quảng Nam tăng thu ngân sách.')).toEqual(['Hà Nam', 'Quảng Nam']);
  });

  it('require capitals for names that are also ordinary words ("hòa bình" is peace)', () => {
    expect(findRegions('Giữ gìn hòa bình, cao bằng các nước trong khu vực.')).toEqual([]);
    expect(findRegions('Tỉnh Hòa Bình và Cao Bằng thu hút đầu tư.')).toEqual(['Hòa Bình', 'Cao Bằng']);
  });

  it('do not take the Pacific Ocean, the President or a person for a province', () => {
    expect(findRegions('Thái Bình Dương rộng lớn.')).toEqual([]);
    expect(findRegions('Theo tư tưởng Hồ Chí Minh, Chủ tịch Hồ Chí Minh dạy.')).toEqual([]);
    expect(findRegions('Phó Thủ tướng Trương Hòa Bình chỉ đạo.')).toEqual([]);
  });

  it('do not accept a spelling with the wrong diacritics ("hai phòng" is two rooms, "Huệ" a name)', () => {
    expect(findRegions('Căn hộ có Hai phòng ngủ, cô Huệ ở đó.')).toEqual([]);
  });

  it('do not match inside a longer word', () => {
    expect(findRegions('Longan và Hanoian không phải tên tỉnh.')).toEqual([]);
  });
});

describe('regions named in a question', () => {
  it('are found when typed without diacritics and in lower case', () => {
    expect(findRegionsInQuestion('fdi hai phong tang bao nhieu')).toEqual(['Hải Phòng']);
    expect(findRegionsInQuestion('du lich da nang va tphcm nam 2017')).toEqual(['Đà Nẵng', 'TP Hồ Chí Minh']);
    expect(findRegionsInQuestion('kinh te ba ria vung tau')).toEqual(['Bà Rịa - Vũng Tàu']);
    expect(findRegionsInQuestion('dak lak xuat khau ca phe')).toEqual(['Đắk Lắk']);
  });

  it('are found when typed with diacritics in lower case', () => {
    expect(findRegionsInQuestion('fdi hải phòng tăng bao nhiêu?')).toEqual(['Hải Phòng']);
  });

  it('take "ho chi minh" to be the city, as a user asking would mean', () => {
    expect(findRegionsInQuestion('dau tu vao ho chi minh')).toEqual(['TP Hồ Chí Minh']);
  });

  it('skip the truly ambiguous names unless capitalised', () => {
    expect(findRegionsInQuestion('gia tri cua hoa binh la gi')).toEqual([]);
    expect(findRegionsInQuestion('FDI Hoa Binh nam 2017')).toEqual(['Hòa Bình']);
  });

  it('are empty when the question names no place', () => {
    expect(findRegionsInQuestion('FDI tăng bao nhiêu?')).toEqual([]);
  });
});

describe('canonical region names', () => {
  it('map a whole known spelling to the canonical name and leave anything else alone', () => {
    expect(canonicalRegion('TP.HCM')).toBe('TP Hồ Chí Minh');
    expect(canonicalRegion('hai phong')).toBe('Hải Phòng');
    expect(canonicalRegion('Miền Trung')).toBeUndefined();
  });
});

describe('dates in text', () => {
  it('read the usual Vietnamese full-date forms as ISO dates', () => {
    expect(extractDate('Ngày 19/10/2023, hội nghị diễn ra.')).toBe('2023-10-19');
    expect(extractDate('Họp ngày 19-10-2023 tại Hải Phòng.')).toBe('2023-10-19');
    expect(extractDate('ngày 19 tháng 10 năm 2023')).toBe('2023-10-19');
    expect(extractDate('Hải Phòng (19/10/2023) - Thành ủy họp.')).toBe('2023-10-19');
    expect(extractDate('NGÀY 5.2.2017 khai mạc')).toBe('2017-02-05');
  });

  it('take the first date written', () => {
    expect(extractDate('Ngày 19/10/2023 tổng kết Nghị quyết ngày 16/5/2013.')).toBe('2023-10-19');
  });

  it('complete a day and month without a year only from a year written nearby', () => {
    expect(extractDate('TTXVN - Ngày 19/10, Hội nghị thảo luận kết quả 9 tháng của năm 2023.')).toBe('2023-10-19');
    expect(extractDate('Tối 5-2, trước thông tin trên mạng, phòng giáo dục vào cuộc.')).toBeUndefined();
  });

  it('fall back to a month, then to the year the text is about, ignoring target years', () => {
    expect(extractDate('Trong tháng 10/2023, xuất khẩu tăng.')).toBe('2023-10');
    expect(extractDate('Năm 2017 tỉnh thu hút 20 dự án; kế hoạch đến năm 2030 đạt 100 dự án.')).toBe('2017');
    expect(extractDate('Tầm nhìn đến năm 2030 và giai đoạn 2021 - 2025.')).toBeUndefined();
  });

  it('reject impossible dates and numbers that are not dates', () => {
    expect(extractDate('31/2/2017')).toBeUndefined();
    expect(extractDate('Giá vàng 37,45 – 37,85 triệu đồng, sản lượng 2.017 tấn.')).toBeUndefined();
  });
});

describe('date fields given by an admin', () => {
  it('accept ISO dates, timestamps and Vietnamese dates, and refuse anything else', () => {
    expect(parseDateField('2023-10-19')).toBe('2023-10-19');
    expect(parseDateField('2023-11-02T08:30:00+07:00')).toBe('2023-11-02');
    expect(parseDateField('2023-10')).toBe('2023-10');
    expect(parseDateField(2017)).toBe('2017');
    expect(parseDateField('19/10/2023')).toBe('2023-10-19');
    expect(parseDateField('2023-02-30')).toBeUndefined();
    expect(parseDateField('hôm qua')).toBeUndefined();
  });
});

describe('time in a question', () => {
  it('reads periods, months and years, with or without diacritics', () => {
    expect(findTimeHints('FDI 9 tháng 2023 tăng bao nhiêu?')).toEqual({ year: 2023, months: 9 });
    expect(findTimeHints('9 thang 2023')).toEqual({ year: 2023, months: 9 });
    expect(findTimeHints('9 tháng đầu năm 2023')).toEqual({ year: 2023, months: 9 });
    expect(findTimeHints('năm 2017')).toEqual({ year: 2017 });
    expect(findTimeHints('nam 2017')).toEqual({ year: 2017 });
    expect(findTimeHints('tháng 10/2023')).toEqual({ year: 2023, month: 10 });
    expect(findTimeHints('thang 10 nam 2023')).toEqual({ year: 2023, month: 10 });
    expect(findTimeHints('6 tháng đầu năm')).toEqual({ months: 6 });
  });

  it('is empty when the question says nothing about time', () => {
    expect(findTimeHints('fdi hai phong tang bao nhieu')).toEqual({});
    expect(findTimeHints('Hải Phòng có 3,055 tỷ USD FDI?')).toEqual({});
  });
});

describe('enriching document metadata', () => {
  const base = {
    id: 'd',
    title: 'Hội nghị Thành ủy',
    text: 'TTXVN - Ngày 19/10, Hội nghị Thành ủy Hải Phòng thảo luận kết quả 9 tháng của năm 2023. Đà Nẵng cũng báo cáo.',
  };

  it('fills region and date from the text when the file gave none', () => {
    expect(enrichMetadata(base)).toMatchObject({ region: 'Hải Phòng', date: '2023-10-19' });
  });

  it('prefers the place named in the title to places in the body', () => {
    expect(enrichMetadata({ ...base, title: 'Đà Nẵng tăng thu ngân sách' }).region).toBe('Đà Nẵng');
  });

  it('uses the summary as the lead when there is one', () => {
    expect(enrichMetadata({ ...base, summary: 'Cần Thơ giải ngân vốn đầu tư công.' }).region).toBe('Cần Thơ');
  });

  it('never overwrites region or date given by the file', () => {
    const given = { ...base, region: 'Quảng Ninh', date: '2024-01-01' };
    expect(enrichMetadata(given)).toMatchObject({ region: 'Quảng Ninh', date: '2024-01-01' });
  });

  it('prefers a full date to a bare year in the lead, and does not change its input', () => {
    const doc = {
      id: 'e',
      title: 'Tổng kết năm 2017',
      text: 'Năm 2017 tỉnh đạt nhiều kết quả. Ngày 28/12/2017, hội nghị tổng kết được tổ chức.',
    };
    expect(enrichMetadata(doc).date).toBe('2017-12-28');
    expect(doc).not.toHaveProperty('date');
  });

  it('dates an article by its own date, not by a date its story mentions', () => {
    const story = 'Ông Nguyễn Văn A sinh ngày 22/5/1984 tại Hải Phòng. Năm 2017, ông được bầu làm giám đốc.';
    expect(enrichMetadata({ id: 'g', title: 'Chân dung giám đốc trẻ', text: story, date: '2017-06-02' }).date).toBe('2017-06-02');
    // Without a given date: 1984 is older than the year the article tells of, and decades old.
    expect(enrichMetadata({ id: 'h', title: 'Chân dung giám đốc trẻ', text: story }, new Date('2026-01-01')).date).toBe('2017');
    expect(
      enrichMetadata({ id: 'i', title: 'Kỷ niệm', text: 'Ngày 30/4/1975 đất nước thống nhất.' }, new Date('2026-01-01')).date,
    ).toBeUndefined();
  });

  it('takes "so cùng kỳ năm 2016" to be a comparison with the year before the story\'s: an article of 2017', () => {
    const text =
      'Từ đầu năm đến nay, khách du lịch quốc tế đến Hà Nội ước đạt 1.516 nghìn lượt, tăng 15,1% so cùng kỳ. ' +
      'Bán lẻ 5 tháng đạt 214.568 tỷ đồng, tăng 7,2% so cùng kỳ năm 2016.';
    expect(enrichMetadata({ id: 'l', title: 'Doanh thu dịch vụ tăng mạnh', text }, new Date('2026-01-01')).date).toBe('2017');
    // A day and month take the story's year too.
    expect(
      enrichMetadata({ id: 'm', title: 'Xuất khẩu', text: `Ngày 2/6, Tổng cục Thống kê cho biết. ${text}` }, new Date('2026-01-01')).date,
    ).toBe('2017-06-02');
  });

  it('reads the dateline below a heading and a photo caption', () => {
    const text =
      `${'Quang cảnh Hội nghị thành phố với nhiều đại biểu tham dự. '.repeat(6)}` +
      `TTXVN - Ngày 19/10, Hội nghị thảo luận kết quả 9 tháng của năm 2023.`;
    expect(enrichMetadata({ id: 'k', title: 'Hội nghị', text }, new Date('2026-01-01')).date).toBe('2023-10-19');
  });

  it("never takes a date in the future for the article's", () => {
    const doc = { id: 'j', title: 'Kế hoạch', text: 'Ngày 1/1/2031, tuyến metro sẽ vận hành. Ngày 5/3/2025, dự án khởi công.' };
    expect(enrichMetadata(doc, new Date('2026-01-01')).date).toBe('2025-03-05');
  });

  it('leaves region and date empty when the text names neither', () => {
    const out = enrichMetadata({ id: 'f', title: 'Tin vắn', text: 'Thời tiết hôm nay đẹp.' });
    expect(out.region).toBeUndefined();
    expect(out.date).toBeUndefined();
  });
});
