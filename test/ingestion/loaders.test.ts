import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { stripFurniture } from '../../src/ingestion/furniture.js';
import { loadFile } from '../../src/ingestion/load-file.js';
import type { LoadResult, SourceDocument } from '../../src/ingestion/types.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'loaders-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes `content` to a temp file named `name` and loads it as if found at `name` in the corpus. */
async function loadContent(name: string, content: string | Uint8Array): Promise<LoadResult> {
  const path = join(tmp, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return loadFile(path, name);
}

function fixture(dir: 'loaders' | 'bad-files', name: string): Promise<LoadResult> {
  return loadFile(join(FIXTURES, dir, name), name);
}

function docsOf(result: LoadResult): SourceDocument[] {
  if (!result.ok) throw new Error(`expected documents, got skipped: ${result.reason}`);
  return result.documents;
}

function reasonOf(result: LoadResult): string {
  if (result.ok) throw new Error(`expected the file to be skipped, got ${result.documents.length} documents`);
  return result.reason;
}

describe('Markdown briefings', () => {
  it('take title, date, region, source and url from front matter, and drop photo captions, byline and "Xem thêm"', async () => {
    const [doc] = docsOf(await fixture('loaders', 'hai-phong-fdi.md'));
    expect(doc).toMatchObject({
      id: 'hai-phong-fdi',
      title: 'Hải Phòng thu hút 3,055 tỷ USD vốn FDI',
      date: '2023-10-19',
      region: 'Hải Phòng',
      source: 'TTXVN',
      url: 'https://example.org/hai-phong-fdi',
    });
    expect(doc!.text).toContain('Thu hút đầu tư nước ngoài FDI đạt 3,055 tỷ USD, tăng 140,3%.');
    expect(doc!.text).toContain('Đoàn công tác của Hà Nội cũng dự.'); // emphasis marks gone, words kept
    expect(doc!.text).not.toContain('Ảnh');
    expect(doc!.text).not.toContain('Xem thêm');
    expect(doc!.text).not.toMatch(/\bPV\b/);
    expect(doc!.text).not.toContain('](');
  });

  it('without front matter use the first # heading as the title and do not repeat it in the body', async () => {
    const [doc] = docsOf(await loadContent('da-nang.md', '# Đà Nẵng đón 1 triệu khách\n\nĐà Nẵng đón 1 triệu lượt khách quốc tế.\n'));
    expect(doc!.title).toBe('Đà Nẵng đón 1 triệu khách');
    expect(doc!.text).toBe('Đà Nẵng đón 1 triệu lượt khách quốc tế.');
  });

  it('join hard-wrapped lines of a paragraph and keep list items on their own lines', async () => {
    const md = 'Tiêu đề\n\nCâu thứ nhất được ngắt\ndòng giữa chừng.\n\n- Dự án một\n- Dự án hai\n';
    const [doc] = docsOf(await loadContent('wrapped.md', md));
    expect(doc!.text).toBe('Câu thứ nhất được ngắt dòng giữa chừng.\n\nDự án một\n\nDự án hai');
  });

  it('understand a date written the Vietnamese way and a region spelled without diacritics', async () => {
    const md = '---\ntitle: Tin mẫu\ndate: 19/10/2023\nregion: TP.HCM\n---\nNội dung.\n';
    const [doc] = docsOf(await loadContent('vn-date.md', md));
    expect(doc).toMatchObject({ date: '2023-10-19', region: 'TP Hồ Chí Minh' });
  });

  it('keep the document but warn when the front-matter date is not a date', async () => {
    const result = await loadContent('bad-date.md', '---\ntitle: Tin mẫu\ndate: hôm qua\n---\nNội dung.\n');
    expect(docsOf(result)[0]!.date).toBeUndefined();
    expect(result.ok && result.warnings?.[0]).toMatch(/date "hôm qua" is not a date/);
  });

  it('are reported, not loaded, when the front matter is not closed or not valid YAML', async () => {
    expect(reasonOf(await fixture('bad-files', 'unclosed-front-matter.md'))).toMatch(/never closed/);
    expect(reasonOf(await fixture('bad-files', 'bad-yaml.md'))).toMatch(/malformed YAML front matter at line \d/);
  });
});

describe('plain-text briefings', () => {
  it('use the first line as the title and strip captions, link lists and the byline but keep every content sentence', async () => {
    const [doc] = docsOf(await fixture('loaders', 'quang-ninh-du-lich.txt'));
    expect(doc!.id).toBe('quang-ninh-du-lich');
    expect(doc!.title).toBe('Quảng Ninh đón 10 triệu lượt khách');
    expect(doc!.text).toContain('Sở Du lịch Quảng Ninh cho biết tỉnh đã đón 10 triệu lượt khách, tăng 20%.');
    expect(doc!.text).toContain('Doanh thu du lịch đạt 18.000 tỷ đồng.');
    expect(doc!.text).not.toContain('Hạ Long mở tuyến');
    expect(doc!.text).not.toContain('Minh Anh');
    expect(doc!.text.split('\n').filter((l) => l.trim() === 'Ảnh minh họa')).toHaveLength(0);
  });

  it('recognise the news-page layout of the seed briefing (section line, headline, place line)', async () => {
    // The reference briefing exactly as published (a copy of ../shared/data/seed), so this runs in any clone.
    const content = readFileSync(join(import.meta.dirname, '../fixtures/seed/hai-phong-2023-10-19.txt'), 'utf8');
    const [doc] = docsOf(await loadContent('hai-phong-2023-10-19.txt', content));
    expect(doc!.title).toBe('Tập trung thực hiện các mục tiêu phát triển kinh tế, xã hội');
    expect(doc!.region).toBe('Hải Phòng');
    expect(doc!.text.startsWith('Nhiều ý kiến phát biểu của lãnh đạo thành phố Hải Phòng')).toBe(true); // the lead stays
    expect(doc!.text).toContain('Thu hút đầu tư nước ngoài FDI đạt 3,055 tỷ USD, tăng 140,3%.');
    expect(doc!.text).not.toContain('Chỉ đạo, Điều hành');
    expect(doc!.text).not.toContain('(Ảnh:');
    expect(doc!.text).not.toContain('Xem thêm');
    expect(doc!.text.endsWith('Quần đảo Cát Bà./.')).toBe(true); // the "PV" byline is gone
  });

  it('are normalised: byte-order mark removed, CRLF turned into LF, text composed (NFC)', async () => {
    const decomposed = 'Ha\u0309i Pho\u0300ng'; // "Hải Phòng" typed with combining marks
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`Tiêu đề\r\n\r\n${decomposed} tăng trưởng.\r\n`, 'utf8')]);
    const [doc] = docsOf(await loadContent('crlf.txt', bytes));
    expect(doc!.title).toBe('Tiêu đề');
    expect(doc!.text).toBe('Hải Phòng tăng trưởng.');
    expect(doc!.text).not.toMatch(/\r|\uFEFF/);
  });
});

