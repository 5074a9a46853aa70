import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Answer, Citation } from '../answer/types.js';

/** A reader's verdict on an answer. */
export type Vote = 'up' | 'down';

/** What is kept of an answer so its buttons work later, after a restart too. */
export interface StoredAnswer {
  id: string;
  /** The question as answered (the standalone one for a follow-up). */
  question: string | null;
  status: Answer['status'];
  citations: Citation[];
  /** The cited passages, for the "📄 Nguồn" button. */
  passages: Answer['passages'];
  at: string;
}

/** One vote as `npm run feedback` lists it. */
export interface VoteRecord {
  at: string;
  vote: Vote;
  questionHash: string;
  docIds: string[];
  /** Only when LOG_QUESTIONS=1 was on when the answer was given. */
  question: string | null;
}

export interface FeedbackSummary {
  up: number;
  down: number;
}

/**
 * Where answers given in chat and the votes on them are kept. Behind this interface so the bots
 * know nothing of SQLite; the file lives in the index folder but apart from the index database,
 * so re-ingesting or rebuilding the index keeps every vote.
 */
export interface FeedbackStore {
  /** Keeps what the answer's buttons need; returns the id the buttons carry. */
  saveAnswer(answer: Answer): string;
  /** The answer a button points at, or null when it has expired (or never existed). */
  answer(id: string): StoredAnswer | null;
  /** Records (or changes) `voter`'s vote on an answer; false when the answer has expired. */
  vote(answerId: string, voter: string, vote: Vote): boolean;
  summary(): FeedbackSummary;
  /** The most recent votes, newest first. */
  recent(limit: number): VoteRecord[];
  close(): void;
}

/** The file that holds feedback inside an index folder. */
export function feedbackPath(indexDir: string): string {
  return path.join(indexDir, 'feedback.sqlite');
}

/** Answers older than this lose their buttons (the votes on them stay). */
const ANSWER_DAYS = 30;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS answers (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  question_hash TEXT NOT NULL,
  question TEXT,
  status TEXT NOT NULL,
  doc_ids TEXT NOT NULL,
  citations TEXT NOT NULL,
  passages TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_at ON answers(at);
CREATE TABLE IF NOT EXISTS votes (
  answer_id TEXT NOT NULL,
  voter_hash TEXT NOT NULL,
  vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
  at TEXT NOT NULL,
  question_hash TEXT NOT NULL,
  question TEXT,
  doc_ids TEXT NOT NULL,
  PRIMARY KEY (answer_id, voter_hash)
);
CREATE INDEX IF NOT EXISTS votes_at ON votes(at);
`;

/** A short, stable fingerprint: the same question always counts as the same, its text is not kept. */
export function hashText(text: string): string {
  return createHash('sha256').update(text.normalize('NFC').trim().toLowerCase()).digest('hex').slice(0, 16);
}

interface AnswerRow {
  id: string;
  at: string;
  question: string | null;
  status: Answer['status'];
  question_hash: string;
  doc_ids: string;
  citations: string;
  passages: string;
}

/** The feedback store in `feedback.sqlite` of an index folder (created on first use). */
export class SqliteFeedbackStore implements FeedbackStore {
  readonly #db: Database.Database;

  private constructor(
    db: Database.Database,
    private readonly keepQuestions: boolean,
    private readonly now: () => Date,
  ) {
    this.#db = db;
  }

  /**
   * Opens (creating if needed) the feedback file of `indexDir`. `keepQuestions` (LOG_QUESTIONS)
   * decides whether question text is stored; otherwise only its hash is.
   */
  static open(indexDir: string, options: { keepQuestions?: boolean; now?: () => Date; readonly?: boolean } = {}): SqliteFeedbackStore {
    if (!options.readonly) fs.mkdirSync(indexDir, { recursive: true });
    const db = new Database(feedbackPath(indexDir), {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      timeout: 5000,
    });
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.exec(SCHEMA);
    }
    return new SqliteFeedbackStore(db, options.keepQuestions ?? false, options.now ?? (() => new Date()));
  }

  saveAnswer(answer: Answer): string {
    const id = randomBytes(6).toString('base64url');
    const at = this.now();
    this.#db
      .prepare(
        'INSERT INTO answers (id, at, question_hash, question, status, doc_ids, citations, passages) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        id,
        at.toISOString(),
        hashText(answer.question),
        this.keepQuestions ? answer.question : null,
        answer.status,
        JSON.stringify(docIds(answer)),
        JSON.stringify(answer.citations),
        JSON.stringify(answer.passages),
      );
    const cutoff = new Date(at.getTime() - ANSWER_DAYS * 86_400_000).toISOString();
    this.#db.prepare('DELETE FROM answers WHERE at < ?').run(cutoff);
    return id;
  }

  answer(id: string): StoredAnswer | null {
    const row = this.#db.prepare('SELECT * FROM answers WHERE id = ?').get(id) as AnswerRow | undefined;
    if (!row) return null;
    return {
      id: row.id,
      question: row.question,
      status: row.status,
      citations: JSON.parse(row.citations) as Citation[],
      passages: JSON.parse(row.passages) as Answer['passages'],
      at: row.at,
    };
  }

  vote(answerId: string, voter: string, vote: Vote): boolean {
    const row = this.#db.prepare('SELECT * FROM answers WHERE id = ?').get(answerId) as AnswerRow | undefined;
    if (!row) return false;
    this.#db
      .prepare(
        `INSERT INTO votes (answer_id, voter_hash, vote, at, question_hash, question, doc_ids) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (answer_id, voter_hash) DO UPDATE SET vote = excluded.vote, at = excluded.at`,
      )
      .run(answerId, hashText(voter), vote, this.now().toISOString(), row.question_hash, row.question, row.doc_ids);
    return true;
  }

  summary(): FeedbackSummary {
    const rows = this.#db.prepare('SELECT vote, COUNT(*) AS n FROM votes GROUP BY vote').all() as { vote: Vote; n: number }[];
    return { up: rows.find((r) => r.vote === 'up')?.n ?? 0, down: rows.find((r) => r.vote === 'down')?.n ?? 0 };
  }

  recent(limit: number): VoteRecord[] {
    const rows = this.#db
      .prepare('SELECT at, vote, question_hash, question, doc_ids FROM votes ORDER BY at DESC, rowid DESC LIMIT ?')
      .all(limit) as {
      at: string;
      vote: Vote;
      question_hash: string;
      question: string | null;
      doc_ids: string;
    }[];
    return rows.map((r) => ({
      at: r.at,
      vote: r.vote,
      questionHash: r.question_hash,
      docIds: JSON.parse(r.doc_ids) as string[],
      question: r.question,
    }));
  }

  close(): void {
    this.#db.close();
  }
}

/** The briefings an answer rests on: its citations', or else its passages'. */
function docIds(answer: Answer): string[] {
  const ids = answer.citations.length > 0 ? answer.citations.map((c) => c.docId) : answer.passages.map((p) => p.docId);
  return [...new Set(ids)];
}
