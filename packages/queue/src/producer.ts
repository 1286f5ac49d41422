import type { JobName, JobPayload } from '@pm/contracts';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { withRequestId } from './request-id.js';
import {
  bullPrefix,
  DEFAULT_JOB_OPTIONS,
  jobIdFor,
  jobOptionsFor,
  parseJobPayload,
  queueOf,
} from './registry.js';

/** Redis is connected but did not confirm the job in time. */
export class EnqueueTimeoutError extends Error {
  constructor(ms: number) {
    super(`Redis did not accept the job within ${ms} ms`);
  }
}

/** The producer's Redis connection is down, so the job was refused without trying. */
export class RedisUnreachableError extends Error {
  constructor(status: string) {
    super(`Redis is unreachable (connection ${status}); the job was not enqueued`);
  }
}

/** How many timeouts a slow add may wait while Redis keeps answering other commands. */
export const MAX_WAIT_FACTOR = 15;

/**
 * Typed producer: a wrong payload for a job name does not compile, and is rejected at run time too.
 * One BullMQ Queue per queue name, created lazily on a shared fail-fast connection.
 */
export class JobProducer {
  private readonly queues = new Map<string, Queue>();
  private watched: NodeJS.EventEmitter | undefined;
  private lastReplyAt = 0;
  /** Rejecters of the adds in flight: a dropped connection fails them at once. */
  private readonly waiting = new Set<(e: Error) => void>();

  /**
   * `currentRequestId` names the correlation id of the work in progress (the API: the HTTP request's); it is
   * stored in each enqueued job's options unless `enqueue` is given one.
   */
  constructor(
    private readonly connection: Redis,
    private readonly redisPrefix: string,
    private readonly timeoutMs = 2_000,
    private readonly currentRequestId: () => string | undefined = () => undefined,
  ) {
    connection.on('close', () => {
      for (const fail of this.waiting) fail(new RedisUnreachableError(connection.status));
    });
  }

  queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: this.connection,
        prefix: bullPrefix(this.redisPrefix),
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      // Errors surface through add(); without a listener Node would print them as unhandled.
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  /**
   * Adds the job with its deterministic id and the correlation id in its options (see request-id.ts). Rejects
   * fast when Redis is unavailable: {@link RedisUnreachableError} when it is not connected (or the connection drops
   * while waiting), {@link EnqueueTimeoutError} when Redis sent nothing for `timeoutMs` and then left a PING
   * unanswered for `timeoutMs` more. While Redis answers, a slow add is back-pressure (this process is saturated
   * and reads its replies late), not an outage: it waits, up to {@link MAX_WAIT_FACTOR} × `timeoutMs`, instead of
   * failing the request.
   */
  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    opts: { requestId?: string } = {},
  ): Promise<string> {
    const data = parseJobPayload(name, payload);
    const jobId = jobIdFor(name, data);
    // Not connected: refuse at once (the connection has no offline queue) instead of reporting a timeout.
    if (this.connection.status !== 'ready') throw new RedisUnreachableError(this.connection.status);
    this.watchReplies();
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    let fail: ((e: Error) => void) | undefined;
    let settled = false;
    const watchdog = new Promise<never>((_, reject) => {
      fail = reject;
      let since = started;
      let probing = false;
      const check = () => {
        // Judged after the poll phase (setImmediate), so replies that arrived while the loop was busy are counted.
        setImmediate(() => {
          if (settled) return;
          const now = performance.now();
          if (now - started >= this.timeoutMs * MAX_WAIT_FACTOR)
            return reject(new EnqueueTimeoutError(Math.round(now - started)));
          if (this.lastReplyAt >= since)
            probing = false; // Redis answered meanwhile: it is up
          else if (probing) return reject(new EnqueueTimeoutError(Math.round(now - started)));
          else {
            // Nothing heard (perhaps nothing even sent yet: this process was busy). Ask, and judge next round.
            probing = true;
            this.connection.ping().catch(() => undefined);
          }
          since = now;
          timer = setTimeout(check, this.timeoutMs);
        });
      };
      timer = setTimeout(check, this.timeoutMs);
    });
    this.waiting.add(fail!);
    try {
      await Promise.race([
        this.queue(queueOf(name)).add(
          name,
          data,
          withRequestId({ ...jobOptionsFor(name), jobId }, opts.requestId ?? this.currentRequestId()),
        ),
        watchdog,
      ]);
      return jobId;
    } finally {
      settled = true;
      clearTimeout(timer);
      this.waiting.delete(fail!);
    }
  }

  /** Notes when the connection last received bytes from Redis (its socket is replaced on every reconnect). */
  private watchReplies() {
    // `stream` (ioredis's current socket) is public at run time but absent from its typings.
    const stream = (this.connection as unknown as { stream?: NodeJS.EventEmitter }).stream;
    if (!stream || stream === this.watched) return;
    this.watched = stream;
    this.lastReplyAt = performance.now();
    stream.on('data', () => (this.lastReplyAt = performance.now()));
  }

  allQueues(): Queue[] {
    return [...this.queues.values()];
  }

  async close(): Promise<void> {
    await Promise.all(this.allQueues().map((q) => q.close()));
  }
}