describe('HTML pages', () => {
  it('keep only the article text: no script, style, navigation, header, footer, sidebar or figure caption', async () => {
    const [doc] = docsOf(await fixture('loaders', 'can-tho-page.html'));
    expect(doc!.text).toContain('thành phố Cần Thơ đã giải ngân 4.200 tỷ đồng vốn đầu tư công, đạt 80% kế hoạch.');
    // entity decoded, inline tag joined
    expect(doc!.text).toContain('Các dự án giao thông chiếm hơn nửa số vốn & được ưu tiên bố trí trước.');
    expect(doc!.text).toContain('Dự án cầu Trần Hoàng Na\n\nĐường Vành đai phía Tây'); // list items become lines
    for (const furniture of [
      'Mã theo dõi',
      'CSS',
      'color: red',
      'Điều hướng',
      'Trang chủ',
      'Bản quyền',
      'Quảng cáo',
      'Tin liên quan',
      '(Ảnh:',
    ]) {
      expect(doc!.text).not.toContain(furniture);
    }
  });

  it('take the title from <h1>, and date, url and source from meta tags', async () => {
    const [doc] = docsOf(await fixture('loaders', 'can-tho-page.html'));
    expect(doc).toMatchObject({
      id: 'can-tho-page',
      title: 'Cần Thơ giải ngân 80% vốn đầu tư công',
      date: '2023-11-02',
      url: 'https://bao-mau.example/can-tho-giai-ngan',
      source: 'Báo Mẫu',
    });
    expect(doc!.text).not.toContain('Cần Thơ giải ngân 80% vốn đầu tư công'); // the headline is not repeated
  });

  it('fall back to <title> (without the site name) and <body> when there is no <article> or <h1>', async () => {
    const html =
      '<html><head><title>Bình Dương thu hút FDI | Báo Mẫu</title></head><body><div>Bình Dương thu hút 2 tỷ USD.</div></body></html>';
    const [doc] = docsOf(await loadContent('binh-duong.HTM', html));
    expect(doc!.title).toBe('Bình Dương thu hút FDI');
    expect(doc!.text).toBe('Bình Dương thu hút 2 tỷ USD.');
  });

  it('are reported when nothing but scripts and navigation is left', async () => {
    const html = '<html><body><nav>Menu</nav><script>x()</script></body></html>';
    expect(reasonOf(await loadContent('empty-page.html', html))).toMatch(/no article text/);
  });
});

