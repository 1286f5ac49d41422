import type { JobName, JobPayload } from '@pm/contracts';
import type { Job } from 'bullmq';

/** One handler per job name; the processor dispatches to it after validating the payload. */
export interface JobHandler<N extends JobName = JobName> {
  readonly jobName: N;
  /** `token` is the job's lock token (needed to move the job to the delayed set). */
  handle(payload: JobPayload<N>, job: Job, token?: string): Promise<unknown>;
  /** Called once when the job will not be retried (unrecoverable or out of attempts). */
  onFinalFailure?(payload: JobPayload<N>, reason: string): Promise<void>;
}

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
