/**
 * Page furniture: the lines a news page carries around an article that are not the article (photo
 * captions, "Xem thêm" link lists, share buttons, the reporter's byline). Removing them keeps
 * answers and citations to what the briefing says. Conservative by design: a line is only dropped
 * when it cannot be a sentence of content.
 */
import { normalizeForMatch, removeDiacritics } from '../text/normalize.js';

/** Folded form for matching labels typed with or without diacritics. */
function fold(line: string): string {
  return removeDiacritics(line).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A photo credit at the end of a line: "(Ảnh: Hoàng Ngọc/TTXVN)", "(Ảnh minh họa)", "(Ảnh: TTXVN)". */
const CAPTION_CREDIT = /\s*[([]\s*(?:(?:anh|nguon anh|photo)\s*:|anh minh hoa|anh tu lieu)[^()[\]]{0,80}[)\]]\s*$/;
/** A credit after the caption's last sentence: "Quang cảnh hội nghị. Ảnh: TTXVN". */
const CAPTION_TRAILING = /(?:^|[.!?]\s+|\s[-–]\s)(?:anh|nguon anh|photo)\s*:\s*[^.!?]{1,60}$/;
/** A credit line on its own: "Ảnh: TTXVN", "Ảnh minh họa", "Nguồn ảnh: Internet". */
const CREDIT_LINE = /^(?:(?:anh|nguon anh|photo)\s*:|(?:anh minh hoa|anh tu lieu)\b)/;
/** Captions are short: one or two sentences. Longer lines keep their text and lose only the credit. */
const MAX_CAPTION = 320;

/** Headings that introduce a list of links to other articles. */
const LINK_LIST_WORDS =
  'xem them|doc them|tin lien quan|bai lien quan|tin cung chuyen muc|tin khac|cac tin khac|co the ban quan tam|ban co the quan tam';
const LINK_LIST_HEADING = new RegExp(`^(?:${LINK_LIST_WORDS})\\b\\s*:?\\s*(?:\\.{3}|…)?\\s*$`);
/** "Xem thêm: <headline>" on one line. */
const INLINE_LINK = /^(?:xem them|doc them|tin lien quan|bai lien quan)\s*:\s*\S/;
/** Buttons rendered as text: share, print, comment, back to top. */
const BUTTONS = new Set([
  'chia se',
  'chia se bai viet',
  'in bai',
  'in',
  'ban in',
  'gui bai',
  'gui cho ban be',
  'luu bai',
  'luu',
  'binh luan',
  'share',
  'tweet',
  'facebook',
  'twitter',
  'zalo',
  'email',
  'print',
  'like',
  'quay lai',
  've dau trang',
  'len dau trang',
  'theo doi chung toi',
  'theo doi',
  'tro ve',
  'gop y',
  'bao loi',
  'tag',
  'tags',
  'tu khoa',
]);

function isButtonLine(line: string): boolean {
  const parts = fold(line)
    .split(/\s*[|/·•,;]\s*|\s{2,}/)
    .map((p) => p.replace(/[:.!]+$/, '').trim())
    .filter(Boolean);
  return parts.length > 0 && parts.every((p) => BUTTONS.has(p));
}

/** A link title in a "Xem thêm" list: short, and not ending like a sentence. */
function isLinkTitle(line: string): boolean {
  const t = line.replace(/^[-–•*+>\s]+/, '').trim();
  return t.length > 0 && t.length <= 180 && !/[.!;:]$/.test(t.replace(/(?:\.\.\.|…)$/, ''));
}

/**
 * A byline: a reporter's name or an agency, alone on the last line ("PV", "Nguyễn Văn A",
 * "Minh Anh - Thu Hà", "PV/TTXVN", "Theo TTXVN", "Nguồn: Báo Hải Phòng"). At most six words, every
 * name word capitalised, no figures, no sentence punctuation.
 */
function isByline(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 60 || /\d/.test(t) || /[.!?;:,]$/.test(t)) return false;
  const attribution = /^(?:theo|nguon)\s*:?\s+/.exec(fold(t));
  const name = attribution ? t.slice(attribution[0].length) : t;
  const words = name.split(/[\s/\-–(),]+/).filter(Boolean);
  if (words.length === 0 || words.length > 6) return false;
  // An attribution names a publication ("Theo báo Nhân Dân"), so only its first letter must be a capital there.
  return attribution ? words.some((w) => /^\p{Lu}/u.test(w)) : words.every((w) => /^\p{Lu}/u.test(w));
}

