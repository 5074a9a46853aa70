import type { TestBriefing } from './briefing-index.js';

/**
 * Two cities' nine-month reports with the same subjects and different figures, and a briefing
 * about elsewhere: a follow-up answered for the wrong place or subject shows in the figures.
 */
export const CITY_REPORTS: TestBriefing[] = [
  {
    id: 'hai-phong-9-thang',
    title: 'Hải Phòng: kinh tế 9 tháng năm 2023',
    region: 'Hải Phòng',
    date: '2023-10-19',
    text: [
      'Sáng 19/10, UBND thành phố Hải Phòng họp báo về tình hình kinh tế - xã hội.',
      'Trong 9 tháng năm 2023, Hải Phòng đón 7,9 triệu lượt khách du lịch, tăng 12% so với cùng kỳ.',
      'Kim ngạch xuất khẩu của thành phố đạt 20,5 tỷ USD, tăng 5,1%.',
      'Thu hút vốn FDI đạt 3,055 tỷ USD, tăng 140,3%.',
      'Chỉ số sản xuất công nghiệp tăng 13,2%.',
    ].join(' '),
  },
  {
    id: 'da-nang-9-thang',
    title: 'Đà Nẵng: kinh tế 9 tháng năm 2023',
    region: 'Đà Nẵng',
    date: '2023-10-05',
    text: [
      'UBND thành phố Đà Nẵng công bố số liệu kinh tế 9 tháng năm 2023.',
      'Trong 9 tháng năm 2023, Đà Nẵng đón 5,6 triệu lượt khách du lịch, tăng 80% so với cùng kỳ.',
      'Kim ngạch xuất khẩu hàng hoá của Đà Nẵng đạt 1,2 tỷ USD, giảm 3%.',
      'Thu hút vốn FDI đạt 120 triệu USD.',
    ].join(' '),
  },
  {
    id: 'cao-bang-nong-nghiep',
    title: 'Cao Bằng đẩy mạnh sản xuất nông nghiệp',
    region: 'Cao Bằng',
    date: '2023-10-10',
    text: 'Tỉnh Cao Bằng mở rộng diện tích trồng thạch đen và hồi. Nông dân được hỗ trợ giống và kỹ thuật canh tác.',
  },
];
