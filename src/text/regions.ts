/**
 * Vietnam's 63 provinces and centrally-governed cities (the list in force from 2008 to 2025, as used
 * in the 2017 and 2023 news), with the spellings newspapers and users actually write, and a matcher
 * that finds them in briefings and in questions typed with or without diacritics.
 */
import { normalizeForMatch, removeDiacritics } from './normalize.js';
import { allMatches } from './all-matches.js';

/**
 * How a name can be confused with ordinary words:
 * - `none`: a province name and nothing else;
 * - `capital`: also an ordinary phrase ("hòa bình" peace, "cao bằng" as high as), so it must be capitalised;
 * - `context`: only a province with a prefix ("TP Hồ Chí Minh"); bare in running text it is usually the
 *   President's name, but in a question it means the city.
 */
type Ambiguity = 'none' | 'capital' | 'context';

interface RegionSpec {
  name: string;
  /** Other spellings; the canonical name is always matched too. */
  variants?: string[];
  ambiguity?: Ambiguity;
  /** Spellings that are only a region in questions (see `context`). */
  questionVariants?: string[];
}

const SPECS: RegionSpec[] = [
  // Centrally-governed cities.
  { name: 'Hà Nội', variants: ['Hanoi', 'Thủ đô Hà Nội', 'TP Hà Nội', 'Thành phố Hà Nội'] },
  {
    name: 'TP Hồ Chí Minh',
    variants: [
      'TP.HCM',
      'TPHCM',
      'TP HCM',
      'TP. Hồ Chí Minh',
      'Thành phố Hồ Chí Minh',
      'HCM',
      'HCMC',
      'Sài Gòn',
      'Saigon',
      'TP.Hồ Chí Minh',
    ],
    questionVariants: ['Hồ Chí Minh'],
  },
  { name: 'Hải Phòng', variants: ['Haiphong', 'TP Hải Phòng', 'Thành phố Hải Phòng'] },
  { name: 'Đà Nẵng', variants: ['Danang', 'TP Đà Nẵng', 'Thành phố Đà Nẵng'] },
  { name: 'Cần Thơ', variants: ['Cantho', 'TP Cần Thơ', 'Thành phố Cần Thơ'] },
  // Provinces.
  { name: 'An Giang' },
  { name: 'Bà Rịa - Vũng Tàu', variants: ['Bà Rịa Vũng Tàu', 'BR-VT', 'BRVT', 'Vũng Tàu'] },
  { name: 'Bắc Giang' },
  { name: 'Bắc Kạn', variants: ['Bắc Cạn'] },
  { name: 'Bạc Liêu' },
  { name: 'Bắc Ninh' },
  { name: 'Bến Tre' },
  { name: 'Bình Định', variants: ['Quy Nhơn', 'Qui Nhơn'] },
  { name: 'Bình Dương' },
  { name: 'Bình Phước' },
  { name: 'Bình Thuận', variants: ['Phan Thiết'] },
  { name: 'Cà Mau' },
  { name: 'Cao Bằng', ambiguity: 'capital' },
  { name: 'Đắk Lắk', variants: ['Đắc Lắc', 'Đăk Lăk', 'Đắk Lăk', 'Đăk Lắk', 'Daklak', 'Buôn Ma Thuột', 'Buôn Mê Thuột'] },
  { name: 'Đắk Nông', variants: ['Đắc Nông', 'Đăk Nông', 'Daknong'] },
  { name: 'Điện Biên' },
  { name: 'Đồng Nai', variants: ['Biên Hòa'] },
  { name: 'Đồng Tháp' },
  { name: 'Gia Lai', variants: ['Pleiku'] },
  { name: 'Hà Giang' },
  { name: 'Hà Nam' },
  { name: 'Hà Tĩnh' },
  { name: 'Hải Dương' },
  { name: 'Hậu Giang' },
  { name: 'Hòa Bình', ambiguity: 'capital' },
  { name: 'Hưng Yên' },
  { name: 'Khánh Hòa', variants: ['Nha Trang', 'Cam Ranh'] },
  { name: 'Kiên Giang', variants: ['Phú Quốc'] },
  { name: 'Kon Tum', variants: ['Kontum'] },
  { name: 'Lai Châu' },
  { name: 'Lâm Đồng', variants: ['Đà Lạt'] },
  { name: 'Lạng Sơn' },
  { name: 'Lào Cai', variants: ['Sa Pa', 'Sapa'] },
  { name: 'Long An' },
  { name: 'Nam Định' },
  { name: 'Nghệ An' },
  { name: 'Ninh Bình' },
  { name: 'Ninh Thuận' },
  { name: 'Phú Thọ' },
  { name: 'Phú Yên' },
  { name: 'Quảng Bình' },
  { name: 'Quảng Nam', variants: ['Hội An'] },
  { name: 'Quảng Ngãi', variants: ['Dung Quất'] },
  { name: 'Quảng Ninh', variants: ['Hạ Long'] },
  { name: 'Quảng Trị' },
  { name: 'Sóc Trăng' },
  { name: 'Sơn La' },
  { name: 'Tây Ninh' },
  { name: 'Thái Bình' },
  { name: 'Thái Nguyên' },
  { name: 'Thanh Hóa' },
  { name: 'Thừa Thiên Huế', variants: ['Thừa Thiên - Huế', 'TT-Huế', 'TT Huế', 'Huế'] },
  { name: 'Tiền Giang' },
  { name: 'Trà Vinh' },
  { name: 'Tuyên Quang' },
  { name: 'Vĩnh Long' },
  { name: 'Vĩnh Phúc' },
  { name: 'Yên Bái' },
];

