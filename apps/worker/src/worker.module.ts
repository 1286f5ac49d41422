import { MikroORM } from '@mikro-orm/core';
import { BullModule, Processor } from '@nestjs/bullmq';
import { type DynamicModule, Module, type OnApplicationShutdown, Injectable } from '@nestjs/common';
import { openOrm } from '@pm/db';
import { bullPrefix, createProducerConnection, createWorkerConnection, JobProducer } from '@pm/queue';
import { LoggerModule } from 'nestjs-pino';
import { WORKER_CONFIG, type WorkerConfig } from './config.js';
import { GenerateHandler } from './generate/generate.handler.js';
import { JOB_HANDLERS } from './handler.js';
import { PostmortemProcessor } from './postmortem.processor.js';
import { SweeperService } from './sweeper/sweeper.service.js';
import { TrackerExportHandler } from './trackers/export.handler.js';
import { FollowUpAnnouncer } from './trackers/follow-up-announcer.js';
import { TrackerSyncHandler } from './trackers/sync.handler.js';
import { TRACKER_FETCH, TrackerContext, trackerFetch } from './trackers/tracker-context.js';
import { TrackersProcessor } from './trackers/trackers.processor.js';

@Injectable()
class Closer implements OnApplicationShutdown {
  constructor(
    private readonly orm: MikroORM,
    private readonly producer: JobProducer,
  ) {}
  // Runs after the processor's worker has closed (Nest shuts providers down in reverse order of creation).
  async onApplicationShutdown() {
    await this.producer.close().catch(() => undefined);
    await this.orm.close();
  }
}

/** The worker's root module; `cfg` is parsed once by the caller. */
export function workerModule(cfg: WorkerConfig): DynamicModule {
  // Worker options come from the @Processor metadata, which is static; re-applying the decorator here lets the
  // lock duration come from config. A SIGKILLed worker's job is re-delivered once its lock expires and the
  // stalled-job check (same interval) runs in another worker.
  Processor(
    { name: 'postmortem' },
    {
      lockDuration: cfg.WORKER_LOCK_MS,
      stalledInterval: cfg.WORKER_LOCK_MS,
      concurrency: cfg.WORKER_CONCURRENCY,
    },
  )(PostmortemProcessor);
  Processor(
    { name: 'trackers' },
    {
      lockDuration: cfg.WORKER_LOCK_MS,
      stalledInterval: cfg.WORKER_LOCK_MS,
      concurrency: cfg.WORKER_CONCURRENCY,
    },
  )(TrackersProcessor);
  return {
    module: WorkerModule,
    imports: [
      LoggerModule.forRoot({ pinoHttp: { level: cfg.LOG_LEVEL } }),
      BullModule.forRoot({
        connection: createWorkerConnection(cfg.REDIS_URL),
        prefix: bullPrefix(cfg.REDIS_PREFIX),
        extraOptions: { manualRegistration: false },
      }),
      BullModule.registerQueue({ name: 'postmortem' }, { name: 'trackers' }),
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
      GenerateHandler,
      { provide: JOB_HANDLERS, inject: [GenerateHandler], useFactory: (...handlers: unknown[]) => handlers },
      PostmortemProcessor,
      SweeperService,
      { provide: TRACKER_FETCH, useFactory: () => trackerFetch(cfg) },
      TrackerContext,
      FollowUpAnnouncer,
      TrackerExportHandler,
      TrackerSyncHandler,
      TrackersProcessor,
      Closer,
    ],
  };
}

@Module({})
export class WorkerModule {}
