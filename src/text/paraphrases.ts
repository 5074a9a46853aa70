import { tokenize, plainToken } from './normalize.js';

/**
 * A paraphrase lexicon for Vietnamese news questions: how people ask (everyday, spoken words:
 * "rót vốn", "bán ra nước ngoài", "tốn kém") against how news articles say the same thing
 * ("thu hút đầu tư", "xuất khẩu", "kinh phí"). A lexical index cannot match one with the other;
 * retrieval adds an entry's `written` phrases to a question that says one of its `asked` phrases,
 * as optional low-weight terms (see `expansionWeight` in ranking-options.ts), and the extractive
 * answerer lets a sentence that writes them cover the asked words (`expansionCoverage`).
 *
 * Where the entries come from: written from general knowledge of Vietnamese and of the register of
 * Vietnamese news (TTXVN, baomoi.com), by domain, before any evaluation question was read; each is
 * a general equivalence usable in any news text, never one naming an event, a place or a question.
 * Every `written` phrase occurs in the 2017 news corpus (checked with
 * `npx tsx scripts/check-paraphrases.ts /work/shared/data/news-vi-2017.jsonl.gz`, which lists the
 * phrases found in no article; those were dropped or respelled). The entries marked "(from tune
 * misses)" were added after reading the tune half's paraphrase misses, and only when general.
 *
 * To add an entry: put it under its domain, accented, lower case except acronyms. `asked` phrases
 * of one syllable are matched only in questions typed with diacritics ("đỗ", not "do"); longer
 * ones are matched with or without. Run the check script, then the tune eval.
 */
export interface ParaphraseEntry {
  /** Phrasings a user may type. */
  asked: readonly string[];
  /** The same in the words news articles use. */
  written: readonly string[];
}

