import { Logger } from '@nestjs/common';
import { JOB_NAMES, queueOf, type JobName } from '@pm/contracts';
import { isJobName, parseJobPayload, requestIdOf } from '@pm/queue';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { PinoLogger } from 'nestjs-pino';
import type { JobHandler } from './handler.js';
import type { WorkerMetrics } from './metrics.js';

/** What a dispatcher needs besides its handlers: metrics and the logger whose context each job runs in. */
export interface DispatcherDeps {
  metrics?: WorkerMetrics;
  /** Runs each job in a logging context bound to its correlation id (nestjs-pino's `runInContext`). */
  logger?: Pick<PinoLogger, 'runInContext'>;
}

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
    private readonly deps: DispatcherDeps = {},
  ) {
    this.log = new Logger(`Queue ${queue}`);
    for (const h of handlers.filter((x) => queueOf(x.jobName) === queue)) {
      if (this.byName.has(h.jobName)) throw new Error(`two handlers for job ${h.jobName}`);
      this.byName.set(h.jobName, h);
    }
    const missing = JOB_NAMES.filter((n) => queueOf(n) === queue && !this.byName.has(n));
    if (missing.length) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
  }

  /**
   * Runs `job`; the lock `token` lets a handler move its job to the delayed set (Retry-After). Every line logged
   * while it runs (here, in its handler, in the libraries they call through Nest's Logger) carries the job id and
   * the correlation id from its options; its duration is recorded by outcome.
   */
  run(job: Job, token?: string): Promise<unknown> {
    // Unknown job names share one label: a job written to Redis by hand must not create series at will.
    const timed = () =>
      this.deps.metrics
        ? this.deps.metrics.time(
            this.queue,
            isJobName(job.name) ? job.name : 'unknown',
            () => this.runJob(job, token),
            isDelay,
          )
        : this.runJob(job, token);
    const bindings = { requestId: requestIdOf(job), jobId: job.id, queue: this.queue, jobName: job.name };
    return this.deps.logger ? this.deps.logger.runInContext(timed, { bindings }) : timed();
  }

  private async runJob(job: Job, token?: string): Promise<unknown> {
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
    const started = performance.now();
    try {
      const result = await handler.handle(payload as never, job, token);
      this.log.log(`job ${job.id} (${name}) completed in ${Math.round(performance.now() - started)} ms`);
      return result;
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

const isDelay = (e: unknown) => e instanceof DelayedError;
