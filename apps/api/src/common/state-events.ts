import type { Request, Response } from 'express';

const POLL_MS = 250;
const MAX_STREAM_MS = 10 * 60_000;

/** What {@link streamStateEvents} pushes: the SSE event name, how to re-read the row, and when to stop. */
export interface StateEventsSource<T> {
  /** The `event:` name of every message (`postmortem`, `export`). */
  event: string;
  /** The row's current DTO, or null once it is gone or no longer visible (which ends the stream). */
  read(): Promise<T | null>;
  /** True for a final state (ready / failed): the stream sends it and ends. */
  isTerminal(dto: T): boolean;
  /**
   * Re-read interval (default 250 ms), asked before every wait: long while pushed hints arrive (a safety re-read
   * only), short while they do not (Redis down) so the stream falls back to polling.
   */
  intervalMs?: number | (() => number);
  /** Subscribes to "something changed" hints that cut the wait short; returns the unsubscribe function. */
  wake?(notify: () => void): () => void;
}

/** The polling interval of a row's stream when no change hints arrive. */
export const STATE_POLL_MS = POLL_MS;

/**
 * Server-sent events of a job-backed row's state. The DB row is the truth: the stream reads it on open, then again
 * on every `wake` hint and on its interval (see {@link StateEventsSource.intervalMs}), and pushes every change; it ends on a final state, when the client leaves, or after ten
 * minutes. The caller checks visibility first so a 404 is answered before any header is sent.
 */
export async function streamStateEvents<T>(
  source: StateEventsSource<T>,
  req: Request,
  res: Response,
): Promise<void> {
  res.status(200).set({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  let closed = false;
  req.on('close', () => (closed = true));
  let last = '';
  const started = Date.now();
  let wakeUp: (() => void) | null = null;
  let hinted: boolean; // set by `wake` while a read is in flight
  const unsubscribe = source.wake?.(() => {
    hinted = true;
    wakeUp?.();
  });
  req.on('close', () => wakeUp?.());
  try {
    while (!closed && Date.now() - started < MAX_STREAM_MS) {
      hinted = false;
      const dto = await source.read();
      if (!dto) break;
      const json = JSON.stringify(dto);
      if (json !== last) {
        res.write(`event: ${source.event}\ndata: ${json}\n\n`);
        last = json;
      }
      if (source.isTerminal(dto)) break;
      if (hinted) continue; // a change landed while reading: read again right away
      await new Promise<void>((r) => {
        const ms = typeof source.intervalMs === 'function' ? source.intervalMs() : source.intervalMs;
        const t = setTimeout(r, ms ?? POLL_MS);
        wakeUp = () => (clearTimeout(t), r());
      });
      wakeUp = null;
    }
  } finally {
    unsubscribe?.();
    res.end();
  }
}

/** `read` helper: the DTO, or null when the lookup throws (row deleted, access revoked mid-stream). */
export const orNull = async <T>(read: () => Promise<T>): Promise<T | null> => {
  try {
    return await read();
  } catch {
    return null;
  }
};