describe('JSON and JSONL files', () => {
  it('load an array, giving ids to items without one and canonical region names, and report an item without text', async () => {
    const result = await fixture('loaders', 'briefings.json');
    const docs = docsOf(result);
    expect(docs.map((d) => d.id)).toEqual(['dn-2017-01', 'briefings#1']);
    expect(docs[0]).toMatchObject({
      title: 'Đà Nẵng thu ngân sách vượt kế hoạch',
      region: 'Đà Nẵng',
      source: 'Báo Mẫu',
      date: '2017-12-30',
    });
    expect(docs[1]!.region).toBe('TP Hồ Chí Minh');
    expect(result.ok && result.warnings).toEqual(['item 2 skipped: missing "text" (the body of the briefing) and "summary"']);
  });

  it('load a single document object; one without "text" or "summary" is skipped with that reason', async () => {
    const [doc] = docsOf(
      await loadContent(
        'mot-bai.json',
        JSON.stringify({ title: 'Hà Nam', text: 'Hà Nam khởi công khu công nghiệp.', summary: 'Tóm tắt.' }),
      ),
    );
    expect(doc).toMatchObject({ id: 'mot-bai', title: 'Hà Nam', text: 'Hà Nam khởi công khu công nghiệp.', summary: 'Tóm tắt.' });
    expect(reasonOf(await loadContent('no-text.json', JSON.stringify({ id: 'x2', title: 'Không có nội dung' })))).toMatch(/missing "text"/);
    // With a summary but no text, the summary is the body.
    expect(docsOf(await fixture('bad-files', 'missing-text.json'))[0]).toMatchObject({ id: 'x1', text: 'Tóm tắt thôi.' });
  });

  it('title a document without a title by its first line', async () => {
    const [doc] = docsOf(await loadContent('no-title.json', JSON.stringify({ id: 7, text: 'Long An xuất khẩu gạo tăng.\nĐoạn hai.' })));
    expect(doc).toMatchObject({ id: '7', title: 'Long An xuất khẩu gạo tăng.' });
  });

  it('report malformed JSON with its line and column', async () => {
    expect(reasonOf(await fixture('bad-files', 'malformed.json'))).toMatch(/^malformed JSON at line 3, column \d+/);
  });

  it('keep the good lines of a JSONL file and warn about each bad one by line number', async () => {
    const result = await fixture('bad-files', 'one-bad-line.jsonl');
    expect(docsOf(result).map((d) => d.id)).toEqual(['good-1', 'good-2']);
    const warnings = result.ok ? (result.warnings ?? []) : [];
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^line 2 skipped: malformed JSON/);
    expect(warnings[1]).toMatch(/^line 4 skipped: missing "text"/);
  });

  it('give JSONL lines without an id a stable id from the file and line number, and keep only the first of a repeated id', async () => {
    const lines = [
      JSON.stringify({ title: 'A', text: 'Bài A.' }),
      '',
      JSON.stringify({ title: 'B', text: 'Bài B.' }),
      JSON.stringify({ id: 'x', title: 'C', text: 'Bài C.' }),
      JSON.stringify({ id: 'x', title: 'D', text: 'Bài D.' }),
    ].join('\n');
    const first = await loadContent('news/feed.jsonl', lines);
    const again = await loadContent('news/feed.jsonl', lines);
    expect(docsOf(first).map((d) => d.id)).toEqual(['news/feed#1', 'news/feed#3', 'x']);
    expect(docsOf(again).map((d) => d.id)).toEqual(docsOf(first).map((d) => d.id));
    expect(first.ok && first.warnings).toEqual(['duplicate id "x": only its first document is kept']);
  });

  it('skip a JSONL file with no valid line, saying why', async () => {
    expect(reasonOf(await loadContent('all-bad.jsonl', '{oops\nnot json\n'))).toMatch(
      /^no valid documents in the file: line 1 skipped: malformed JSON/,
    );
  });

  it('report a field of the wrong type by name', async () => {
    expect(reasonOf(await loadContent('wrong-type.json', JSON.stringify({ title: ['a'], text: 'x' })))).toMatch(
      /field "title" has the wrong type/,
    );
  });
});

