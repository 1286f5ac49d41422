import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';
import {
  CustomFieldValuesSchema,
  ImpactSchema,
  IncidentTypeSchema,
  PersonSchema,
  ResponderSchema,
} from './incident-team.js';

export const SEVERITIES = ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4', 'SEV-5', 'UNKNOWN'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export const INCIDENT_STATUSES = ['active', 'stable', 'resolved', 'completed'] as const;
export const IncidentStatusSchema = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatusSchema>;

/**
 * Allowed status moves (same → same is a no-op, not a move). Forward: active → stable → resolved → completed, and
 * active/stable may jump straight to resolved. Backward: reopening a resolved incident (→ active or stable) and
 * un-completing (completed → resolved) are normal in the field; completed cannot jump back to active/stable
 * without passing through resolved, and active/stable cannot skip resolution to completed.
 */
export const STATUS_TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  active: ['stable', 'resolved'],
  stable: ['active', 'resolved'],
  resolved: ['active', 'stable', 'completed'],
  completed: ['resolved'],
};

/** True when `from → to` is allowed (or a no-op). */
export const canTransition = (from: IncidentStatus, to: IncidentStatus): boolean =>
  from === to || STATUS_TRANSITIONS[from].includes(to);

export const VisibilitySchema = z.enum(['organization', 'private']);
export type Visibility = z.infer<typeof VisibilitySchema>;

export const TimelineEntrySchema = z.object({
  id: IdSchema,
  /** `note`: written by a responder; `update`: recorded automatically when the incident changed. */
  kind: z.enum(['note', 'update']),
  content: z.string(),
  important: z.boolean(),
  authorName: z.string().nullable(),
  authorId: IdSchema.nullish(),
  occurredAt: IsoDateSchema,
  /** Curation tags (`detection`, `diagnosis`, `repair`, `key_moment` or custom slugs); optional for old fixtures. */
  tags: z.array(z.string()).optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const IncidentSchema = z.object({
  id: IdSchema,
  publicId: z.number().int(),
  title: z.string(),
  severity: SeveritySchema,
  status: IncidentStatusSchema,
  visibility: VisibilitySchema,
  summary: z.string().nullable(),
  /** Name of the commander user (kept for existing consumers; see `commander`). */
  commanderName: z.string().nullable(),
  commander: PersonSchema.nullish(),
  createdBy: PersonSchema.nullish(),
  incidentType: IncidentTypeSchema.nullish(),
  chatChannelUrl: z.string().nullish(),
  meetingUrl: z.string().nullish(),
  /** Declaration time. */
  createdAt: IsoDateSchema,
  detectedAt: IsoDateSchema.nullable(),
  /** Last move into resolved/completed; cleared when the incident is reopened. */
  resolvedAt: IsoDateSchema.nullable(),
  updatedAt: IsoDateSchema,
});
export type Incident = z.infer<typeof IncidentSchema>;

export const IncidentDetailSchema = IncidentSchema.extend({
  timeline: z.array(TimelineEntrySchema),
  // Optional in the type so older fixtures stay valid; the API always sends all three.
  impacts: z.array(ImpactSchema).optional(),
  responders: z.array(ResponderSchema).optional(),
  customFields: CustomFieldValuesSchema.optional(),
});
export type IncidentDetail = z.infer<typeof IncidentDetailSchema>;

export const CreateTimelineEntrySchema = z.object({
  content: z.string().trim().min(1).max(20_000),
  important: z.boolean().default(false),
  /** Back-dating: any past time (not more than a minute in the future). */
  occurredAt: IsoDateSchema.optional(),
});
export type CreateTimelineEntryInput = z.infer<typeof CreateTimelineEntrySchema>;

/** Edit a timeline entry: content/time by the note's author only; `important` by anyone who may write. */
export const UpdateTimelineEntrySchema = z
  .object({
    content: z.string().trim().min(1).max(20_000).optional(),
    important: z.boolean().optional(),
    occurredAt: IsoDateSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateTimelineEntryInput = z.infer<typeof UpdateTimelineEntrySchema>;

const urlField = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .nullable();

export const CreateIncidentSchema = z.object({
  title: z.string().trim().min(1).max(300),
  severity: SeveritySchema.default('UNKNOWN'),
  status: IncidentStatusSchema.default('active'),
  visibility: VisibilitySchema.default('organization'),
  summary: z.string().max(20_000).nullable().optional(),
  /** Free-text commander name (legacy); prefer `commanderId`. Matched to a user by name when possible. */
  commanderName: z.string().max(200).nullable().optional(),
  commanderId: IdSchema.nullable().optional(),
  incidentTypeId: IdSchema.optional(),
  detectedAt: IsoDateSchema.optional(),
  chatChannelUrl: urlField.optional(),
  meetingUrl: urlField.optional(),
  customFields: CustomFieldValuesSchema.optional(),
  timeline: z.array(CreateTimelineEntrySchema).max(1000).optional(),
});
export type CreateIncidentInput = z.infer<typeof CreateIncidentSchema>;

/** PATCH /incidents/:id — every field optional; `customFields` merges (null removes a value). */
export const UpdateIncidentSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    severity: SeveritySchema,
    status: IncidentStatusSchema,
    visibility: VisibilitySchema,
    summary: z.string().max(20_000).nullable(),
    commanderId: IdSchema.nullable(),
    incidentTypeId: IdSchema,
    /** Timestamp overrides (Incidents Write). */
    declaredAt: IsoDateSchema,
    detectedAt: IsoDateSchema.nullable(),
    resolvedAt: IsoDateSchema,
    chatChannelUrl: urlField,
    meetingUrl: urlField,
    customFields: CustomFieldValuesSchema,
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateIncidentInput = z.infer<typeof UpdateIncidentSchema>;

export const IncidentListQuerySchema = z.object({
  text: z.string().max(200).optional(),
  status: IncidentStatusSchema.optional(),
  severity: SeveritySchema.optional(),
  visibility: VisibilitySchema.optional(),
});
export type IncidentListQuery = z.infer<typeof IncidentListQuerySchema>;

export const TimelineQuerySchema = z.object({
  important: z.enum(['true', 'false']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});
