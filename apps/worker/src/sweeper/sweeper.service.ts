import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Postmortem } from '@pm/db';
import { jobIdFor, JobProducer } from '@pm/queue';
import { WORKER_CONFIG, type WorkerConfig } from '../config.js';
import { WorkerMetrics } from '../metrics.js';

/**
 * Redis is transport, the DB is the truth: rows stuck in queued/rendering/storing without a live job (Redis
 * restarted empty, enqueue failed while Redis was down) are enqueued again. The deterministic job id makes a
 * re-enqueue of a job that still exists a no-op, so several workers may sweep at once.
 */
@Injectable()
export class SweeperService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Sweeper');
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly producer: JobProducer,
    @Inject(WORKER_CONFIG) private readonly cfg: WorkerConfig,
    private readonly metrics: WorkerMetrics,
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(
      () => void this.sweep().catch((e: Error) => this.log.warn(`sweep failed: ${e.message}`)),
      this.cfg.SWEEP_INTERVAL_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  /** One pass; returns how many rows were re-enqueued. */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const stale = new Date(Date.now() - this.cfg.SWEEP_STALE_MS);
      const rows = await this.orm.em.fork().find(
        Postmortem,
        {
          generationState: { $in: ['queued', 'rendering', 'storing'] },
          updatedAt: { $lt: stale },
          removedAt: null,
        },
        { fields: ['id'], limit: 500, orderBy: { updatedAt: 'asc' } },
      );
      let requeued = 0;
      // The pass's correlation id: the jobs it enqueues carry it, so their worker log lines lead back here.
      const requestId = `sweep-${randomUUID()}`;
      const queue = this.producer.queue('postmortem');
      for (const { id } of rows) {
        const jobId = jobIdFor('postmortem.generate', { postmortemId: id });
        const job = await queue.getJob(jobId);
        const state = job ? await job.getState() : 'missing';
        if (
          state === 'active' ||
          state === 'waiting' ||
          state === 'delayed' ||
          state === 'prioritized' ||
          state === 'waiting-children'
        )
          continue;
        // A finished job whose row never reached a final state (lost update): clear it so the id can be reused.
        if (job) await job.remove().catch(() => undefined);
        await this.producer.enqueue('postmortem.generate', { postmortemId: id }, { requestId });
        this.metrics.sweeperRequeued.inc();
        requeued++;
      }
      if (requeued) this.log.log(`re-enqueued ${requeued} postmortem(s) without a live job (${requestId})`);
      return requeued;
    } finally {
      this.running = false;
    }
  }
}
