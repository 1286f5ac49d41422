import { z } from 'zod';
import { IdSchema } from './common.js';

/**
 * Typed job registry: job name → payload schema. Payloads carry ids only, never incident text or secrets.
 * The queue is derived from the name's prefix (`postmortem.generate` → queue `postmortem`).
 */
export const JOBS = {
  'postmortem.generate': z.object({ postmortemId: IdSchema }).strict(),
  /** Create the follow-up's tracker issue (idempotent: the issue is tagged with the follow-up id). */
  'export.follow-up': z.object({ followUpId: IdSchema }).strict(),
  /** Push the follow-up's title / assignee / done state to its linked tracker issue. */
  'export.follow-up-sync': z.object({ followUpId: IdSchema }).strict(),
  /** Renders or publishes one export row (queue `export`, so slow destinations never hold up generation). */
  'export.run': z.object({ exportId: IdSchema }).strict(),
  /** Scheduled (one schedule for all workers): turns new domain events' `notify` into in-app notifications. */
  'notify.events': z.object({}).strict(),
  /** Sends one notification's e-mail (SMTP), retried with backoff; the in-app row exists regardless. */
  'notify.email': z.object({ notificationId: IdSchema }).strict(),
  /** Scheduled: reminders of stale Draft / In Review postmortems and overdue follow-ups. */
  'reminders.scan': z.object({}).strict(),
  /** Reads new domain events after the webhook cursor and creates one delivery per matching endpoint (scheduled). */
  'webhook.dispatch': z.object({}).strict(),
  /** POSTs one signed webhook delivery (retried with backoff; the delivery row records each attempt). */
  'webhook.deliver': z.object({ deliveryId: IdSchema }).strict(),
} as const;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]>;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];

export const queueOf = (name: JobName) => name.slice(0, name.indexOf('.'));
export const QUEUE_NAMES = [...new Set(JOB_NAMES.map(queueOf))];
