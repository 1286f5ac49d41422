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

// BullMQ forbids ':' in custom ids.
const JOB_IDS: { [N in JobName]: (payload: JobPayload<N>) => string } = {
  'postmortem.generate': (p) => `generate-${p.postmortemId}`,
  'export.follow-up': (p) => `tracker-export-${p.followUpId}`,
  'export.follow-up-sync': (p) => `tracker-sync-${p.followUpId}`,
  'export.run': (p) => `export-${p.exportId}`,
  'notify.events': () => 'notify-events',
  'notify.email': (p) => `email-${p.notificationId}`,
  'reminders.scan': () => 'reminders-scan',
  'webhook.dispatch': () => 'webhook-dispatch',
  'webhook.deliver': (p) => `webhook-deliver-${p.deliveryId}`,
};

/**
 * Deterministic job id: the same postmortem (follow-up) always maps to the same job, so a double submission or a
 * sweeper re-enqueue collapses into one job.
 */
export function jobIdFor<N extends JobName>(name: N, payload: JobPayload<N>): string {
  // Indexing the mapped type by a generic key loses the pairing; the table's type guarantees it.
  const rule = JOB_IDS[name] as (payload: JobPayload<N>) => string;
  return rule(payload);
}

/**
 * Per-job options on top of the queue defaults. Follow-up tracker jobs are removed as soon as they finish, so the deterministic
 * id collapses double submissions only while one is pending: the follow-up row holds the outcome (key, state,
 * reason), and a later edit or a re-export after a failure must be able to enqueue again under the same id.
 */
export function jobOptionsFor(name: JobName): JobsOptions {
  if (name.startsWith('export.follow-up') || name === 'webhook.dispatch')
    return { removeOnComplete: true, removeOnFail: true };
  // A delivery row is the record; removing the job lets "redeliver" enqueue the same id again. 8 attempts over
  // ~1 h (exponential from 15 s).
  if (name === 'webhook.deliver')
    return {
      removeOnComplete: true,
      removeOnFail: true,
      attempts: 8,
      backoff: { type: 'exponential', delay: 15_000, jitter: 0.5 },
    };
  return {};
}

/** Validates a job's data against its registered schema; throws a ZodError on a wrong shape. */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  return JOBS[name].parse(data) as JobPayload<N>;
}

export const isJobName = (name: string): name is JobName => Object.hasOwn(JOBS, name);

export { queueOf };