/** Canonical names of the 63 provinces and cities, in the order above (cities first). */
export const REGIONS: readonly string[] = SPECS.map((s) => s.name);

/**
 * Phrases that contain a region's name but are not about it: "Thái Bình Dương" is the Pacific Ocean,
 * not Thái Bình nor Bình Dương. Checked on the diacritic-free form around a match.
 */
const NOT_BEFORE: Record<string, RegExp> = {
  'Thái Bình': /^[\s-]*duong(?![\p{L}\p{N}])/u,
};
const NOT_AFTER: Record<string, RegExp> = {
  'Bình Dương': /(?<![\p{L}\p{N}])thai\s+$/u,
};

/**
 * Family names (and the middle names "Văn", "Thị"): a province name right after one is part of a
 * person's name, as in "Phó Thủ tướng Trương Hòa Bình" or "ông Nguyễn Thái Bình".
 */
const NAME_BEFORE = new Set(
  [
    'Nguyễn',
    'Trần',
    'Lê',
    'Phạm',
    'Hoàng',
    'Huỳnh',
    'Phan',
    'Vũ',
    'Võ',
    'Đặng',
    'Bùi',
    'Đỗ',
    'Hồ',
    'Ngô',
    'Dương',
    'Lý',
    'Trương',
    'Đinh',
    'Lương',
    'Mai',
    'Tạ',
    'Đoàn',
    'Trịnh',
    'Quách',
    'Tô',
    'Văn',
    'Thị',
    'Chu',
    'Kiều',
    'Lại',
  ].map((n) => normalizeForMatch(n)),
);

/** The word just before `start` in the original text, when only spaces separate it from the match. */
function wordBefore(text: string, start: number): string | undefined {
  return /([\p{L}\p{M}]+)[ \t]+$/u.exec(text.slice(Math.max(0, start - 20), start))?.[1];
}

interface Variant {
  region: string;
  /** Syllables of the variant with diacritics, normalised for matching; empty for ASCII-only spellings. */
  accented: string[];
  ambiguity: Ambiguity;
  questionOnly: boolean;
}

/** Letters of a name, lower case, in the accented matching form, split into syllables. */
function syllables(s: string): string[] {
  return normalizeForMatch(s).match(/[\p{L}\p{M}]+/gu) ?? [];
}

/** Diacritic-free lower-case key with separators ignored, e.g. "Bà Rịa-Vũng Tàu" → "ba ria vung tau". */
function plainKey(s: string): string {
  return syllables(removeDiacritics(s)).join(' ');
}

const BY_KEY = new Map<string, Variant[]>();
for (const spec of SPECS) {
  const add = (spelling: string, questionOnly: boolean, ambiguity: Ambiguity) => {
    const key = plainKey(spelling);
    const list = BY_KEY.get(key) ?? [];
    const accented = syllables(spelling);
    list.push({ region: spec.name, accented, ambiguity, questionOnly });
    BY_KEY.set(key, list);
  };
  add(spec.name, false, spec.ambiguity ?? 'none');
  for (const v of spec.variants ?? []) add(v, false, 'none');
  for (const v of spec.questionVariants ?? []) add(v, true, 'context');
}

/** Escaped pattern for one key: syllables separated by spaces, dots or dashes ("TP.HCM", "BR-VT"). */
function keyPattern(key: string): string {
  return key
    .split(' ')
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('(?:\\s*[-–—.]\\s*|\\s+)');
}

// Longest keys first so "bà rịa vũng tàu" wins over "vũng tàu" at the same position.
const KEYS = [...BY_KEY.keys()].sort((a, b) => b.length - a.length);
const MATCHER = new RegExp(`(?<![\\p{L}\\p{N}])(?:${KEYS.map(keyPattern).join('|')})(?![\\p{L}\\p{N}])`, 'gu');

