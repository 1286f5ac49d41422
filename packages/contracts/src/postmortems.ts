import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';
import { DestinationSchema } from './templates.js';

/** Editorial status a person sets (reference product: Draft / In Review / Completed). */
export const POSTMORTEM_STATUSES = ['draft', 'in_review', 'completed'] as const;
export const PostmortemStatusSchema = z.enum(POSTMORTEM_STATUSES);
export type PostmortemStatus = z.infer<typeof PostmortemStatusSchema>;

/** Where the background generation is. The DB row is the truth; Redis is transport. */
export const GENERATION_STATES = ['queued', 'rendering', 'storing', 'ready', 'failed'] as const;
export const GenerationStateSchema = z.enum(GENERATION_STATES);
export type GenerationState = z.infer<typeof GenerationStateSchema>;

export const PostmortemSchema = z.object({
  id: IdSchema,
  incidentId: IdSchema,
  templateId: IdSchema.nullable(),
  title: z.string(),
  destination: DestinationSchema,
  generationState: GenerationStateSchema,
  /** 0–100, reported by the worker. */
  progress: z.number().int().min(0).max(100),
  failureReason: z.string().nullable(),
  status: PostmortemStatusSchema,
  ownerId: IdSchema.nullable(),
  ownerName: z.string().nullable(),
  /** The notebook document id for notebook postmortems. */
  documentId: IdSchema.nullable(),
  /** External URL for attached / exported postmortems. */
  url: z.string().nullable(),
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
});
export type Postmortem = z.infer<typeof PostmortemSchema>;

export const IDEMPOTENCY_HEADER = 'idempotency-key';

export const GeneratePostmortemSchema = z.object({
  templateId: IdSchema,
  title: z.string().trim().min(1).max(300).optional(),
});
export type GeneratePostmortemInput = z.infer<typeof GeneratePostmortemSchema>;

export const IdempotencyKeySchema = z
  .string()
  .min(8)
  .max(200)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

/** A short-lived grant to open one notebook document in the collab server. */
export const CollabGrantSchema = z.object({
  token: z.string(),
  documentName: z.string(),
  collabUrl: z.string(),
  expiresAt: IsoDateSchema,
  readOnly: z.boolean(),
  user: z.object({ id: IdSchema, name: z.string(), color: z.string() }),
});
export type CollabGrant = z.infer<typeof CollabGrantSchema>;

/** Collab document names are `postmortem:<documentId>`. */
export const documentNameFor = (documentId: string) => `postmortem:${documentId}`;
export const documentIdFromName = (name: string): string | null => {
  const m = /^postmortem:([0-9a-f-]{36})$/.exec(name);
  return m ? m[1]! : null;
};
