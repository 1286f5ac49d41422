import { z } from 'zod';

/** Postmortem quality checks (the checks themselves are pure functions in @pm/doc-model `runQualityChecks`). */
export const QUALITY_CHECK_IDS = [
  'impact_quantified',
  'follow_ups_complete',
  'timeline_present',
  'required_sections',
  'blameless_wording',
] as const;
export const QualityCheckIdSchema = z.enum(QUALITY_CHECK_IDS);
export const QualityLevelSchema = z.enum(['off', 'warning', 'blocking']);

/** Where a result points: a text range (textblock index + offsets in its text) or a follow-up of the sidebar. */
export const QualityLocationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    block: z.number().int().min(0),
    from: z.number().int().min(0),
    to: z.number().int().min(0),
  }),
  z.object({ kind: z.literal('follow_up'), followUpId: z.string() }),
]);
export type QualityLocation = z.infer<typeof QualityLocationSchema>;

export const QualityItemSchema = z.object({
  message: z.string(),
  location: QualityLocationSchema.nullable(),
});

export const QualityResultSchema = z.object({
  id: QualityCheckIdSchema,
  level: z.enum(['warning', 'blocking']),
  /** `fail` = a blocking check failed (status changes are refused), `warn` = a warning check failed. */
  status: z.enum(['pass', 'warn', 'fail']),
  message: z.string(),
  items: z.array(QualityItemSchema),
});
export type QualityResult = z.infer<typeof QualityResultSchema>;

export const QualityRunSchema = z.object({
  postmortemId: z.string().uuid(),
  checkedAt: z.string(),
  /** False when a blocking check failed: In Review / Completed would be refused with QUALITY_CHECKS_FAILED. */
  passed: z.boolean(),
  /** The blaming phrases in force, so the editor highlights the same words the server flags. */
  blamingPhrases: z.array(z.string()),
  results: z.array(QualityResultSchema),
});
export type QualityRun = z.infer<typeof QualityRunSchema>;

/** Quality checks configuration of an incident type (Incident Settings Manage). */
export const QualityConfigSchema = z.object({
  levels: z.record(QualityCheckIdSchema, QualityLevelSchema),
  /** Matched literally, case-insensitively, on word boundaries; null = the default list. */
  blamingPhrases: z.array(z.string().trim().min(1).max(100)).max(200).nullable(),
});
export type QualityConfigDto = z.infer<typeof QualityConfigSchema>;
