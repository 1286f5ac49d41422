import { ApiError } from './errors.js';
import { readSseData } from './watch.js';

/** A list to follow for as long as the caller wants (kept internal; tested through createApiClient). */
export interface ListWatchSource<T> {
  /** Opens the list's `…/events` stream; throws ApiError when the API refuses. */
  openEvents(signal?: AbortSignal): Promise<ReadableStream<Uint8Array> | null>;
  /** Reads the list once (while the stream cannot be opened). */
  get(signal?: AbortSignal): Promise<T>;
  /** Wait before re-opening a stream that failed (a stream the server ended is re-opened at once). */
  retryMs: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** Not-found / forbidden / unauthorised will not get better by retrying. */
const isFinal = (err: unknown) =>
  err instanceof ApiError &&
  err.status >= 400 &&
  err.status < 500 &&
  err.status !== 408 &&
  err.status !== 429;

/**
 * Follows a list until `signal` aborts, calling `onUpdate` with every changed version. Reads the `…/events`
 * stream with fetch (the Authorization header); the server ends streams after a while, so an ended stream is
 * re-opened at once. When the stream fails (network, proxy without streaming), the list is read once and the
 * stream retried after `retryMs`, so changes still arrive, a little later. Rejects on a refusal (404, 403, 401).
 */
export async function followList<T>(
  opts: ListWatchSource<T>,
  onUpdate: (list: T) => void,
  signal?: AbortSignal,
): Promise<void> {
  let last = '';
  const seen = (list: T) => {
    const json = JSON.stringify(list);
    if (json !== last) onUpdate(list);
    last = json;
  };
  while (!signal?.aborted) {
    let failed = false;
    try {
      const body = await opts.openEvents(signal);
      if (!body) failed = true;
      else
        for await (const data of readSseData(body)) {
          try {
            seen(JSON.parse(data) as T);
          } catch {
            // a malformed event is skipped; the next one carries the whole list again
          }
        }
    } catch (err) {
      if (signal?.aborted) return;
      if (isFinal(err)) throw err;
      failed = true;
    }
    if (!failed || signal?.aborted) continue;
    try {
      seen(await opts.get(signal));
    } catch (err) {
      if (signal?.aborted) return;
      if (isFinal(err)) throw err;
    }
    await sleep(opts.retryMs, signal);
  }
}
