import { MikroORM } from '@mikro-orm/core';
import { BullModule, Processor } from '@nestjs/bullmq';
import { type DynamicModule, Module, type OnApplicationShutdown, Injectable } from '@nestjs/common';
import { openOrm } from '@pm/db';
import { bullPrefix, createProducerConnection, createWorkerConnection, JobProducer } from '@pm/queue';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { WORKER_CONFIG, type WorkerConfig } from './config.js';
import {
  DESTINATION_PUBLISHERS,
  KeyedSemaphore,
  type DestinationPublishers,
} from './exports/destinations.js';
import { AccountPublishers } from './exports/account-publishers.js';
import { ExportHandler } from './exports/export.handler.js';
import { ExportProcessor } from './exports/export.processor.js';
import { PdfRenderer } from './exports/pdf-renderer.js';
import { AiDrafts } from './ai/ai-drafts.service.js';
import { GenerateHandler } from './generate/generate.handler.js';
import { JOB_HANDLERS } from './handler.js';
import { WorkerMetrics } from './metrics.js';
import { PostmortemProcessor } from './postmortem.processor.js';
import { SweeperService } from './sweeper/sweeper.service.js';
import { TrackerExportHandler } from './trackers/export.handler.js';
import { FollowUpAnnouncer } from './trackers/follow-up-announcer.js';
import { PmChangeAnnouncer } from './pm-change-announcer.js';
import { TrackerSyncHandler } from './trackers/sync.handler.js';
import { WebhookDispatchHandler } from './webhooks/dispatch.handler.js';
import { WebhookDeliverHandler } from './webhooks/deliver.handler.js';
import { WebhookProcessor } from './webhooks/webhook.processor.js';
import { TRACKER_FETCH, TrackerContext, trackerFetch } from './trackers/tracker-context.js';
import { CLOCK, fileOffsetClock, systemClock, type Clock } from './clock.js';
import { EmailHandler } from './notify/email.handler.js';
import { MAILER, mailerFromConfig, type Mailer } from './notify/mailer.js';
import { NotifyEventsHandler } from './notify/notify-events.handler.js';
import { NotifyProcessor, RemindersProcessor } from './notify/notify.processors.js';
import { RemindersHandler } from './notify/reminders.handler.js';
import { NotifySchedules } from './notify/schedules.service.js';

@Injectable()
class Closer implements OnApplicationShutdown {
  constructor(
    private readonly orm: MikroORM,
    private readonly producer: JobProducer,
    private readonly pdf: PdfRenderer,
  ) {}
  // Runs after the processors' workers have closed (Nest shuts providers down in reverse order of creation).
  async onApplicationShutdown() {
    await this.pdf.close().catch(() => undefined);
    await this.producer.close().catch(() => undefined);
    await this.orm.close();
  }
}

/** Replacements for tests (e.g. publishers wired straight to a fake destination). */
export interface WorkerOverrides {
  publishers?: DestinationPublishers;
  /** Log destination instead of stdout (tests read the job log lines). */
  logStream?: DestinationStream;
  /** "Now" for reminders, quiet hours and webhook jobs (tests advance it instead of waiting). */
  clock?: Clock;
  /** E-mail transport instead of the SMTP one from the config. */
  mailer?: Mailer | null;
}

