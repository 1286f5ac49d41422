import { JOBS, queueOf, type JobName, type JobPayload } from '@pm/contracts';
import type { JobsOptions } from 'bullmq';

/** Hash-tagged so every key of a queue lands in one Redis Cluster slot. */
export const bullPrefix = (redisPrefix: string) => `{${redisPrefix}}`;

/** Retries with exponential backoff (half of each pause random, so retries of many jobs spread out); finished jobs are trimmed (the DB row is the record, not Redis). */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 5_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * Deterministic job id: the same postmortem always maps to the same job, so a double submission or a sweeper
 * re-enqueue collapses into one job. BullMQ forbids ':' in custom ids.
 */
export function jobIdFor<N extends JobName>(name: N, payload: JobPayload<N>): string {
  switch (name) {
    case 'postmortem.generate':
      return `generate-${(payload as JobPayload<'postmortem.generate'>).postmortemId}`;
    case 'export.run':
      return `export-${(payload as JobPayload<'export.run'>).exportId}`;
    default: {
      const never: never = name;
      throw new Error(`no job id rule for ${String(never)}`);
    }
  }
}

/** Validates a job's data against its registered schema; throws a ZodError on a wrong shape. */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  return JOBS[name].parse(data) as JobPayload<N>;
}

export const isJobName = (name: string): name is JobName => Object.hasOwn(JOBS, name);

export { queueOf };
