import { z } from 'zod';
import { IdSchema } from './common.js';
import { DOMAIN_EVENT_TYPES, DomainEventTypeSchema } from './events.js';

/**
 * The audit trail: domain events as admins read them (`GET /audit`, `GET /incidents/:id/audit`, export). Entries
 * of a private incident are listed only to readers who can see that incident now.
 */
export const AuditEntrySchema = z.object({
  id: IdSchema,
  seq: z.number().int(),
  type: DomainEventTypeSchema,
  createdAt: z.string(),
  incidentId: IdSchema.nullable(),
  /** The incident's number and title now (null when it was deleted or the entry has none). */
  incidentPublicId: z.number().int().nullable(),
  incidentTitle: z.string().nullable(),
  postmortemId: IdSchema.nullable(),
  followUpId: IdSchema.nullable(),
  templateId: IdSchema.nullable(),
  /** Null: the system (worker, scheduler). */
  actorId: IdSchema.nullable(),
  actorName: z.string().nullable(),
  requestId: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

const isoDate = z.iso.datetime({ offset: true });

/** `type=a,b`: one or more event types. */
const TypesParam = z
  .string()
  .max(2000)
  .transform((s, ctx) => {
    const types = s
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    for (const t of types)
      if (!(DOMAIN_EVENT_TYPES as readonly string[]).includes(t))
        ctx.addIssue({ code: 'custom', message: `unknown event type "${t}"` });
    return types as z.infer<typeof DomainEventTypeSchema>[];
  });

/** Filters shared by the list and the export. Newest first; `cursor` = the `nextCursor` of the previous page. */
export const AuditFilterSchema = z.object({
  incidentId: IdSchema.optional(),
  postmortemId: IdSchema.optional(),
  type: TypesParam.optional(),
  actorId: IdSchema.optional(),
  /** Inclusive lower / exclusive upper bound of `createdAt` (ISO 8601 with offset). */
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AuditQuerySchema = AuditFilterSchema.extend({
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditExportQuerySchema = AuditFilterSchema.extend({
  format: z.enum(['csv', 'json']).default('csv'),
});
export type AuditExportQuery = z.infer<typeof AuditExportQuerySchema>;

export const AuditPageSchema = z.object({
  items: z.array(AuditEntrySchema),
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;
