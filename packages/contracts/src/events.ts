import { z } from 'zod';
import { IdSchema } from './common.js';

/**
 * Domain events: one append-only row per change that someone may later ask about ("who completed it, who removed
 * that link") or that the outside world subscribes to. Written by `recordDomainEvent` (packages/db) in the SAME
 * transaction as the change, so an event exists exactly when its change does. Consumers:
 * - the audit trail (reads them, filtered by the incident's current visibility);
 * - webhooks and notifications (each reads new events after its own cursor).
 *
 * Ordering: `seq` increases with insertion, but under PostgreSQL a lower `seq` can commit after a higher one. A
 * consumer that keeps a cursor must not skip rows that commit late: only advance past rows older than a settle
 * window, or remember which rows it handled.
 */
export const DOMAIN_EVENT_TYPES = [
  // postmortem lifecycle
  'postmortem.generation_requested',
  'postmortem.generated',
  'postmortem.failed',
  'postmortem.attached',
  'postmortem.removed',
  'postmortem.status_changed',
  'postmortem.owner_changed',
  'postmortem.title_changed',
  'postmortem.export_requested',
  'postmortem.exported',
  'postmortem.export_failed',
  'postmortem.version_restored',
  // review workflow
  'postmortem.reviewers_changed',
  'postmortem.review_requested',
  'postmortem.approved',
  'postmortem.changes_requested',
  'postmortem.approvals_stale',
  'postmortem.reopened',
  'postmortem.review_step_changed',
  'postmortem.review_meeting_scheduled',
  'postmortem.quality_checked',
  'postmortem.refreshed',
  'postmortem.published',
  'postmortem.unpublished',
  /** Scheduler: a Draft / In Review postmortem past the configured age (one per period). */
  'postmortem.reminder',
  // follow-ups
  'follow_up.created',
  'follow_up.updated',
  'follow_up.done',
  'follow_up.deleted',
  'follow_up.exported',
  /** Scheduler: an open follow-up past its due date (one per period). */
  'follow_up.reminder',
  // structured learnings
  'timeline.tags_changed',
  'postmortem.contributing_factor_added',
  'postmortem.contributing_factor_updated',
  'postmortem.contributing_factor_removed',
  'settings.contributing_factor_categories_changed',
  // templates
  'template.created',
  'template.updated',
  'template.deleted',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];
export const DomainEventTypeSchema = z.enum(DOMAIN_EVENT_TYPES);

/**
 * Something to tell people about the event, carried by the event itself (the notification channel turns it into
 * in-app notifications and e-mails). `ics` is an RFC 5545 calendar object sent as an attachment (review invites).
 */
export const EventNotifySchema = z
  .object({
    userIds: z.array(IdSchema).max(200),
    title: z.string().min(1).max(300),
    body: z.string().max(5000).default(''),
    /** Path inside the web app, e.g. `/incidents/12/post-incident/<postmortemId>`. */
    link: z.string().max(1000).optional(),
    ics: z.string().max(100_000).optional(),
  })
  .strict();
export type EventNotify = z.infer<typeof EventNotifySchema>;

/** What a producer passes to `recordDomainEvent`. */
export const DomainEventInputSchema = z
  .object({
    type: DomainEventTypeSchema,
    incidentId: IdSchema.nullable().optional(),
    postmortemId: IdSchema.nullable().optional(),
    followUpId: IdSchema.nullable().optional(),
    templateId: IdSchema.nullable().optional(),
    /** The user who did it; null for the system (worker, scheduler). */
    actorId: IdSchema.nullable().optional(),
    /** The request that did it (X-Request-Id), when there was one. */
    requestId: z.string().max(128).nullable().optional(),
    /** Before → after of what changed (e.g. `{ status: 'draft' }` → `{ status: 'in_review' }`). */
    before: z.record(z.string(), z.unknown()).nullable().optional(),
    after: z.record(z.string(), z.unknown()).nullable().optional(),
    /** Anything else a consumer needs (ids, names at the time). Never secrets, never document bodies. */
    data: z.record(z.string(), z.unknown()).nullable().optional(),
    notify: EventNotifySchema.nullable().optional(),
  })
  .strict();
export type DomainEventInput = z.input<typeof DomainEventInputSchema>;
