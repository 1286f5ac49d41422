import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';
import { IncidentStatusSchema, SeveritySchema } from './incidents.js';
import { PostmortemStatusSchema } from './postmortems.js';

/** One value or the same key repeated (`?severity=SEV-1&severity=SEV-2`). */
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).max(20)]).optional();

/** Limits shared by the API and the UI. */
export const SEARCH_QUERY_MAX = 200;
export const SEARCH_PAGE_MAX = 50;

/**
 * `GET /search`: free text (any characters: quotes and operators are read as plain words, never as syntax) plus
 * facets. `field` filters a custom property field as `name:value` (e.g. `service:checkout`); `from`/`to` bound the
 * incident's declaration time. `cursor` is the opaque `nextCursor` of the previous page.
 */
export const SearchQuerySchema = z.object({
  q: z.string().max(SEARCH_QUERY_MAX).optional(),
  severity: oneOrMany(SeveritySchema),
  incidentStatus: oneOrMany(IncidentStatusSchema),
  status: oneOrMany(PostmortemStatusSchema),
  incidentTypeId: oneOrMany(IdSchema),
  ownerId: oneOrMany(IdSchema),
  field: oneOrMany(
    z
      .string()
      .min(3)
      .max(200)
      .regex(/^[^:]+:.+$/, 'expected name:value'),
  ),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  cursor: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(SEARCH_PAGE_MAX).optional(),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

/** A piece of highlighted text: `hit` pieces matched the query. Plain text only, so no UI ever injects HTML. */
export const TextSegmentSchema = z.object({ text: z.string(), hit: z.boolean() });
export type TextSegment = z.infer<typeof TextSegmentSchema>;

export const SearchHitSchema = z.object({
  postmortemId: IdSchema,
  title: z.string(),
  titleSegments: z.array(TextSegmentSchema),
  /** Best-matching passage of the document text (empty for linked documents without stored text). */
  snippet: z.array(TextSegmentSchema),
  status: PostmortemStatusSchema,
  owner: z.object({ id: IdSchema, name: z.string() }).nullable(),
  incident: z.object({
    id: IdSchema,
    publicId: z.number().int(),
    title: z.string(),
    severity: SeveritySchema,
    status: IncidentStatusSchema,
    type: z.string().nullable(),
    createdAt: IsoDateSchema,
  }),
  updatedAt: IsoDateSchema,
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const FacetCountSchema = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export type FacetCount = z.infer<typeof FacetCountSchema>;

export const SearchResultSchema = z.object({
  items: z.array(SearchHitSchema),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
  /** Counts for the current query and facets, per facet (a facet's own filter included). */
  facets: z.object({
    severity: z.array(FacetCountSchema),
    incidentStatus: z.array(FacetCountSchema),
    status: z.array(FacetCountSchema),
    incidentType: z.array(FacetCountSchema),
    owner: z.array(FacetCountSchema),
  }),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const INSIGHTS_GROUPS = ['month', 'severity', 'type', 'team'] as const;
export const InsightsGroupSchema = z.enum(INSIGHTS_GROUPS);
export type InsightsGroup = z.infer<typeof InsightsGroupSchema>;

/** `GET /insights`: incidents declared in [from, to) grouped by month, severity, type or the `team` custom field. */
export const InsightsQuerySchema = z.object({
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  groupBy: InsightsGroupSchema.optional(),
});
export type InsightsQuery = z.infer<typeof InsightsQuerySchema>;

export const InsightsRowSchema = z.object({
  /** Month `YYYY-MM`, severity, type name or team value (`(none)` when unset). */
  group: z.string(),
  incidents: z.number().int(),
  withPostmortem: z.number().int(),
  withoutPostmortem: z.number().int(),
  /** Hours from incident resolution to the postmortem's Completed (null when none completed). */
  medianHoursToCompleted: z.number().nullable(),
  p90HoursToCompleted: z.number().nullable(),
  followUpsDoneOnTime: z.number().int(),
  followUpsDoneLate: z.number().int(),
  /** Open follow-ups whose due date has passed, now. */
  followUpsOverdue: z.number().int(),
});
export type InsightsRow = z.infer<typeof InsightsRowSchema>;

export const InsightsSchema = z.object({
  groupBy: InsightsGroupSchema,
  from: IsoDateSchema.nullable(),
  to: IsoDateSchema.nullable(),
  rows: z.array(InsightsRowSchema),
  totals: InsightsRowSchema,
  /** Most frequent contributing-factor categories (empty until contributing factors are recorded). */
  topContributingFactors: z.array(z.object({ category: z.string(), count: z.number().int() })),
});
export type Insights = z.infer<typeof InsightsSchema>;