/**
 * Patterns run on the diacritic-free form, where "Ảnh" (photo) and "Anh" (brother) look alike: the
 * original must really say "ảnh" (or "photo").
 */
function saysPhoto(original: string): boolean {
  return normalizeForMatch(original).includes('ảnh') || /photo/i.test(original);
}

/**
 * Lines longer than this are paragraphs: no caption, button row or link line is as long, so only
 * a trailing photo credit is looked for in them (a one-line export may be megabytes long, and
 * folding it whole for each test took minutes).
 */
const MAX_FURNITURE_LINE = 1000;
/** A trailing credit is short: it lies within this many characters of the line's end. */
const CREDIT_TAIL = 200;

/** The line without its photo credit, or null when the whole line is a caption. */
function cleanCaption(line: string): string | null {
  const tailStart = Math.max(0, line.length - CREDIT_TAIL);
  const folded = removeDiacritics(line.slice(tailStart)).toLowerCase();
  let credit = CAPTION_CREDIT.exec(folded) ?? CAPTION_TRAILING.exec(folded);
  // A match at the start of a tail that begins with a letter came from the line-start branch (^): not a line start here.
  if (credit && tailStart > 0 && credit.index === 0 && /^\p{L}/u.test(credit[0])) credit = null;
  // removeDiacritics keeps one character per character for NFC text, so indexes apply to the original.
  const at = credit ? tailStart + credit.index : -1;
  if (credit && !saysPhoto(line.slice(at))) credit = null;
  if (credit) {
    if (line.length <= MAX_CAPTION) return null;
    const keepStop = /^[.!?]/.test(credit[0]) ? 1 : 0;
    return line.slice(0, at + keepStop).trimEnd();
  }
  if (line.length <= 120 && CREDIT_LINE.test(fold(line)) && saysPhoto(line.slice(0, 16))) return null;
  return line;
}

/**
 * Removes page furniture from an article's lines and returns the remaining text (paragraphs kept,
 * runs of blank lines collapsed). Input should be NFC with LF line ends.
 */
export function stripFurniture(text: string): string {
  let lines = text.split('\n').map((l) => l.trimEnd());

  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      kept.push('');
      continue;
    }
    if (line.length <= MAX_FURNITURE_LINE) {
      const folded = fold(line);
      if (LINK_LIST_HEADING.test(folded)) {
        // Skip the heading and the link titles under it, stopping at the first real paragraph.
        let j = i + 1;
        while (j < lines.length && j - i <= 20 && (lines[j]!.trim() === '' || isLinkTitle(lines[j]!))) j++;
        i = j - 1;
        continue;
      }
      if (INLINE_LINK.test(folded) && line.length <= 200) continue;
      if (isButtonLine(line)) continue;
    }
    const cleaned = cleanCaption(line);
    // Whole caption lines go first (above); what is left may still carry a credit inside a paragraph.
    if (cleaned !== null) kept.push(stripInlinePhotoCredits(cleaned));
  }
  lines = kept;

  // A byline is only furniture at the very end: the same words mid-article may be a heading.
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const last = lines.length - 1;
  if (last > 0 && isByline(lines[last]!)) {
    lines.pop();
    while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  }

  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '');
}

const CREDIT_WORD = String.raw`(?:Nguồn )?Ảnh(?: minh (?:họa|hoạ))?\s*:`;
/** News outlets and agencies whose names end a credit for certain ("Ảnh: VTC News Giá rớt…"). */
const OUTLETS = [
  'VTC News',
  'VnExpress',
  'Vietnamnet',
  'VietNamNet',
  'Zing.vn',
  'Zing',
  'Dân trí',
  'Dân Trí',
  'Tuổi Trẻ',
  'Thanh Niên',
  'Tiền Phong',
  'Người Lao Động',
  'Lao Động',
  'Pháp Luật',
  'VietnamPlus',
  'Vietnam+',
  'Infonet',
  'Kenh14',
  'Soha',
  'VTV',
  'VOV',
  'SGGP',
  'NLĐ',
  'PLO',
  'Getty Images',
  'Getty',
  'AFP',
  'Reuters',
  'AP',
  'Xinhua',
  'Internet',
  'Tư liệu',
  'TL',
  'CTV',
].map((o) => o.replace(/[.+]/g, '\\$&'));
/** A capitalised word of a name ("Hoàng", "Waseda", "DigitalTrends"), with the space after it. */
const NAME_WORD = String.raw`\p{Lu}[\p{L}\p{N}'’-]*\s+`;
/**
 * Capitalised words that open a sentence and are never part of a photographer's name: in "Ảnh: Mỹ
 * Hà Trong số các đội…" the credit ends before "Trong". Left out: "Anh" and "Năm" (given names),
 * "Ông" and "Bà" (also in "Cá Ông", "Bà Rịa").
 */