describe('bad files', () => {
  it('an empty file is skipped as empty', async () => {
    expect(reasonOf(await fixture('bad-files', 'empty.txt'))).toBe('empty file');
  });

  it('a whitespace-only file is skipped as empty', async () => {
    expect(reasonOf(await fixture('bad-files', 'whitespace-only.md'))).toMatch(/^empty file/);
  });

  it('a binary file with a text extension is skipped as binary', async () => {
    expect(reasonOf(await fixture('bad-files', 'archive-renamed.txt'))).toMatch(/binary/);
  });

  it('a file in another encoding is skipped with advice to save it as UTF-8', async () => {
    expect(reasonOf(await fixture('bad-files', 'latin1.txt'))).toMatch(/not valid UTF-8.*save it as UTF-8/);
  });

  it('an unsupported extension is skipped, listing the supported ones', async () => {
    expect(reasonOf(await fixture('bad-files', 'notes.xyz'))).toBe(
      'unsupported file type .xyz (supported: .md .txt .html .htm .json .jsonl)',
    );
  });

  it('extensions are matched case-insensitively', async () => {
    const [doc] = docsOf(await loadContent('UPPER.TXT', 'Tiêu đề\n\nNội dung.'));
    expect(doc!.id).toBe('UPPER');
  });

  it('a missing file is reported, not thrown', async () => {
    expect(reasonOf(await loadFile(join(tmp, 'gone.md'), 'gone.md'))).toMatch(/^unreadable: file not found/);
  });

  it('an unreadable file (no read permission) is reported as permission denied', async () => {
    const path = join(tmp, 'secret.md');
    writeFileSync(path, '# Tiêu đề\n\nNội dung.');
    chmodSync(tmp, 0o755); // only the file itself is unreadable, not the folder
    chmodSync(path, 0o000);
    try {
      expect(reasonOf(await loadAsUnprivilegedUser(path, 'secret.md'))).toMatch(/^unreadable: permission denied/);
    } finally {
      chmodSync(path, 0o644);
    }
  });
});

/**
 * Loads a file as an ordinary user. Root reads any file whatever its permissions, so when the tests run
 * as root (containers, CI) the load runs in a child process as user "nobody" (uid 65534).
 */
async function loadAsUnprivilegedUser(absPath: string, relPath: string): Promise<LoadResult> {
  if (process.getuid?.() !== 0) return loadFile(absPath, relPath);
  const moduleUrl = new URL('../../src/ingestion/load-file.ts', import.meta.url).href;
  const script =
    `const { loadFile } = await import(${JSON.stringify(moduleUrl)}); ` +
    `console.log(JSON.stringify(await loadFile(${JSON.stringify(absPath)}, ${JSON.stringify(relPath)})));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    uid: 65534,
    gid: 65534,
    cwd: join(import.meta.dirname, '../..'),
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`child process failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as LoadResult;
}

describe('page furniture', () => {
  it('drops captions, credit lines, share buttons and a trailing link list and byline', () => {
    const text = [
      'Đoạn mở đầu về kinh tế tỉnh.',
      '',
      'Quang cảnh hội nghị. (Ảnh: Hoàng Ngọc/TTXVN)',
      'Ảnh: TTXVN',
      'Chia sẻ | In bài',
      '',
      'Đoạn thứ hai có số liệu 3,055 tỷ USD.',
      '',
      'Tin liên quan',
      'Hải Phòng thu hút FDI',
      'Đà Nẵng đón khách',
      '',
      'Nguyễn Văn A',
    ].join('\n');
    expect(stripFurniture(text)).toBe('Đoạn mở đầu về kinh tế tỉnh.\n\nĐoạn thứ hai có số liệu 3,055 tỷ USD.');
  });

  it('keeps content that only looks like furniture', () => {
    const text = [
      'Ông B (anh trai của nạn nhân) cho biết thêm.',
      'Anh: chị Lan là người đầu tiên phát hiện', // not a photo credit: "Anh" (brother), no diacritic
      'Hội nghị kết thúc lúc 17 giờ.',
    ].join('\n');
    expect(stripFurniture(text)).toBe(text);
  });

  it('keeps a long paragraph that ends with a photo credit, removing only the credit', () => {
    const long = `${'Tổng vốn đầu tư toàn xã hội đạt 134.000 tỷ đồng, tăng 12,25%. '.repeat(6)}(Ảnh: TTXVN)`;
    expect(stripFurniture(long)).toBe(long.replace(' (Ảnh: TTXVN)', ''));
  });

  it('keeps a last line that is a sentence, and a short final heading-like line in lower case', () => {
    expect(stripFurniture('Đoạn một.\n\nHội nghị kết thúc.')).toBe('Đoạn một.\n\nHội nghị kết thúc.');
    expect(stripFurniture('Đoạn một.\n\nKết quả chung cuộc')).toBe('Đoạn một.\n\nKết quả chung cuộc');
  });
});
