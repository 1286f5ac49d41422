import { ApiError } from './errors.js';

/** One row to follow (kept internal so it can be tested through createApiClient). */
export interface WatchSource<T> {
  /** Opens the row's `…/events` stream; throws ApiError when the API refuses. */
  openEvents(signal?: AbortSignal): Promise<ReadableStream<Uint8Array> | null>;
  /** Reads the row once (the polling fallback). */
  get(signal?: AbortSignal): Promise<T>;
  /** True for a final state (ready / failed): the watch resolves with it. */
  isTerminal(row: T): boolean;
  pollIntervalMs: number;
}

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
 * Follows one row (a postmortem's generation, an export) until it reaches a final state, calling `onUpdate` on
 * every change. Reads its `…/events` stream with fetch (EventSource cannot send the Authorization header); if the
 * stream cannot be opened or ends early, polls the row. Resolves with the final row, or null when aborted.
 */
export async function watchState<T>(
  opts: WatchSource<T>,
  onUpdate: (row: T) => void,
  signal?: AbortSignal,
): Promise<T | null> {
  let last = '';
  const seen = (row: T) => {
    // Polling re-reads unchanged rows; report changes only, like the stream does.
    const json = JSON.stringify(row);
    if (json !== last) onUpdate(row);
    last = json;
    return opts.isTerminal(row);
  };

  try {
    const body = await opts.openEvents(signal);
    if (body) {
      for await (const data of readSseData(body)) {
        let row: T;
        try {
          row = JSON.parse(data) as T;
        } catch {
          continue; // a malformed event must not end the watch; polling below catches up
        }
        if (seen(row)) return row;
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
      const row = await opts.get(signal);
      if (seen(row)) return row;
    } catch (err) {
      if (signal?.aborted) return null;
      if (!(err instanceof ApiError) || err.code !== 'NETWORK') throw err;
    }
    await sleep(opts.pollIntervalMs, signal);
  }
  return null;
}
