import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import { JOB_NAMES, type JobName } from '@pm/contracts';
import { isJobName, parseJobPayload } from '@pm/queue';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { WORKER_CONFIG, type WorkerConfig } from '../config.js';
import type { JobHandler } from '../handler.js';
import { TrackerExportHandler } from './export.handler.js';
import { TrackerSyncHandler } from './sync.handler.js';

/**
 * The `trackers` queue's processor (follow-up export and sync): validates each payload against the job registry and
 * dispatches to its handler. A job moved to the delayed set for a tracker's Retry-After is not a failure.
 */
@Processor('trackers')
export class TrackersProcessor extends WorkerHost implements OnModuleInit {
  private readonly log = new Logger('TrackersProcessor');
  private readonly byName = new Map<JobName, JobHandler>();

  constructor(
    exportHandler: TrackerExportHandler,
    syncHandler: TrackerSyncHandler,
    @Inject(WORKER_CONFIG) private readonly cfg: WorkerConfig,
  ) {
    super();
    for (const h of [exportHandler, syncHandler] as JobHandler[]) this.byName.set(h.jobName, h);
    const missing = JOB_NAMES.filter((n) => n.startsWith('trackers.') && !this.byName.has(n));
    if (missing.length) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
  }

  onModuleInit() {
    this.worker.concurrency = this.cfg.WORKER_CONCURRENCY;
    this.worker.on('error', (e) => this.log.warn(`worker: ${e.message}`));
  }

  async process(job: Job, token?: string): Promise<unknown> {
    const handler = isJobName(job.name) ? this.byName.get(job.name) : undefined;
    if (!handler) throw new UnrecoverableError(`unknown job name "${job.name}"`);
    let payload;
    try {
      payload = parseJobPayload(handler.jobName, job.data);
    } catch (e) {
      throw new UnrecoverableError(`invalid payload: ${(e as Error).message.slice(0, 500)}`);
    }
    try {
      return await handler.handle(payload as never, job, token);
    } catch (e) {
      if (e instanceof DelayedError) throw e;
      const err = e as Error;
      const final = err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.log.warn(`job ${job.id} (${job.name}) attempt ${job.attemptsMade + 1} failed: ${err.message}`);
      if (final) await handler.onFinalFailure?.(payload as never, err.message);
      throw err;
    }
  }
}
