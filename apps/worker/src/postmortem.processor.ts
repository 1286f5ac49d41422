import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { WORKER_CONFIG, type WorkerConfig } from './config.js';
import { JOB_HANDLERS, type JobHandler } from './handler.js';
import { JobDispatcher } from './job-dispatcher.js';
import { WorkerMetrics } from './metrics.js';

/** The `postmortem` queue's processor (generation); see {@link JobDispatcher} for validation and dispatch. */
@Processor('postmortem')
export class PostmortemProcessor extends WorkerHost implements OnModuleInit {
  private readonly log = new Logger('PostmortemProcessor');
  private readonly dispatcher: JobDispatcher;

  constructor(
    @Inject(JOB_HANDLERS) handlers: JobHandler[],
    @Inject(WORKER_CONFIG) private readonly cfg: WorkerConfig,
    metrics: WorkerMetrics,
    logger: PinoLogger,
  ) {
    super();
    this.dispatcher = new JobDispatcher('postmortem', handlers, { metrics, logger });
  }

  onModuleInit() {
    this.worker.concurrency = this.cfg.WORKER_CONCURRENCY;
    this.worker.on('error', (e) => this.log.warn(`worker: ${e.message}`));
  }

  process(job: Job, token?: string): Promise<unknown> {
    return this.dispatcher.run(job, token);
  }
}
