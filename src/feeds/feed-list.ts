/**
 * The feeds an admin lists: a feeds file (one URL per line, `#` comments, an optional region after
 * the URL) and URLs given on the command line.
 */
import fs from 'node:fs';
import { ConfigError } from '../config/parse-env.js';
import type { SkippedFile } from '../ingestion/types.js';
import { canonicalRegion } from '../text/regions.js';
import { httpUrl } from './http-url.js';

/** A feed (or a single article page) to read, with the region its items are about when the admin says so. */
export interface FeedEntry {
  url: string;
  region?: string;
}

export interface FeedList {
  entries: FeedEntry[];
  /** Lines that could not be used (path `feeds.txt:3`), for the summary. */
  problems: SkippedFile[];
}

/** True when a command-line input is a web address rather than a path. */
export function isWebAddress(input: string): boolean {
  return /^https?:\/\//i.test(input.trim());
}

/**
 * Reads a feeds file. Each line: a URL, then optionally the region its items are about
 * (`https://baohaiphong.vn/rss/kinh-te.rss Hải Phòng`). Blank lines and `#` comments (whole lines
 * or after the URL) are ignored; a line that is not a URL is reported and skipped.
 */
export function parseFeedList(text: string, fileName: string): FeedList {
  const entries: FeedEntry[] = [];
  const problems: SkippedFile[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const [first, ...rest] = line.split(/\s+/);
    const url = httpUrl(first);
    if (!url) {
      problems.push({ path: `${fileName}:${i + 1}`, reason: `"${first}" is not an http(s) URL; line skipped` });
      return;
    }
    if (seen.has(url)) return;
    seen.add(url);
    const region = rest.join(' ').normalize('NFC').trim();
    entries.push(region ? { url, region: canonicalRegion(region) ?? region } : { url });
  });
  return { entries, problems };
}

/** Reads the feeds file at `file`; an unreadable file is a configuration error the admin must fix. */
export function readFeedList(file: string): FeedList {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the feeds file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseFeedList(text, file);
}
