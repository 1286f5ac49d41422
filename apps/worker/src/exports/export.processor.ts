import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { WORKER_CONFIG, type WorkerConfig } from '../config.js';
import { JOB_HANDLERS, type JobHandler } from '../handler.js';
import { JobDispatcher } from '../job-dispatcher.js';
import { WorkerMetrics } from '../metrics.js';

/**
 * The `export` queue's processor. A queue of its own so a slow or rate-limited destination never holds up
 * generation; its concurrency and rate limit are configured separately (see `workerModule`).
 */
@Processor('export')
export class ExportProcessor extends WorkerHost implements OnModuleInit {
  private readonly log = new Logger('ExportProcessor');
  private readonly dispatcher: JobDispatcher;

  constructor(
    @Inject(JOB_HANDLERS) handlers: JobHandler[],
    @Inject(WORKER_CONFIG) private readonly cfg: WorkerConfig,
    metrics: WorkerMetrics,
    logger: PinoLogger,
  ) {
    super();
    this.dispatcher = new JobDispatcher('export', handlers, { metrics, logger });
  }

  onModuleInit() {
    this.worker.concurrency = this.cfg.EXPORT_CONCURRENCY;
    this.worker.on('error', (e) => this.log.warn(`worker: ${e.message}`));
  }

  process(job: Job, token?: string): Promise<unknown> {
    return this.dispatcher.run(job, token);
  }
}