/**
 * The text folded to diacritic-free lower case, with a map from each folded character back to its
 * position in the original, so matches can be checked against the original spelling.
 */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = removeDiacritics(ch).toLowerCase();
    // A stray combining mark folds to nothing; keep one-to-one positions for everything else.
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
    i += ch.length;
  }
  origin.push(i);
  return { folded, origin };
}

/**
 * Whether a spelling written with diacritics is this variant: every syllable that carries a mark must
 * carry the same marks ("Hải Phòng" yes; "hai phòng", two rooms, no: mixing is not a name).
 */
function accentsAgree(original: string, variant: Variant): boolean {
  const written = syllables(original);
  const marked = written.some((s) => removeDiacritics(s) !== s);
  if (!marked) return true;
  if (variant.accented.length !== written.length) return false;
  return written.every((s, i) => s === variant.accented[i]);
}

/** Words that may precede a name in lower case in running text ("tại thành phố Hồ Chí Minh"). */
const PREFIX_WORDS = new Set(['tp', 'thanh', 'pho', 'thu', 'do']);

/**
 * True when every syllable of the name proper starts with a capital letter ("Hòa Bình", "TP.HCM",
 * "thành phố Hồ Chí Minh").
 */
function isCapitalised(original: string): boolean {
  const words = original.match(/[\p{L}\p{M}]+/gu) ?? [];
  let i = 0;
  while (i < words.length - 1 && PREFIX_WORDS.has(removeDiacritics(words[i]!).toLowerCase())) i++;
  const core = words.slice(i);
  return core.length > 0 && core.every((w) => /^\p{Lu}/u.test(w));
}

type Mode = 'text' | 'question';

function accepts(original: string, v: Variant, mode: Mode): boolean {
  if (!accentsAgree(original, v)) return false;
  if (mode === 'text') {
    if (v.questionOnly) return false;
    // Names in news text are capitalised; lower-case "hòa bình" is peace, "cao bằng" a comparison.
    return isCapitalised(original);
  }
  if (v.ambiguity === 'capital') return isCapitalised(original);
  return true;
}

/** A region named in a text, with the range (in the NFC text) of its spelling. */
export interface RegionMention {
  region: string;
  start: number;
  end: number;
}

function find(text: string, mode: Mode): RegionMention[] {
  const nfc = text.normalize('NFC');
  const { folded, origin } = fold(nfc);
  const found: RegionMention[] = [];
  for (const m of allMatches(MATCHER, folded)) {
    const start = m.index;
    const end = start + m[0].length;
    const original = nfc.slice(origin[start], origin[end]);
    const variants = BY_KEY.get(plainKey(m[0])) ?? [];
    const hit = variants.find((v) => accepts(original, v, mode));
    if (!hit) continue;
    const prev = wordBefore(nfc, origin[start]!);
    if (prev && /^\p{Lu}/u.test(prev) && NAME_BEFORE.has(normalizeForMatch(prev))) continue;
    const after = NOT_BEFORE[hit.region];
    if (after && after.test(folded.slice(end, end + 12))) continue;
    const before = NOT_AFTER[hit.region];
    if (before && before.test(folded.slice(Math.max(0, start - 12), start))) continue;
    found.push({ region: hit.region, start: origin[start]!, end: origin[end]! });
  }
  return found;
}

function names(mentions: RegionMention[]): string[] {
  return [...new Set(mentions.map((m) => m.region))];
}

/**
 * Provinces and cities named in a briefing's text, as canonical names in order of first appearance,
 * without duplicates. Names must be capitalised as in print, so ordinary words that spell a province
 * ("hòa bình", "cao bằng") are not mistaken for one; "Hồ Chí Minh" alone (the President) is not the city,
 * nor is a person's name ("Trương Hòa Bình").
 */
export function findRegions(text: string): string[] {
  return names(find(text, 'text'));
}

/**
 * Provinces and cities named in a user's question, which may be typed in lower case and without
 * diacritics ("fdi hai phong tang bao nhieu" → ["Hải Phòng"]). Only the truly ambiguous names
 * ("hoa binh" peace, "cao bang" as high as) need a capital; a spelling with diacritics must
 * match the name's ("hai phòng", two rooms, is not Hải Phòng).
 */
export function findRegionsInQuestion(question: string): string[] {
  return names(find(question, 'question'));
}

/** {@link findRegionsInQuestion} with where each name is written (offsets in the NFC question), in order. */
export function findRegionMentionsInQuestion(question: string): RegionMention[] {
  return find(question, 'question');
}

/**
 * The canonical name when `name` is, as a whole, a known spelling of a region ("TP.HCM" →
 * "TP Hồ Chí Minh", "hai phong" → "Hải Phòng"); otherwise undefined.
 */
export function canonicalRegion(name: string): string | undefined {
  const variants = BY_KEY.get(plainKey(name));
  const nfc = name.normalize('NFC').trim();
  return variants?.find((v) => accentsAgree(nfc, v))?.region;
}
