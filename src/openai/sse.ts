/**
 * Reads a server-sent-events body and yields the `data` payload of each event (multi-line data joined
 * with "\n"). `onActivity` is called for every received chunk so the caller can run an idle timeout.
 */
export async function* readSseData(body: ReadableStream<Uint8Array>, onActivity: () => void = () => {}): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let pending = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onActivity();
      pending += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline).replace(/\r$/, '');
        pending = pending.slice(newline + 1);
        if (line === '') {
          if (data.length > 0) yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(5).replace(/^ /, ''));
        }
        // Other fields (event:, id:, retry:) and ":" comments carry nothing an OpenAI client needs.
      }
    }
    pending += decoder.decode();
    if (pending.startsWith('data:')) data.push(pending.slice(5).replace(/^ /, ''));
    if (data.length > 0) yield data.join('\n');
  } finally {
    // Stops the download when the consumer leaves early (grounding failure, not_found sentinel).
    await reader.cancel().catch(() => {});
  }
}
