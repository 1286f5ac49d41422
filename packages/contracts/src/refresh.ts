import { z } from 'zod';

/**
 * "Refresh from incident". The incident-data variables whose output a notebook marks as refreshable blocks
 * (doc-model's `INCIDENT_DATA_SOURCES`; contracts import only zod, so the list is repeated here and a test keeps
 * them equal).
 */
export const REFRESH_SOURCES = [
  'timeline',
  'customer_impact',
  'scope_of_impact',
  'follow-ups',
  'card',
] as const;
export const RefreshSourceSchema = z.enum(REFRESH_SOURCES);
export type RefreshSource = z.infer<typeof RefreshSourceSchema>;

/** One source rendered from the incident's current data: the blocks (Tiptap JSON) its marked block should hold. */
export const RefreshRenderedBlockSchema = z.object({
  source: RefreshSourceSchema,
  content: z.array(z.record(z.string(), z.unknown())),
});

/**
 * Answer of `POST /postmortems/:id/refresh/preview`: every source rendered now. The tab compares them with the
 * marked blocks of the live document (unchanged / will update / edited by hand) and applies the chosen ones as one
 * collaborative edit.
 */
export const RefreshPreviewSchema = z.object({
  renderedAt: z.string(),
  blocks: z.array(RefreshRenderedBlockSchema),
});
export type RefreshPreview = z.infer<typeof RefreshPreviewSchema>;

const BlockIdSchema = z.string().min(1).max(64);

/** Body of `POST /postmortems/:id/refresh`: what the user's refresh did (recorded in history and as an event). */
export const RefreshAppliedSchema = z
  .object({
    updated: z.array(z.object({ blockId: BlockIdSchema, source: RefreshSourceSchema }).strict()).max(500),
    /** Blocks edited by hand where the user kept their text. */
    kept: z.array(BlockIdSchema).max(500).default([]),
  })
  .strict();
export type RefreshAppliedInput = z.infer<typeof RefreshAppliedSchema>;

/** Name of the version recorded after a refresh. */
export const REFRESH_VERSION_NAME = 'Refreshed from incident';