export const PARAPHRASES: readonly ParaphraseEntry[] = [
  // --- Investment and FDI ---
  {
    asked: ['rót vốn', 'đổ vốn', 'bỏ vốn', 'rót tiền', 'đổ tiền', 'bơm vốn', 'rót vào' /* (from tune misses) */],
    written: ['thu hút đầu tư', 'vốn đầu tư'],
  },
  {
    asked: ['vốn ngoại', 'nhà đầu tư ngoại', 'đầu tư ngoại', 'tiền nước ngoài', 'nước ngoài đầu tư', 'doanh nghiệp ngoại', 'công ty ngoại'],
    written: ['đầu tư nước ngoài', 'FDI', 'đầu tư trực tiếp nước ngoài'],
  },
  { asked: ['rót thêm vốn', 'bơm thêm vốn', 'thêm vốn'], written: ['tăng vốn', 'điều chỉnh vốn'] },
  { asked: ['dự án mới', 'cấp phép mới', 'cho phép đầu tư'], written: ['cấp mới', 'cấp giấy chứng nhận đầu tư', 'chủ trương đầu tư'] },
  { asked: ['tiền nhà nước đầu tư', 'vốn nhà nước', 'nhà nước đầu tư'], written: ['đầu tư công', 'vốn ngân sách'] },
  { asked: ['mua cổ phần', 'mua lại công ty'], written: ['góp vốn', 'mua cổ phần', 'sáp nhập'] },
  {
    asked: ['mở công ty', 'lập công ty', 'mở doanh nghiệp', 'lập doanh nghiệp', 'công ty mới', 'doanh nghiệp mới', 'khởi nghiệp'],
    written: ['thành lập mới', 'đăng ký thành lập', 'đăng ký kinh doanh'],
  },
  { asked: ['đóng cửa', 'dẹp tiệm', 'ngừng kinh doanh', 'phá sản'], written: ['ngừng hoạt động', 'giải thể', 'tạm ngừng kinh doanh'] },
  // --- Growth and GRDP ---
  { asked: ['lớn thêm', 'lớn lên', 'phình ra', 'to ra', 'đi lên'], written: ['tăng trưởng'] },
  { asked: ['kinh tế tăng', 'kinh tế lớn', 'kinh tế phát triển'], written: ['tăng trưởng kinh tế', 'GRDP', 'tổng sản phẩm'] },
  {
    asked: ['quy mô kinh tế', 'giá trị nền kinh tế', 'tổng giá trị kinh tế', 'cả nền kinh tế'],
    written: ['tổng sản phẩm trên địa bàn', 'GRDP', 'quy mô nền kinh tế'],
  },
  {
    asked: ['thu nhập mỗi người', 'mỗi người dân kiếm', 'thu nhập đầu người', 'mỗi người kiếm', 'trung bình mỗi người'],
    written: ['bình quân đầu người', 'thu nhập bình quân'],
  },
  {
    asked: ['nhà máy sản xuất', 'công nghiệp làm ra', 'ngành công nghiệp', 'sản xuất công nghiệp'],
    written: ['chỉ số sản xuất công nghiệp', 'giá trị sản xuất công nghiệp'],
  },
  { asked: ['đi xuống', 'tụt', 'giảm sút', 'đi lùi', 'sa sút', 'tuột'], written: ['sụt giảm', 'suy giảm'] },
  {
    asked: ['đạt mục tiêu', 'về đích', 'hoàn thành mục tiêu', 'đạt chỉ tiêu'],
    written: ['hoàn thành kế hoạch', 'vượt kế hoạch', 'đạt kế hoạch'],
  },
  { asked: ['làm ăn', 'kinh doanh'], written: ['sản xuất kinh doanh'] },
  // --- Trade: imports, exports ---
  {
    asked: [
      'bán ra nước ngoài',
      'bán sang nước ngoài',
      'bán cho nước ngoài',
      'bán ra thế giới',
      'đưa ra nước ngoài',
      'xuất đi',
      'bán đi nước ngoài',
    ],
    written: ['xuất khẩu', 'kim ngạch xuất khẩu'],
  },
  {
    asked: ['mua từ nước ngoài', 'mua của nước ngoài', 'mua nước ngoài', 'đưa về', 'mua về', 'nhập về', 'chở về', 'mang về nước'],
    written: ['nhập khẩu', 'kim ngạch nhập khẩu'],
  },
  // "nhiều hơn bán ra", "nhập nhiều hơn xuất": (from tune misses).
  { asked: ['mua nhiều hơn bán', 'mua vào nhiều hơn', 'nhiều hơn bán ra', 'nhập nhiều hơn xuất'], written: ['nhập siêu'] },
  { asked: ['bán nhiều hơn mua', 'bán ra nhiều hơn', 'nhiều hơn mua vào', 'xuất nhiều hơn nhập'], written: ['xuất siêu'] },
  {
    asked: ['buôn bán với nước ngoài', 'mua bán với nước ngoài', 'giao thương', 'buôn bán hai chiều', 'mua bán hai chiều'],
    written: ['xuất nhập khẩu', 'kim ngạch thương mại', 'thương mại'],
  },
  {
    asked: ['mua sắm', 'sức mua', 'tiêu dùng', 'hàng bán lẻ', 'bán lẻ'],
    written: ['tổng mức bán lẻ hàng hóa', 'bán lẻ hàng hóa', 'doanh thu dịch vụ tiêu dùng'],
  },
  {
    asked: ['nước mua nhiều nhất', 'khách hàng lớn nhất', 'bạn hàng lớn nhất'],
    written: ['thị trường xuất khẩu lớn nhất', 'thị trường lớn nhất'],
  },
  { asked: ['hàng lậu', 'hàng giả', 'hàng nhái', 'buôn hàng cấm'], written: ['buôn lậu', 'gian lận thương mại', 'hàng giả'] },
  // --- Budget revenue and spending ---
  {
    asked: ['tốn kém', 'tốn tiền', 'tốn', 'ngốn', 'tiêu tốn', 'mất tiền', 'hao tốn', 'hết tiền', 'chi bao nhiêu', 'tiền làm'],
    written: ['kinh phí', 'chi phí', 'tổng mức đầu tư', 'tổng vốn đầu tư'],
  },
  {
    asked: ['tiền nhà nước', 'tiền ngân sách', 'nhà nước chi', 'nhà nước bỏ ra', 'nhà nước cấp tiền', 'tiền công quỹ'],
    written: ['ngân sách nhà nước', 'vốn ngân sách', 'chi ngân sách'],
  },
  { asked: ['thu về', 'thu được', 'kiếm được', 'kiếm về', 'mang về', 'thu vào', 'bỏ túi'], written: ['doanh thu', 'tổng thu'] },
  { asked: ['tiền thuế', 'nộp thuế', 'thu thuế', 'đóng thuế'], written: ['thu ngân sách', 'thu nội địa', 'nộp ngân sách'] },
  { asked: ['tiền lãi', 'có lãi', 'làm ăn có lãi', 'kiếm lời', 'lãi ròng', 'tiền lời'], written: ['lợi nhuận'] },
  { asked: ['lỗ', 'làm ăn thua lỗ', 'bị lỗ', 'mất vốn', 'lỗ vốn'], written: ['thua lỗ', 'lỗ lũy kế'] },
  { asked: ['nợ thuế', 'chây ỳ thuế', 'trốn thuế', 'chưa nộp thuế'], written: ['nợ đọng thuế', 'nợ thuế'] },
  { asked: ['tiền hỗ trợ', 'tiền cứu trợ', 'cho tiền', 'hỗ trợ tiền', 'trợ cấp'], written: ['kinh phí hỗ trợ', 'hỗ trợ'] },
  { asked: ['góp tiền', 'quyên góp', 'tiền ủng hộ', 'làm từ thiện'], written: ['ủng hộ', 'quyên góp'] },
  { asked: ['vay ngân hàng', 'vay tiền', 'tiền vay', 'cho vay'], written: ['dư nợ', 'tín dụng'] },
  { asked: ['gửi tiết kiệm', 'gửi tiền ngân hàng', 'tiền gửi'], written: ['huy động vốn', 'tiền gửi'] },
  { asked: ['tiêu hết vốn', 'dùng hết vốn', 'chi tiền đầu tư', 'tiêu tiền'], written: ['giải ngân'] },
  // --- Prices, CPI ---
  {
    asked: ['giá cả', 'vật giá', 'đắt đỏ', 'mọi thứ đắt', 'giá sinh hoạt', 'lạm phát', 'mặt bằng giá'],
    written: ['chỉ số giá tiêu dùng', 'CPI'],
  },
  { asked: ['đắt lên', 'lên giá', 'đắt hơn', 'giá lên'], written: ['tăng giá', 'giá tăng'] },
  { asked: ['rẻ đi', 'xuống giá', 'hạ giá', 'rẻ hơn', 'giá xuống'], written: ['giảm giá', 'giá giảm'] },
  { asked: ['giá xăng', 'tiền xăng', 'đổ xăng'], written: ['giá xăng dầu', 'xăng dầu'] },
  { asked: ['tiền điện', 'giá điện'], written: ['giá điện', 'giá bán lẻ điện'] },
  { asked: ['giá nhà', 'giá căn hộ', 'giá đất'], written: ['giá bất động sản', 'giá đất', 'giá nhà đất'] },
  // --- Tourism and visitors ---
  {
    asked: ['người đến chơi', 'người đến thăm', 'khách đến chơi', 'khách đến', 'người đi du lịch', 'khách du lịch', 'khách tham quan'],
    written: ['lượt khách', 'đón khách', 'du khách'],
  },
  { asked: ['khách tây', 'khách nước ngoài', 'khách ngoại', 'người nước ngoài đến'], written: ['khách quốc tế', 'du khách quốc tế'] },
  { asked: ['khách trong nước', 'khách ta', 'khách việt'], written: ['khách nội địa'] },
  {
    asked: ['tiền du lịch', 'du lịch kiếm', 'du lịch thu', 'ngành du lịch thu', 'du lịch mang về'],
    written: ['doanh thu du lịch', 'tổng thu từ khách du lịch', 'doanh thu từ du lịch'],
  },
  { asked: ['khách sạn', 'chỗ ở', 'phòng nghỉ', 'nhà nghỉ', 'chỗ nghỉ'], written: ['cơ sở lưu trú', 'buồng phòng', 'công suất phòng'] },
  { asked: ['ngày lễ', 'dịp lễ', 'nghỉ lễ'], written: ['dịp nghỉ lễ', 'kỳ nghỉ lễ'] },
  // --- Jobs and wages ---
  { asked: ['mất việc', 'không có việc làm', 'không có việc', 'bị đuổi việc'], written: ['thất nghiệp', 'mất việc làm'] },
  {
    asked: ['có việc làm', 'kiếm được việc', 'tìm được việc', 'có việc', 'công ăn việc làm', 'có công việc'],
    written: ['giải quyết việc làm', 'tạo việc làm', 'việc làm mới'],
  },
  {
    asked: ['lương tháng', 'tiền công', 'lương', 'tiền lương', 'thu nhập tháng'],
    written: ['tiền lương', 'thu nhập bình quân', 'mức lương'],
  },
  { asked: ['thưởng tết', 'tiền thưởng tết', 'tiền thưởng'], written: ['thưởng tết', 'tiền thưởng'] },
  {
    asked: ['đi làm nước ngoài', 'làm việc ở nước ngoài', 'đi lao động nước ngoài', 'đi làm ở nước ngoài', 'đi xuất khẩu lao động'],
    written: ['xuất khẩu lao động', 'đi làm việc ở nước ngoài'],
  },
  { asked: ['đình công', 'bỏ việc tập thể', 'nghỉ việc tập thể'], written: ['ngừng việc tập thể', 'đình công'] },
  { asked: ['học nghề', 'dạy nghề'], written: ['đào tạo nghề', 'giáo dục nghề nghiệp'] },
  { asked: ['đóng bảo hiểm', 'bảo hiểm cho công nhân'], written: ['bảo hiểm xã hội'] },
  {
    asked: ['người nghèo', 'nhà nghèo', 'gia đình nghèo', 'thoát nghèo', 'dân nghèo'],
    written: ['hộ nghèo', 'giảm nghèo', 'tỷ lệ hộ nghèo'],
  },
  // --- Education and exams ---
  {
    asked: ['thi đậu', 'thi đỗ', 'đậu tốt nghiệp', 'qua kỳ thi', 'đỗ', 'đậu', 'qua được kỳ thi'],
    written: ['tỷ lệ tốt nghiệp', 'đỗ tốt nghiệp', 'công nhận tốt nghiệp'],
  },
  { asked: ['thi trượt', 'thi rớt', 'thi hỏng', 'rớt tốt nghiệp', 'trượt tốt nghiệp'], written: ['trượt tốt nghiệp', 'không đậu'] },
  {
    asked: ['thi đại học', 'thi cấp ba', 'thi tốt nghiệp', 'kỳ thi cuối cấp', 'thi cuối cấp'],
    written: ['kỳ thi THPT quốc gia', 'thi THPT quốc gia', 'kỳ thi tuyển sinh'],
  },
  { asked: ['thi vào lớp 10', 'thi lên cấp ba', 'vào lớp 10', 'thi vào cấp ba'], written: ['tuyển sinh lớp 10', 'tuyển sinh vào lớp 10'] },
  { asked: ['người đi thi', 'người dự thi', 'học sinh đi thi', 'sĩ tử', 'học sinh dự thi'], written: ['thí sinh', 'thí sinh dự thi'] },
  { asked: ['ngôi trường', 'trường lớp', 'lớp học'], written: ['trường học', 'phòng học', 'cơ sở giáo dục'] },
  { asked: ['trường chuẩn', 'trường đạt chuẩn'], written: ['trường đạt chuẩn quốc gia', 'đạt chuẩn quốc gia'] },
  { asked: ['tiền học', 'tiền trường'], written: ['học phí'] },
  { asked: ['điểm cao nhất', 'điểm tuyệt đối', 'đứng đầu kỳ thi'], written: ['thủ khoa', 'điểm 10', 'điểm tuyệt đối'] },
  { asked: ['thầy cô', 'thầy giáo', 'cô giáo'], written: ['giáo viên', 'nhà giáo'] },
  // --- Health ---
  { asked: ['nơi khám bệnh', 'đi viện', 'nhập viện', 'vào viện'], written: ['bệnh viện', 'cơ sở khám chữa bệnh', 'nhập viện'] },
  { asked: ['khám bệnh', 'đi khám', 'chữa bệnh'], written: ['khám chữa bệnh', 'lượt khám'] },
  {
    asked: ['bị bệnh', 'nhiễm bệnh', 'bị lây', 'người bệnh', 'người bị bệnh'],
    written: ['mắc bệnh', 'ca mắc', 'trường hợp mắc', 'bệnh nhân'],
  },
  { asked: ['bệnh dịch', 'ổ dịch', 'dịch'], written: ['dịch bệnh', 'ổ dịch'] },
  {
    asked: ['chết', 'mất mạng', 'qua đời', 'chết người', 'thiệt mạng', 'tử vong', 'bỏ mạng'],
    written: ['tử vong', 'thiệt mạng', 'người chết'],
  },
  { asked: ['thương tích', 'bị xây xát', 'bị thương'], written: ['bị thương'] },
  { asked: ['ăn phải', 'trúng độc', 'ngộ độc'], written: ['ngộ độc thực phẩm', 'ngộ độc'] },
  { asked: ['chích ngừa', 'tiêm vắc xin', 'tiêm phòng', 'tiêm chủng'], written: ['tiêm chủng', 'tiêm phòng', 'vắc xin'] },
  { asked: ['thẻ bảo hiểm', 'bảo hiểm y tế'], written: ['bảo hiểm y tế', 'BHYT'] },
  { asked: ['sinh con', 'đẻ', 'sinh nở', 'trẻ mới sinh'], written: ['trẻ sơ sinh', 'sinh con', 'tỷ lệ sinh'] },
  // --- Transport and infrastructure ---
  {
    asked: ['làm đường', 'xây đường', 'mở đường', 'sửa đường', 'đường mới', 'làm con đường'],
    written: ['tuyến đường', 'dự án đường', 'nâng cấp', 'đầu tư xây dựng'],
  },
  { asked: ['cao tốc', 'đường cao tốc'], written: ['đường cao tốc', 'tuyến cao tốc'] },
  { asked: ['xây cầu', 'làm cầu', 'bắc cầu', 'cây cầu'], written: ['xây dựng cầu', 'dự án cầu'] },
  { asked: ['sân bay', 'phi trường'], written: ['cảng hàng không', 'sân bay'] },
  { asked: ['máy bay', 'chuyến bay', 'đường bay'], written: ['chuyến bay', 'đường bay', 'hàng không'] },
  { asked: ['tàu hỏa', 'xe lửa', 'đường tàu'], written: ['đường sắt', 'tàu hỏa'] },
  { asked: ['bến cảng', 'cảng biển', 'hàng qua cảng'], written: ['cảng biển', 'hàng hóa thông qua cảng', 'qua cảng'] },
  { asked: ['kẹt xe', 'tắc đường', 'kẹt đường', 'tắc xe'], written: ['ùn tắc giao thông', 'ùn tắc'] },
  {
    asked: ['đụng xe', 'tông xe', 'đâm xe', 'tai nạn xe', 'xe đâm', 'xe tông', 'tai nạn đường bộ'],
    written: ['tai nạn giao thông', 'va chạm'],
  },
  // (from tune misses) Vehicles by their wheels, as people say them.
  { asked: ['xe bốn bánh', 'xe 4 bánh', 'xe hơi', 'xế hộp'], written: ['ô tô'] },
  { asked: ['xe hai bánh', 'xe 2 bánh', 'xe gắn máy', 'xe môtô'], written: ['xe máy', 'mô tô'] },
  { asked: ['chở hàng', 'vận chuyển hàng', 'chuyên chở'], written: ['vận chuyển hàng hóa', 'vận tải hàng hóa'] },
  { asked: ['chở khách', 'đi lại', 'người đi tàu', 'người đi xe'], written: ['vận chuyển hành khách', 'lượt hành khách', 'hành khách'] },
  { asked: ['bị phạt', 'nộp phạt', 'phạt tiền', 'phạt'], written: ['xử phạt', 'xử phạt vi phạm hành chính', 'phạt tiền'] },
  // --- Agriculture ---
  { asked: ['trồng lúa', 'làm lúa', 'cấy lúa', 'gieo cấy'], written: ['gieo cấy', 'diện tích lúa', 'sản xuất lúa'] },
  { asked: ['gặt', 'được mùa', 'mùa màng', 'thu hoạch'], written: ['thu hoạch', 'sản lượng', 'năng suất'] },
  {
    asked: ['nuôi cá', 'nuôi tôm', 'đánh cá', 'bắt cá', 'đánh bắt', 'nuôi thủy sản'],
    written: ['nuôi trồng thủy sản', 'khai thác thủy sản', 'sản lượng thủy sản'],
  },
  {
    asked: ['nuôi heo', 'nuôi lợn', 'nuôi gà', 'nuôi bò', 'nuôi trâu', 'con heo', 'con lợn'],
    written: ['chăn nuôi', 'tổng đàn', 'đàn lợn'],
  },
  { asked: ['chặt phá rừng', 'chặt rừng', 'chặt cây rừng', 'đốn rừng'], written: ['phá rừng'] },
  { asked: ['trồng cây rừng', 'trồng rừng mới', 'phủ xanh'], written: ['trồng rừng', 'độ che phủ rừng'] },
  { asked: ['xã đạt chuẩn', 'xã mới', 'làng mới'], written: ['đạt chuẩn nông thôn mới', 'nông thôn mới'] },
  { asked: ['người làm nông', 'bà con nông dân', 'người trồng', 'nhà nông'], written: ['nông dân', 'hộ nông dân'] },
  { asked: ['thiếu nước', 'khô hạn', 'hạn hán', 'nắng hạn'], written: ['hạn hán', 'khô hạn', 'thiếu nước'] },
  { asked: ['nước mặn', 'nhiễm mặn', 'mặn'], written: ['xâm nhập mặn', 'nhiễm mặn'] },
  { asked: ['hoa quả', 'trái cây'], written: ['trái cây', 'hoa quả', 'nông sản'] },
  // --- Housing, land and real estate ---
  {
    asked: ['nhà giá rẻ', 'nhà cho người nghèo', 'nhà bình dân', 'nhà cho công nhân', 'nhà rẻ'],
    written: ['nhà ở xã hội', 'nhà ở cho công nhân', 'nhà ở thu nhập thấp'],
  },
  {
    asked: ['mua nhà', 'bán nhà', 'nhà đất', 'chung cư', 'mua đất', 'bán đất'],
    written: ['bất động sản', 'thị trường bất động sản', 'căn hộ'],
  },
  { asked: ['giải tỏa', 'lấy đất', 'thu đất', 'đền bù'], written: ['giải phóng mặt bằng', 'thu hồi đất', 'bồi thường'] },
  {
    asked: ['xây trái phép', 'xây sai phép', 'xây không phép', 'xây lậu'],
    written: ['xây dựng trái phép', 'xây dựng không phép', 'trật tự xây dựng'],
  },
  { asked: ['sổ đỏ', 'giấy tờ nhà đất', 'giấy chủ quyền'], written: ['giấy chứng nhận quyền sử dụng đất', 'sổ đỏ'] },
  { asked: ['lấp đầy', 'thuê đất khu công nghiệp'], written: ['tỷ lệ lấp đầy'] },
  // --- Accidents, disasters, environment ---
  { asked: ['bão', 'mưa bão', 'gió bão', 'áp thấp'], written: ['cơn bão', 'áp thấp nhiệt đới', 'mưa bão'] },
  { asked: ['lụt', 'ngập lụt', 'nước lên', 'ngập nước', 'ngập', 'lũ'], written: ['lũ lụt', 'mưa lũ', 'ngập úng', 'lũ quét'] },
  { asked: ['sạt núi', 'lở đất', 'đất lở', 'lở núi'], written: ['sạt lở đất', 'sạt lở'] },
  { asked: ['cháy nhà', 'bốc cháy', 'cháy chợ', 'cháy', 'hỏa hoạn'], written: ['vụ cháy', 'hỏa hoạn', 'cháy'] },
  { asked: ['tổn thất', 'mất mát', 'hư hại', 'thiệt hại'], written: ['thiệt hại', 'ước tính thiệt hại', 'tổng thiệt hại'] },
  { asked: ['nhà sập', 'nhà đổ', 'sập nhà', 'tốc mái', 'bay mái'], written: ['nhà bị sập', 'tốc mái', 'hư hỏng'] },
  { asked: ['không tìm thấy', 'chưa tìm thấy', 'mất tích'], written: ['mất tích'] },
  { asked: ['chìm tàu', 'đắm tàu', 'chìm thuyền', 'lật thuyền', 'lật tàu'], written: ['chìm tàu', 'tàu bị chìm', 'lật thuyền'] },
  {
    asked: ['làm bẩn môi trường', 'làm bẩn', 'gây bẩn', 'xả rác', 'xả thải', 'ô nhiễm', 'xả nước bẩn'],
    written: ['gây ô nhiễm môi trường', 'xả thải', 'ô nhiễm môi trường'],
  },
  { asked: ['động đất', 'rung chấn'], written: ['động đất'] },
  { asked: ['rác', 'rác thải', 'rác sinh hoạt'], written: ['chất thải rắn', 'rác thải sinh hoạt', 'xử lý rác'] },
  // --- Population and society ---
  {
    asked: ['số dân', 'bao nhiêu dân', 'người dân sống', 'dân cư', 'bao nhiêu người sống', 'số người dân'],
    written: ['dân số', 'quy mô dân số'],
  },
  { asked: ['lấy chồng', 'lấy vợ', 'cưới', 'cưới xin', 'kết hôn'], written: ['kết hôn', 'đăng ký kết hôn'] },
  { asked: ['sinh con thứ ba', 'đẻ nhiều', 'sinh thêm con'], written: ['sinh con thứ 3', 'mức sinh'] },
  { asked: ['người già', 'cụ già', 'người cao tuổi', 'ông bà già'], written: ['người cao tuổi'] },
  { asked: ['trẻ nhỏ', 'con nít', 'các cháu nhỏ', 'trẻ con'], written: ['trẻ em'] },
  { asked: ['người dân tộc', 'đồng bào', 'dân tộc thiểu số'], written: ['đồng bào dân tộc thiểu số', 'dân tộc thiểu số'] },
  { asked: ['bỏ quê', 'ra thành phố', 'chuyển đến', 'di cư'], written: ['di cư', 'di dân', 'nhập cư'] },
  // --- Crime and order ---
  { asked: ['thuốc phiện', 'hàng trắng', 'ma túy'], written: ['ma túy', 'chất ma túy'] },
  { asked: ['tóm gọn', 'bắt quả tang', 'bị bắt', 'tóm', 'bắt giữ'], written: ['bắt quả tang', 'bắt giữ', 'tạm giữ'] },
  { asked: ['ăn trộm', 'ăn cắp', 'lấy trộm', 'trộm'], written: ['trộm cắp tài sản', 'trộm cắp'] },
  { asked: ['lừa tiền', 'lừa đảo', 'lừa'], written: ['lừa đảo chiếm đoạt tài sản', 'lừa đảo'] },
  { asked: ['ra tòa', 'bị xử', 'tòa xử', 'xử án'], written: ['xét xử', 'tuyên án'] },
  { asked: ['ở tù', 'đi tù', 'ngồi tù', 'lãnh án', 'bị tù'], written: ['phạt tù', 'tuyên phạt', 'năm tù'] },
  // --- Energy and utilities ---
  { asked: ['mất điện', 'cúp điện', 'cắt điện'], written: ['mất điện', 'cắt điện', 'ngừng cung cấp điện'] },
  { asked: ['nước máy', 'nước uống', 'nước sạch'], written: ['nước sạch', 'cấp nước'] },
  { asked: ['pin mặt trời', 'điện mặt trời'], written: ['điện mặt trời', 'năng lượng tái tạo'] },
  { asked: ['dùng điện', 'xài điện', 'tiêu thụ điện'], written: ['điện thương phẩm', 'tiêu thụ điện', 'sản lượng điện'] },
  // --- Administration ---
  { asked: ['chủ tịch tỉnh'], written: ['chủ tịch UBND tỉnh'] },
  { asked: ['chủ tịch thành phố'], written: ['chủ tịch UBND thành phố'] },
  { asked: ['bí thư tỉnh'], written: ['bí thư tỉnh ủy'] },
  { asked: ['bí thư thành phố'], written: ['bí thư thành ủy'] },
  { asked: ['sếp công an', 'trưởng công an'], written: ['giám đốc công an'] },
  { asked: ['thủ tục giấy tờ', 'giấy tờ', 'làm giấy tờ'], written: ['thủ tục hành chính', 'cải cách hành chính'] },
  { asked: ['điểm cạnh tranh', 'chỉ số cạnh tranh', 'xếp hạng cạnh tranh'], written: ['chỉ số năng lực cạnh tranh cấp tỉnh', 'PCI'] },
  { asked: ['xếp thứ', 'đứng thứ', 'đứng đầu'], written: ['xếp hạng', 'dẫn đầu'] },
  // --- Comparisons ---
  { asked: ['so với năm ngoái', 'so với năm trước', 'hơn năm ngoái'], written: ['so với cùng kỳ', 'so cùng kỳ'] },
  { asked: ['gấp hai', 'gấp đôi'], written: ['gấp đôi', 'gấp 2 lần'] },
];

