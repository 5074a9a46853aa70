import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQaService } from '../../src/answer/qa-service.js';
import { databasePath, IndexError, IndexStore } from '../../src/store/store.js';
import { recordedVectors, vectorFilePath } from '../../src/store/vector-meta.js';
import { buildTinyModel, type TinyModel } from '../helpers/tiny-model.js';
import { defaultConfig } from '../helpers/shipped-qa.js';
import { briefing, runProgram, tempDir, writeCorpus } from '../helpers/operations-helpers.js';

const QUESTION = 'Sản lượng cà phê của Gia Lai là bao nhiêu?';

describe('corrupt or foreign files in the index folder', () => {
  let tmp: { dir: string; cleanup: () => void };
  let corpus: string;
  let model: TinyModel;

  beforeAll(async () => {
    tmp = tempDir('corrupt-');
    corpus = path.join(tmp.dir, 'corpus');
    writeCorpus(corpus, { 'a.jsonl': `${briefing('a', 'Gia Lai', '777', 'v1')}\n${briefing('b', 'Kon Tum', '555', 'v1')}\n` });
    model = await buildTinyModel(path.join(tmp.dir, 'models'), { id: 'tiny-operations-corrupt' });
  });
  afterAll(() => tmp?.cleanup());

  /** An index folder whose index.sqlite holds `bytes` (or is a database made by `make`). */
  function indexWith(name: string, content: Buffer | ((file: string) => void)): string {
    const indexDir = path.join(tmp.dir, name);
    fs.mkdirSync(indexDir, { recursive: true });
    if (typeof content === 'function') content(databasePath(indexDir));
    else fs.writeFileSync(databasePath(indexDir), content);
    return indexDir;
  }

  const cases: Array<[string, Buffer | ((file: string) => void)]> = [
    ['garbage bytes', Buffer.from('this is not a database at all, just some text an admin copied here by mistake\n'.repeat(100))],
    [
      'a foreign SQLite database',
      (file) => {
        const db = new Database(file);
        db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5);');
        db.close();
      },
    ],
    ['an empty file', Buffer.alloc(0)],
  ];

  for (const [what, content] of cases) {
    it(`${what} as index.sqlite: the bot refuses to start with a message naming the file and saying to re-ingest`, async () => {
      const indexDir = indexWith(what.replace(/\W+/g, '-'), content);
      const file = databasePath(indexDir);
      await expect(createQaService(defaultConfig({ INDEX_DIR: indexDir }))).rejects.toThrow(IndexError);
      await expect(createQaService(defaultConfig({ INDEX_DIR: indexDir }))).rejects.toThrow(file);

      const ask = runProgram('src/cli/ask.ts', ['--index', indexDir, QUESTION]);
      const exit = await ask.exited;
      expect(exit.code).not.toBe(0);
      const message = ask.stderr().trim();
      expect(message).toContain(file);
      expect(message).toMatch(/re-ingest: npm run ingest/);
      expect(message).not.toMatch(/\n\s+at /); // one clear message, not a stack trace from deep in a library
    }, 60_000);

    it(`${what} as index.sqlite: ingestion says the same, and the admin's fix (delete and re-ingest) works`, async () => {
      const indexDir = indexWith(`${what.replace(/\W+/g, '-')}-ingest`, content);
      const run = runProgram('src/cli/ingest.ts', [corpus, '--index', indexDir]);
      const exit = await run.exited;
      if (what === 'an empty file') {
        // SQLite treats an empty file as an empty database: ingestion simply builds the index in it.
        expect(exit.code).toBe(0);
      } else {
        expect(exit.code).not.toBe(0);
        expect(run.stderr()).toContain(databasePath(indexDir));
        expect(run.stderr()).toMatch(/Delete the index folder and re-ingest/);
        expect(run.stderr()).not.toMatch(/\n\s+at /);
        if (what === 'a foreign SQLite database') {
          // The other program's database was left exactly as it was.
          const db = new Database(databasePath(indexDir), { readonly: true });
          expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['invoices']);
          expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
          db.close();
        }
        fs.rmSync(indexDir, { recursive: true });
        expect((await runProgram('src/cli/ingest.ts', [corpus, '--index', indexDir]).exited).code).toBe(0);
      }
      const qa = await createQaService(defaultConfig({ INDEX_DIR: indexDir }));
      expect((await qa.ask(QUESTION)).answer).toContain('777');
      await qa.close();
    }, 60_000);
  }

  it(
    'a garbage vector file: the bot keeps answering (lexically), says which file is damaged and to re-ingest; ' +
      're-ingesting restores semantic search',
    async () => {
      const indexDir = path.join(tmp.dir, 'vectors');
      const env = { EMBEDDINGS: 'local', EMBEDDING_MODEL_PATH: model.modelPath };
      const first = runProgram('src/cli/ingest.ts', [corpus, '--index', indexDir], env);
      expect((await first.exited).code, first.stderr()).toBe(0);
      const store = IndexStore.openForRead(indexDir);
      const recorded = recordedVectors(store);
      store.close();
      expect(recorded).not.toBeNull();
      const vectorFile = vectorFilePath(indexDir, recorded!.file);
      fs.writeFileSync(vectorFile, Buffer.from('garbage that would crash hnswlib '.repeat(50)));

      const ask = runProgram('src/cli/ask.ts', ['--index', indexDir, '--json', QUESTION], { ...env, LOG_LEVEL: 'warn' });
      expect((await ask.exited).code).toBe(0);
      const answer = JSON.parse(ask.stdout()) as { answer: string; mode: { retrieval: string } };
      expect(answer.answer).toContain('777');
      expect(answer.mode.retrieval).toBe('lexical');
      expect(ask.stderr()).toContain(recorded!.file);
      expect(ask.stderr()).toMatch(/npm run ingest/);

      const repair = runProgram('src/cli/ingest.ts', [corpus, '--index', indexDir], env);
      expect((await repair.exited).code, repair.stderr()).toBe(0);
      const after = runProgram('src/cli/ask.ts', ['--index', indexDir, '--json', QUESTION], env);
      expect((await after.exited).code).toBe(0);
      expect((JSON.parse(after.stdout()) as { mode: { retrieval: string } }).mode.retrieval).toBe('hybrid');
    },
    120_000,
  );
});
