import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { JOB_HANDLERS, type JobHandler } from '../handler.js';
import { JobDispatcher } from '../job-dispatcher.js';
import { WorkerMetrics } from '../metrics.js';

/** The `notify` queue: the events consumer (scheduled) and one e-mail job per notification. */
@Processor('notify', { concurrency: 4 })
export class NotifyProcessor extends WorkerHost implements OnModuleInit {
  private readonly log = new Logger('NotifyProcessor');
  private readonly dispatcher: JobDispatcher;

  constructor(@Inject(JOB_HANDLERS) handlers: JobHandler[], metrics: WorkerMetrics, logger: PinoLogger) {
    super();
    this.dispatcher = new JobDispatcher('notify', handlers, { metrics, logger });
  }

  onModuleInit() {
    this.worker.on('error', (e) => this.log.warn(`worker: ${e.message}`));
  }

  process(job: Job, token?: string): Promise<unknown> {
    return this.dispatcher.run(job, token);
  }
}

/** The `reminders` queue: the scheduled scan. */
@Processor('reminders', { concurrency: 1 })
export class RemindersProcessor extends WorkerHost implements OnModuleInit {
  private readonly log = new Logger('RemindersProcessor');
  private readonly dispatcher: JobDispatcher;

  constructor(@Inject(JOB_HANDLERS) handlers: JobHandler[], metrics: WorkerMetrics, logger: PinoLogger) {
    super();
    this.dispatcher = new JobDispatcher('reminders', handlers, { metrics, logger });
  }

  onModuleInit() {
    this.worker.on('error', (e) => this.log.warn(`worker: ${e.message}`));
  }

  process(job: Job, token?: string): Promise<unknown> {
    return this.dispatcher.run(job, token);
  }
}
