import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerMetrics } from '@pm/auth';
import { QUEUE_NAMES } from '@pm/contracts';
import type { JobProducer } from '@pm/queue';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const PREFIX = 'pm_';

/** Job states reported per queue; read from Redis when Prometheus scrapes, so they hold for all workers together. */
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** How a job run ended: done, thrown (a retry may follow), or postponed by a Retry-After (no attempt used). */
export type JobOutcome = 'completed' | 'failed' | 'delayed';

/**
 * The worker's metrics, one registry per worker instance (tests start several in one process). Served on the
 * health port's `/metrics`.
 */
export class WorkerMetrics {
  readonly registry = new Registry();
  readonly jobDuration = new Histogram({
    name: `${PREFIX}job_duration_seconds`,
    help: 'Duration of one job run by queue, job name and outcome',
    labelNames: ['queue', 'name', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  readonly sweeperRequeued = new Counter({
    name: `${PREFIX}sweeper_requeued_total`,
    help: 'Postmortems the sweeper enqueued again because no live job held them',
    registers: [this.registry],
  });

  constructor(producer: JobProducer) {
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
    new Gauge({
      name: `${PREFIX}queue_jobs`,
      help: 'Jobs per queue and state (all workers), read from Redis at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        // Redis down: the series go missing for this scrape instead of failing the whole answer.
        const counts = await Promise.all(
          QUEUE_NAMES.map((q) =>
            producer
              .queue(q)
              .getJobCounts(...QUEUE_STATES)
              .catch(() => null),
          ),
        );
        QUEUE_NAMES.forEach((queue, i) => {
          for (const state of QUEUE_STATES) {
            const n = counts[i]?.[state];
            if (n !== undefined) this.set({ queue, state }, n);
          }
        });
      },
    });
  }

  /** Times `run` and records its outcome under the queue and job name. */
  async time<T>(
    queue: string,
    name: string,
    run: () => Promise<T>,
    isDelay: (e: unknown) => boolean,
  ): Promise<T> {
    const end = this.jobDuration.startTimer({ queue, name });
    try {
      const result = await run();
      end({ outcome: 'completed' });
      return result;
    } catch (e) {
      end({ outcome: isDelay(e) ? 'delayed' : 'failed' });
      throw e;
    }
  }

  /** Answers `GET /metrics` on the health server (token or loopback, see `metricsAccess`). */
  serve(req: IncomingMessage, res: ServerResponse, token: string | undefined): Promise<void> {
    return answerMetrics(req, res, this.registry, token);
  }
}
