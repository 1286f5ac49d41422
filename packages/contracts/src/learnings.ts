import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';

/**
 * Timeline curation and structured learnings (issue 15.5): tags on timeline entries, and contributing factors
 * stored as categorised rows beside the postmortem's prose so they can be counted across incidents.
 */

/** Tags every installation offers; any other valid slug is a custom tag. */
export const BUILTIN_TIMELINE_TAGS = ['detection', 'diagnosis', 'repair', 'key_moment'] as const;
export const TIMELINE_TAG_MAX = 10;

/** A lowercase slug (letters, digits, `_` and `-`, starting with a letter or digit), 1–40 characters. */
export const TimelineTagSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'a tag is a lowercase slug: a-z, 0-9, "_" and "-"');

/** Replaces an entry's tags (duplicates are dropped, order kept). */
export const SetTimelineTagsSchema = z.object({
  tags: z
    .array(TimelineTagSchema)
    .max(TIMELINE_TAG_MAX)
    .transform((t) => [...new Set(t)]),
});
export type SetTimelineTagsInput = z.infer<typeof SetTimelineTagsSchema>;

/** Defaults of the organisation's category list: system causes only, never a person or a team to blame. */
export const DEFAULT_CONTRIBUTING_FACTOR_CATEGORIES = [
  'Change',
  'Dependency',
  'Capacity',
  'Monitoring gap',
  'Process',
  'Configuration',
  'Testing gap',
] as const;

const CategoryNameSchema = z.string().trim().min(1).max(60);

export const ContributingFactorCategoriesSchema = z.object({
  categories: z
    .array(CategoryNameSchema)
    .min(1)
    .max(50)
    .refine((c) => new Set(c.map((x) => x.toLowerCase())).size === c.length, {
      message: 'categories must be unique',
    }),
});
export type ContributingFactorCategories = z.infer<typeof ContributingFactorCategoriesSchema>;

export const ContributingFactorSchema = z.object({
  id: IdSchema,
  postmortemId: IdSchema,
  category: z.string(),
  description: z.string(),
  createdById: IdSchema.nullable(),
  createdByName: z.string().nullable(),
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
});
export type ContributingFactorDto = z.infer<typeof ContributingFactorSchema>;

export const CreateContributingFactorSchema = z.object({
  category: CategoryNameSchema,
  description: z.string().trim().min(1).max(2000),
});
export type CreateContributingFactorInput = z.infer<typeof CreateContributingFactorSchema>;

export const UpdateContributingFactorSchema = z
  .object({
    category: CategoryNameSchema.optional(),
    description: z.string().trim().min(1).max(2000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateContributingFactorInput = z.infer<typeof UpdateContributingFactorSchema>;
