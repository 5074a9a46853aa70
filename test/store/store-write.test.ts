import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IndexStore } from '../../src/store/store.js';
import { inspectIndex } from '../helpers/inspect-index.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-write-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const knownFiles = () => inspectIndex(dir, (db) => db.prepare('SELECT path FROM files ORDER BY path').pluck().all());

describe('store.write: the one way to change an index', () => {
  it('commits everything the write function did, or nothing when it throws', async () => {
    const store = IndexStore.openForWrite(dir);
    try {
      await store.write(() => store.setFileHash('/a.jsonl', 'h1'));
      await expect(
        store.write(() => {
          store.setFileHash('/b.jsonl', 'h2');
          throw new Error('the run failed');
        }),
      ).rejects.toThrow('the run failed');
      expect(knownFiles()).toEqual(['/a.jsonl']);
    } finally {
      store.close();
    }
  });

  it('undoes only a failed savepoint, and the transaction goes on', async () => {
    const store = IndexStore.openForWrite(dir);
    try {
      const undone: string[] = [];
      await store.write(async (tx) => {
        await tx.savepoint('one', async () => store.setFileHash('/kept.jsonl', 'h1'));
        await tx
          .savepoint(
            'two',
            async () => {
              store.setFileHash('/broken.jsonl', 'h2');
              throw new Error('a strange file');
            },
            () => undone.push('two'),
          )
          .catch(() => {});
        store.setFileHash('/after.jsonl', 'h3');
      });
      expect(undone).toEqual(['two']);
      expect(knownFiles()).toEqual(['/after.jsonl', '/kept.jsonl']);
    } finally {
      store.close();
    }
  });

  it('refuses a write outside store.write, so nothing is written outside a transaction', () => {
    const store = IndexStore.openForWrite(dir);
    try {
      expect(() => store.setFileHash('/a.jsonl', 'h1')).toThrow(/inside store\.write/);
      expect(knownFiles()).toEqual([]);
    } finally {
      store.close();
    }
  });
});
