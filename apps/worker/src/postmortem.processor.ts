import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import { JOB_NAMES, type JobName } from '@pm/contracts';
import { isJobName, parseJobPayload } from '@pm/queue';
import { type Job, UnrecoverableError } from 'bullmq';
import { WORKER_CONFIG, type WorkerConfig } from './config.js';
import { JOB_HANDLERS, type JobHandler } from './handler.js';

/**
 * The `postmortem` queue's processor: validates each payload against the job registry, then dispatches to the
 * one handler registered for the job name. A payload of the wrong shape fails as unrecoverable (no crash loop).
 */
@Processor('postmortem')
export class PostmortemProcessor extends WorkerHost implements OnModuleInit {
  private readonly log = new Logger('PostmortemProcessor');
  private readonly byName = new Map<JobName, JobHandler>();

  constructor(
    @Inject(JOB_HANDLERS) handlers: JobHandler[],
    @Inject(WORKER_CONFIG) private readonly cfg: WorkerConfig,
  ) {
    super();
    for (const h of handlers) {
      if (this.byName.has(h.jobName)) throw new Error(`two handlers for job ${h.jobName}`);
      this.byName.set(h.jobName, h);
    }
    const missing = JOB_NAMES.filter((n) => n.startsWith('postmortem.') && !this.byName.has(n));
    if (missing.length) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
  }

  onModuleInit() {
    this.worker.concurrency = this.cfg.WORKER_CONCURRENCY;
    this.worker.on('error', (e) => this.log.warn(`worker: ${e.message}`));
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name;
    const handler = isJobName(name) ? this.byName.get(name) : undefined;
    if (!handler) throw new UnrecoverableError(`unknown job name "${name}"`);
    let payload;
    try {
      payload = parseJobPayload(handler.jobName, job.data);
    } catch (e) {
      this.log.error(`job ${job.id} (${name}) has an invalid payload; failing it without retry`);
      throw new UnrecoverableError(`invalid payload: ${(e as Error).message.slice(0, 500)}`);
    }
    try {
      return await handler.handle(payload as never, job);
    } catch (e) {
      const err = e as Error;
      const final = err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.log.warn(
        `job ${job.id} (${name}) attempt ${job.attemptsMade + 1} failed${final ? ' (final)' : ''}: ${err.message}`,
      );
      if (final) await handler.onFinalFailure?.(payload as never, err.message);
      throw err;
    }
  }
}
