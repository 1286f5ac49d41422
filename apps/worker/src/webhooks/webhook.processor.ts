import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { JobProducer } from '@pm/queue';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { WORKER_CONFIG, type WorkerConfig } from '../config.js';
import { JOB_HANDLERS, type JobHandler } from '../handler.js';
import { JobDispatcher } from '../job-dispatcher.js';
import { WorkerMetrics } from '../metrics.js';

/**
 * The `webhook` queue: the scheduled dispatch pass and the deliveries. A queue of its own so slow or failing
 * receivers never hold up generation or exports (and never the user's action: producing an event is one insert).
 */
@Processor('webhook')
export class WebhookProcessor extends WorkerHost implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = new Logger('WebhookProcessor');
  private readonly dispatcher: JobDispatcher;

  constructor(
    @Inject(JOB_HANDLERS) handlers: JobHandler[],
    @Inject(WORKER_CONFIG) private readonly cfg: WorkerConfig,
    private readonly producer: JobProducer,
    metrics: WorkerMetrics,
    logger: PinoLogger,
  ) {
    super();
    this.dispatcher = new JobDispatcher('webhook', handlers, { metrics, logger });
  }

  onModuleInit() {
    this.worker.concurrency = this.cfg.WEBHOOK_CONCURRENCY;
    this.worker.on('error', (e) => this.log.warn(`worker: ${e.message}`));
  }

  /** One schedule for all workers (same scheduler id: upserting it again only updates the interval). */
  async onApplicationBootstrap() {
    await this.producer
      .queue('webhook')
      .upsertJobScheduler(
        'webhook-dispatch',
        { every: this.cfg.WEBHOOK_DISPATCH_INTERVAL_MS },
        { name: 'webhook.dispatch', data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
      )
      .catch((e: Error) => this.log.warn(`could not schedule webhook dispatch: ${e.message}`));
  }

  process(job: Job, token?: string): Promise<unknown> {
    return this.dispatcher.run(job, token);
  }
}
