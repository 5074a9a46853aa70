import { describe, expect, it, vi } from 'vitest';
import { ThrottledEditor } from '../../../src/bots/shared/throttled-editor.js';

describe('ThrottledEditor (streamed replies and progress messages)', () => {
  it('shows the first text at once, drops intermediate ones within the interval, and always ends on the final text', async () => {
    const writes: string[] = [];
    const editor = new ThrottledEditor(async (text) => void writes.push(text), 3_600_000);
    editor.update('Vốn');
    await vi.waitFor(() => expect(writes).toEqual(['Vốn']));
    editor.update('Vốn FDI');
    editor.update('Vốn FDI tăng');
    await editor.finish('Vốn FDI tăng 140,3% [1].');
    expect(writes).toEqual(['Vốn', 'Vốn FDI tăng 140,3% [1].']);
  });

  it('does not rewrite text already on screen (Telegram rejects "message is not modified")', async () => {
    const writes: string[] = [];
    const editor = new ThrottledEditor(async (text) => void writes.push(text), 0);
    editor.update('xong');
    await vi.waitFor(() => expect(writes).toHaveLength(1));
    await editor.finish('xong');
    expect(writes).toEqual(['xong']);
  });

  it('reports a failed intermediate write and carries on, but throws if the final write fails', async () => {
    const errors: unknown[] = [];
    const fail = true;
    const editor = new ThrottledEditor(
      async () => {
        if (fail) throw new Error('429');
      },
      0,
      (e) => errors.push(e),
    );
    editor.update('một');
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    await expect(editor.finish('hai')).rejects.toThrow('429');
  });
});
