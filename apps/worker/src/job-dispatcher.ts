import { Logger } from '@nestjs/common';
import { JOB_NAMES, queueOf, type JobName } from '@pm/contracts';
import { isJobName, parseJobPayload } from '@pm/queue';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { JobHandler } from './handler.js';

/**
 * Dispatches one queue's jobs: validates each payload against the job registry, then calls the one handler
 * registered for the job name. A payload of the wrong shape fails as unrecoverable (no crash loop). Construction
 * fails when a job name of the queue has no handler or two.
 */
export class JobDispatcher {
  private readonly byName = new Map<JobName, JobHandler>();
  private readonly log: Logger;

  constructor(
    readonly queue: string,
    handlers: JobHandler[],
  ) {
    this.log = new Logger(`Queue ${queue}`);
    for (const h of handlers.filter((x) => queueOf(x.jobName) === queue)) {
      if (this.byName.has(h.jobName)) throw new Error(`two handlers for job ${h.jobName}`);
      this.byName.set(h.jobName, h);
    }
    const missing = JOB_NAMES.filter((n) => queueOf(n) === queue && !this.byName.has(n));
    if (missing.length) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
  }

  /** Runs `job`; the lock `token` lets a handler move its job to the delayed set (Retry-After). */
  async run(job: Job, token?: string): Promise<unknown> {
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
      return await handler.handle(payload as never, job, token);
    } catch (e) {
      // Moved to the delayed set by the handler: not a failure, no attempt used.
      if (e instanceof DelayedError) throw e;
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
