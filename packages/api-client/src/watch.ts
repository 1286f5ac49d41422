import { ApiError } from './errors.js';
import type { Postmortem } from './models.js';

/** What the watcher needs from the client (kept internal so it can be tested through createApiClient). */
export interface WatchOptions {
  /** Opens `GET /postmortems/:id/events`; throws ApiError when the API refuses. */
  openEvents(id: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array> | null>;
  getPostmortem(id: string, signal?: AbortSignal): Promise<Postmortem>;
  pollIntervalMs: number;
}

const isTerminal = (p: Postmortem) => p.generationState === 'ready' || p.generationState === 'failed';

/**
 * Splits an SSE byte stream into events and yields the JSON of each event's `data:` lines.
 * Comments (`:` lines, used as keep-alives) and other fields are ignored.
 */
export async function* readSseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      buffer = buffer.replace(/\r\n?/g, '\n');
      let sep: number;
      while ((sep = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, sep);
        buffer = buffer.slice(sep + 2);
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).replace(/^ /, ''))
          .join('\n');
        if (data) yield data;
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/**
 * Follows one postmortem until it is ready or failed. Reads `GET /postmortems/:id/events` with fetch (EventSource
 * cannot send the Authorization header); if the stream cannot be opened or ends early, polls `GET /postmortems/:id`.
 */
export async function watchPostmortem(
  opts: WatchOptions,
  id: string,
  onUpdate: (p: Postmortem) => void,
  signal?: AbortSignal,
): Promise<Postmortem | null> {
  const seen = (p: Postmortem) => {
    onUpdate(p);
    return isTerminal(p);
  };

  try {
    const body = await opts.openEvents(id, signal);
    if (body) {
      for await (const data of readSseData(body)) {
        let p: Postmortem;
        try {
          p = JSON.parse(data) as Postmortem;
        } catch {
          continue; // a malformed event must not end the watch; polling below catches up
        }
        if (seen(p)) return p;
      }
    }
  } catch (err) {
    if (signal?.aborted) return null;
    // Not-found / forbidden will not get better by polling.
    if (
      err instanceof ApiError &&
      err.status >= 400 &&
      err.status < 500 &&
      err.status !== 408 &&
      err.status !== 429
    )
      throw err;
  }

  // Fallback: poll once a second. Network hiccups are retried; API errors (404, 403) end the watch.
  while (!signal?.aborted) {
    try {
      const p = await opts.getPostmortem(id, signal);
      if (seen(p)) return p;
    } catch (err) {
      if (signal?.aborted) return null;
      if (!(err instanceof ApiError) || err.code !== 'NETWORK') throw err;
    }
    await sleep(opts.pollIntervalMs, signal);
  }
  return null;
}
