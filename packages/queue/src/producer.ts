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

/**
 * Typed producer: a wrong payload for a job name does not compile, and is rejected at run time too.
 * One BullMQ Queue per queue name, created lazily on a shared fail-fast connection.
 */
export class JobProducer {
  private readonly queues = new Map<string, Queue>();

  /**
   * `currentRequestId` names the correlation id of the work in progress (the API: the HTTP request's); it is
   * stored in each enqueued job's options unless `enqueue` is given one.
   */
  constructor(
    private readonly connection: Redis,
    private readonly redisPrefix: string,
    private readonly timeoutMs = 2_000,
    private readonly currentRequestId: () => string | undefined = () => undefined,
  ) {}

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
   * Adds the job with its deterministic id and the correlation id in its options (see request-id.ts). Rejects fast when Redis is unavailable: {@link RedisUnreachableError}
   * when it is not connected, {@link EnqueueTimeoutError} when it does not answer in time.
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
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EnqueueTimeoutError(this.timeoutMs)), this.timeoutMs);
    });
    try {
      await Promise.race([
        this.queue(queueOf(name)).add(
          name,
          data,
          withRequestId({ ...jobOptionsFor(name), jobId }, opts.requestId ?? this.currentRequestId()),
        ),
        timeout,
      ]);
      return jobId;
    } finally {
      clearTimeout(timer);
    }
  }

  allQueues(): Queue[] {
    return [...this.queues.values()];
  }

  async close(): Promise<void> {
    await Promise.all(this.allQueues().map((q) => q.close()));
  }
}