/** The worker's root module; `cfg` is parsed once by the caller. */
export function workerModule(cfg: WorkerConfig, overrides: WorkerOverrides = {}): DynamicModule {
  // Worker options come from the @Processor metadata, which is static; re-applying the decorator here lets the
  // lock duration come from config. A SIGKILLed worker's job is re-delivered once its lock expires and the
  // stalled-job check (same interval) runs in another worker.
  const lock = { lockDuration: cfg.WORKER_LOCK_MS, stalledInterval: cfg.WORKER_LOCK_MS };
  Processor({ name: 'postmortem' }, { ...lock, concurrency: cfg.WORKER_CONCURRENCY })(PostmortemProcessor);
  // The limiter is queue-wide (all workers together); per-destination caps are in ExportHandler.
  Processor(
    { name: 'export' },
    {
      ...lock,
      concurrency: cfg.EXPORT_CONCURRENCY,
      limiter: { max: cfg.EXPORT_RATE_MAX, duration: cfg.EXPORT_RATE_WINDOW_MS },
    },
  )(ExportProcessor);
  Processor({ name: 'webhook' }, { ...lock, concurrency: cfg.WEBHOOK_CONCURRENCY })(WebhookProcessor);
  return {
    module: WorkerModule,
    imports: [
      LoggerModule.forRoot({
        pinoHttp: overrides.logStream
          ? [{ level: cfg.LOG_LEVEL }, overrides.logStream]
          : { level: cfg.LOG_LEVEL },
      }),
      BullModule.forRoot({
        connection: createWorkerConnection(cfg.REDIS_URL),
        prefix: bullPrefix(cfg.REDIS_PREFIX),
        extraOptions: { manualRegistration: false },
      }),
      BullModule.registerQueue(
        { name: 'postmortem' },
        { name: 'export' },
        { name: 'notify' },
        { name: 'reminders' },
        { name: 'webhook' },
      ),
    ],
    providers: [
      { provide: WORKER_CONFIG, useValue: cfg },
      {
        provide: MikroORM,
        useFactory: () => openOrm({ databaseUrl: cfg.DATABASE_URL, schema: cfg.DATABASE_SCHEMA }),
      },
      {
        provide: JobProducer,
        useFactory: () => new JobProducer(createProducerConnection(cfg.REDIS_URL), cfg.REDIS_PREFIX),
      },
      { provide: WorkerMetrics, inject: [JobProducer], useFactory: (p: JobProducer) => new WorkerMetrics(p) },
      // One browser per worker process, shared by every PDF job; closed by Closer.
      { provide: PdfRenderer, useFactory: () => PdfRenderer.fromEnv(cfg) },
      overrides.publishers
        ? { provide: DESTINATION_PUBLISHERS, useValue: overrides.publishers }
        : { provide: DESTINATION_PUBLISHERS, useClass: AccountPublishers },
      // Shared by generation and exports: one cap per destination kind for the whole process.
      { provide: KeyedSemaphore, useFactory: () => new KeyedSemaphore(cfg.EXPORT_DESTINATION_CONCURRENCY) },
      AiDrafts,
      GenerateHandler,
      ExportHandler,
      TrackerExportHandler,
      TrackerSyncHandler,
      {
        // One clock for reminders, quiet hours and webhook retries (tests move it instead of waiting). The clock
        // file is test-only: the config refuses it in production.
        provide: CLOCK,
        useValue:
          overrides.clock ??
          (cfg.WORKER_TEST_CLOCK_FILE ? fileOffsetClock(cfg.WORKER_TEST_CLOCK_FILE) : systemClock),
      },
      {
        provide: MAILER,
        useFactory: () => (overrides.mailer !== undefined ? overrides.mailer : mailerFromConfig(cfg)),
      },
      NotifyEventsHandler,
      EmailHandler,
      RemindersHandler,
      WebhookDispatchHandler,
      WebhookDeliverHandler,
      // Every handler of every queue; each queue's dispatcher takes its own and refuses a missing or doubled one.
      {
        provide: JOB_HANDLERS,
        inject: [
          GenerateHandler,
          ExportHandler,
          TrackerExportHandler,
          TrackerSyncHandler,
          NotifyEventsHandler,
          EmailHandler,
          RemindersHandler,
          WebhookDispatchHandler,
          WebhookDeliverHandler,
        ],
        useFactory: (...handlers: unknown[]) => handlers,
      },
      PostmortemProcessor,
      ExportProcessor,
      NotifyProcessor,
      RemindersProcessor,
      NotifySchedules,
      WebhookProcessor,
      SweeperService,
      { provide: TRACKER_FETCH, useFactory: () => trackerFetch(cfg) },
      TrackerContext,
      FollowUpAnnouncer,
      PmChangeAnnouncer,
      Closer,
    ],
  };
}

@Module({})
export class WorkerModule {}