const SENTENCE_OPENERS = [
  'Theo',
  'Trong',
  'Tại',
  'Sau',
  'Khi',
  'Để',
  'Với',
  'Từ',
  'Các',
  'Những',
  'Nhiều',
  'Hiện',
  'Đây',
  'Đó',
  'Chị',
  'Người',
  'Ngày',
  'Trước',
  'Tuy',
  'Nhưng',
  'Còn',
  'Cũng',
  'Do',
  'Vì',
  'Nếu',
  'Dù',
  'Đến',
  'Cùng',
  'Ngoài',
  'Riêng',
  'TS',
  'PGS',
  'GS',
  'ThS',
  'Thủ',
  'Bộ',
  'Sở',
  'UBND',
  'Tổng',
  'Chủ',
  'Phó',
  'Giám',
  'Lãnh',
];
/**
 * A photo credit inside running text, in the shapes whose end is certain: "(Ảnh: Hoàng Ngọc/TTXVN)"
 * in brackets; "Ảnh: Zing", "Nguồn Internet" naming an outlet; "Ảnh: Quốc Việt - TTXVN" ending
 * with the agency's name; "Ảnh: Thái Hiền." a short name closed by a full stop; "Ảnh: Mỹ Hà Trong
 * số…" a short name before a word that opens sentences; "Ảnh: Yến Dư" followed by the double
 * space news sites leave where the caption block ended. One pattern, so the text is scanned once.
 */
const INLINE_CREDIT = new RegExp(
  // A caption often ends in " - " before its credit: the dash goes with it.
  String.raw`\s*(?:[-–]\s*)?(?:` +
    [
      String.raw`\(${CREDIT_WORD}[^()\n]{0,80}\)`,
      String.raw`(?:${CREDIT_WORD}|(?:Nguồn )?Ảnh|Nguồn:?)\s*(?:${OUTLETS.join('|')})(?![\p{L}\p{N}])`,
      String.raw`Ảnh minh (?:họa|hoạ)\.(?=\s)`,
      String.raw`${CREDIT_WORD}\s*[^.()\n]{0,50}?(?:TTXVN\/VNA|TTXVN|VNA)\b`,
      // Not after an initial: "Ảnh: Q. Lan" goes on.
      String.raw`${CREDIT_WORD}\s*(?:${NAME_WORD}){0,4}\p{Lu}[\p{L}\p{N}'’-]+\.(?=\s|$)`,
      String.raw`${CREDIT_WORD}\s*(?:${NAME_WORD}){1,4}?(?=(?:${SENTENCE_OPENERS.join('|')})\s)`,
      String.raw`${CREDIT_WORD}\s*[^.()\n]{1,50}?(?=\s{2,})`,
    ].join('|') +
    ')',
  'gu',
);

/**
 * Removes photo credits embedded in running text, as news exports flatten captions into the body
 * ("… thị trường hàng hóa. Ảnh: Quốc Việt - TTXVN  Đầu tư của tỉnh …"). Only credits whose end is
 * certain are removed (see {@link INLINE_CREDIT}); "Ảnh: Yến Dư Nhìn nhận…" stays, since the name
 * cannot be told from the sentence that follows. A caption that ran into the next sentence without
 * a full stop gets one back.
 */
export function stripInlinePhotoCredits(text: string): string {
  // Most texts credit no photo, and a pattern that opens with \s* is tried at every position: the
  // plain search skips them at a fraction of the cost.
  if (!text.includes('Ảnh') && !text.includes('Nguồn')) return text;
  return text.replace(INLINE_CREDIT, (credit: string, offset: number) => {
    const before = text.slice(0, offset).trimEnd();
    const after = text.slice(offset + credit.length).trimStart();
    const captionRunsOn = before !== '' && !/[.!?…:;(]$/.test(before) && /^\p{Lu}/u.test(after) && !credit.trimStart().startsWith('(');
    // A credit that took the space after it ("Ảnh: Mỹ Hà ") leaves one between its neighbours.
    const space = /\s$/.test(credit) ? ' ' : '';
    return `${captionRunsOn ? '.' : ''}${space}`;
  });
}