/** A place in a question where a lexicon entry's asked phrase is said. */
export interface ParaphraseMatch {
  /** Token positions [start, end) of the asked phrase in the question. */
  start: number;
  end: number;
  /** The written phrases, as tokens (accented, see `tokenize`), that the question does not already say. */
  written: string[][];
}

interface CompiledEntry {
  asked: Array<{ accented: string[]; plain: string[] }>;
  written: string[][];
}

let compiled: CompiledEntry[] | undefined;

function compile(): CompiledEntry[] {
  compiled ??= PARAPHRASES.map((e) => ({
    asked: e.asked.map((a) => {
      const accented = tokenize(a);
      return { accented, plain: accented.map(plainToken) };
    }),
    written: e.written.map((w) => tokenize(w)),
  }));
  return compiled;
}

/**
 * The lexicon's entries a question's tokens (see `tokenize`) say, longest asked phrase first at
 * each position, without overlaps. `accented`: the question was typed with diacritics; then asked
 * phrases are matched with their marks ("đổ vốn", not "đỏ vốn"), else without, and only phrases of
 * two syllables or more (an unaccented "do" may be any of "đỗ", "đồ", "do").
 */
export function findParaphrases(tokens: string[], accented: boolean): ParaphraseMatch[] {
  const seq = accented ? tokens : tokens.map(plainToken);
  const questionPlain = new Set(tokens.map(plainToken));
  const candidates: Array<{ start: number; end: number; entry: CompiledEntry }> = [];
  for (const entry of compile()) {
    for (const phrase of entry.asked) {
      const words = accented ? phrase.accented : phrase.plain;
      if (words.length === 0 || (!accented && words.length < 2)) continue;
      for (let i = 0; i + words.length <= seq.length; i++)
        if (words.every((w, j) => seq[i + j] === w)) candidates.push({ start: i, end: i + words.length, entry });
    }
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Set<number>();
  const out: ParaphraseMatch[] = [];
  const byEntry = new Map<CompiledEntry, ParaphraseMatch>();
  for (const c of candidates) {
    let free = true;
    for (let i = c.start; i < c.end; i++) if (taken.has(i)) free = false;
    if (!free) continue;
    for (let i = c.start; i < c.end; i++) taken.add(i);
    if (byEntry.has(c.entry)) continue;
    // A written phrase the question already says all of adds nothing.
    const written = c.entry.written.filter((w) => !w.every((t) => questionPlain.has(plainToken(t))));
    if (written.length === 0) continue;
    const match = { start: c.start, end: c.end, written };
    byEntry.set(c.entry, match);
    out.push(match);
  }
  return out.sort((a, b) => a.start - b.start);
}
