import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';

export const SEVERITIES = ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4', 'SEV-5', 'UNKNOWN'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export const INCIDENT_STATUSES = ['active', 'stable', 'resolved', 'completed'] as const;
export const IncidentStatusSchema = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatusSchema>;

export const VisibilitySchema = z.enum(['organization', 'private']);
export type Visibility = z.infer<typeof VisibilitySchema>;

export const TimelineEntrySchema = z.object({
  id: IdSchema,
  kind: z.enum(['note', 'update']),
  content: z.string(),
  important: z.boolean(),
  authorName: z.string().nullable(),
  occurredAt: IsoDateSchema,
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
  commanderName: z.string().nullable(),
  createdAt: IsoDateSchema,
  detectedAt: IsoDateSchema.nullable(),
  resolvedAt: IsoDateSchema.nullable(),
  updatedAt: IsoDateSchema,
});
export type Incident = z.infer<typeof IncidentSchema>;

export const IncidentDetailSchema = IncidentSchema.extend({ timeline: z.array(TimelineEntrySchema) });
export type IncidentDetail = z.infer<typeof IncidentDetailSchema>;

export const CreateTimelineEntrySchema = z.object({
  content: z.string().trim().min(1).max(20_000),
  important: z.boolean().default(false),
  occurredAt: IsoDateSchema.optional(),
});
export type CreateTimelineEntryInput = z.infer<typeof CreateTimelineEntrySchema>;

export const CreateIncidentSchema = z.object({
  title: z.string().trim().min(1).max(300),
  severity: SeveritySchema.default('UNKNOWN'),
  status: IncidentStatusSchema.default('active'),
  visibility: VisibilitySchema.default('organization'),
  summary: z.string().max(20_000).nullable().optional(),
  commanderName: z.string().max(200).nullable().optional(),
  detectedAt: IsoDateSchema.optional(),
  timeline: z.array(CreateTimelineEntrySchema).max(1000).optional(),
});
export type CreateIncidentInput = z.infer<typeof CreateIncidentSchema>;
