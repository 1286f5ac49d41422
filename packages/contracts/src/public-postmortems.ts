import { z } from 'zod';
import { IdSchema } from './common.js';

/**
 * Public postmortems: a read-only, redacted snapshot of a Completed postmortem behind an unguessable link
 * (`GET /public/postmortems/{token}`), published and taken down by holders of `postmortems_publish`.
 */

/** A section of the document the author may publish: the blocks from one heading to the next of its level. */
export const PublicSectionSchema = z.object({
  /** Stable while the document's headings do not change: ordinal + slug of the heading (`intro` before the first). */
  id: z.string(),
  heading: z.string(),
});
export type PublicSection = z.infer<typeof PublicSectionSchema>;

/** What the rules removed or replaced (counts, never the removed values themselves). */
export const RedactionSummarySchema = z.object({
  names: z.number().int(),
  customFields: z.number().int(),
  links: z.number().int(),
  blocks: z.number().int(),
});
export type RedactionSummary = z.infer<typeof RedactionSummarySchema>;

/** Body of preview and publish: the section ids the author chose (order of the document is kept). */
export const PublicPostmortemInputSchema = z
  .object({ sections: z.array(z.string().min(1).max(200)).min(1).max(200) })
  .strict();
export type PublicPostmortemInput = z.infer<typeof PublicPostmortemInputSchema>;

/** Answer of `POST /postmortems/:id/public-preview`: the page exactly as it would be published. */
export const PublicPreviewSchema = z.object({
  sections: z.array(PublicSectionSchema),
  chosen: z.array(z.string()),
  redaction: RedactionSummarySchema,
  /** The complete static HTML document (no script; render it sandboxed). */
  html: z.string(),
});
export type PublicPreview = z.infer<typeof PublicPreviewSchema>;

/** `GET /postmortems/:id/public`: the available sections and the current publication, if any. */
export const PublicStatusSchema = z.object({
  sections: z.array(PublicSectionSchema),
  published: z
    .object({
      id: IdSchema,
      publishedAt: z.string(),
      publishedBy: z.object({ id: IdSchema, name: z.string() }).nullable(),
      sections: z.array(z.string()),
      redaction: RedactionSummarySchema,
    })
    .nullable(),
});
export type PublicStatus = z.infer<typeof PublicStatusSchema>;

/**
 * Answer of publish. The token is shown only here (the server keeps its hash): `path` is the page under the API's
 * base URL. Publishing again makes a new token and the previous link stops working.
 */
export const PublishedPostmortemSchema = z.object({
  id: IdSchema,
  token: z.string(),
  path: z.string(),
  publishedAt: z.string(),
  sections: z.array(z.string()),
  redaction: RedactionSummarySchema,
});
export type PublishedPostmortem = z.infer<typeof PublishedPostmortemSchema>;

/** The token of a public link as a path parameter (longer input is refused before any lookup). */
export const PublicTokenSchema = z.string().min(1).max(200);
