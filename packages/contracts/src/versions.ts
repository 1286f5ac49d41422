import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';

/** Why a version exists: automatic snapshot on store, named by a person, or written by a restore. */
export const VersionKindSchema = z.enum(['auto', 'named', 'restore']);
export type VersionKind = z.infer<typeof VersionKindSchema>;

/** One entry of a notebook's version history (history is append-only). */
export const DocumentVersionSchema = z.object({
  id: IdSchema,
  kind: VersionKindSchema,
  name: z.string().nullable(),
  /** The document's store counter when the snapshot was taken. */
  documentVersion: z.number().int(),
  createdAt: IsoDateSchema,
  createdByName: z.string().nullable(),
  /** For `restore` entries: the version that was brought back. */
  restoredFromId: IdSchema.nullable(),
});
export type DocumentVersion = z.infer<typeof DocumentVersionSchema>;

export const DocumentVersionListSchema = z.object({ items: z.array(DocumentVersionSchema) });
export type DocumentVersionList = z.infer<typeof DocumentVersionListSchema>;

/** A version with its content, for preview (Tiptap JSON, rendered read-only by the tab). */
export const DocumentVersionPreviewSchema = DocumentVersionSchema.extend({
  json: z.record(z.string(), z.unknown()),
  text: z.string(),
});
export type DocumentVersionPreview = z.infer<typeof DocumentVersionPreviewSchema>;

export const CreateNamedVersionSchema = z.object({ name: z.string().trim().min(1).max(200) });
export type CreateNamedVersionInput = z.infer<typeof CreateNamedVersionSchema>;
