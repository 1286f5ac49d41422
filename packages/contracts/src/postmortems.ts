import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';
import { ReviewSummarySchema } from './reviews.js';
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
  /** `link` for attached postmortems (any http(s) URL); otherwise the template's destination. */
  destination: z.union([DestinationSchema, z.literal('link')]),
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
  /** `generated` from a template by the worker, or `attached` (an existing document's URL). */
  kind: z.enum(['generated', 'attached']).default('generated'),
  /** Name of the template it was generated from (null for attached ones or a deleted template). */
  templateName: z.string().nullable().default(null),
  /** Set when the link was removed from the incident (only admins list removed ones). */
  removedAt: IsoDateSchema.nullable().default(null),
  /** Open inline comment threads in the notebook (counted by collab when it stores the document). */
  commentCount: z.number().int().min(0).default(0),
  /** Open follow-ups of the postmortem's incident (follow-ups belong to the incident, not to one document). */
  openFollowUps: z.number().int().min(0).default(0),
  /** Who made the last stored change to the notebook (null before any edit, and for attached postmortems). */
  lastEditorName: z.string().nullable().default(null),
  /** Required reviewers and approvals: n of m, who is missing, stale approvals (null: no review required). */
  review: ReviewSummarySchema.nullable().default(null),
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

/** Longest postmortem title (characters), as stored. */
export const POSTMORTEM_TITLE_MAX = 300;

/** A postmortem title as typed: surrounding spaces dropped, 1–300 characters, no line breaks. */
export const PostmortemTitleSchema = z
  .string()
  .trim()
  .min(1, 'the title cannot be empty')
  .max(POSTMORTEM_TITLE_MAX, `at most ${POSTMORTEM_TITLE_MAX} characters`)
  .refine((t) => !/[\r\n]/.test(t), 'the title must be one line');

/**
 * `PATCH /postmortems/:id`: rename, change the editorial status and/or the owner (any user of the organisation).
 */
export const UpdatePostmortemSchema = z
  .object({
    title: PostmortemTitleSchema.optional(),
    status: PostmortemStatusSchema.optional(),
    ownerId: IdSchema.optional(),
  })
  .strict()
  .refine(
    (v) => v.title !== undefined || v.status !== undefined || v.ownerId !== undefined,
    'title, status or ownerId is required',
  );
export type UpdatePostmortemInput = z.infer<typeof UpdatePostmortemSchema>;

/** Longest accepted attached URL (characters). */
export const ATTACHMENT_URL_MAX = 2048;

/** Only these URL schemes can be attached: anything else (javascript:, data:, file:, …) is refused. */
export const ATTACHMENT_URL_SCHEMES = ['http:', 'https:'] as const;

/** True when `url` parses as an absolute http(s) URL with a host. Isomorphic (the tab checks before sending). */
export function isAttachableUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (ATTACHMENT_URL_SCHEMES as readonly string[]).includes(u.protocol) && u.hostname.length > 0;
  } catch {
    return false;
  }
}

/** `POST /incidents/:id/postmortems/attachments`: attach an existing postmortem by URL (never fetched). */
export const AttachPostmortemSchema = z.object({
  title: z.string().trim().min(1).max(300),
  url: z.string().trim().min(1).max(ATTACHMENT_URL_MAX),
});
export type AttachPostmortemInput = z.infer<typeof AttachPostmortemSchema>;

/** What `GET /incidents/:id/postmortems/events` pushes (event `postmortems`) whenever the incident's list changed. */
export const PostmortemListSchema = z.object({ items: z.array(PostmortemSchema) });
export type PostmortemList = z.infer<typeof PostmortemListSchema>;

/** `GET /incidents/:id/postmortems?includeRemoved=true` (admins only for removed ones). */
export const ListPostmortemsQuerySchema = z.object({
  includeRemoved: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

/** A postmortem owner as shown in the incident's Response Team (system role "Postmortem owner"). */
export const POSTMORTEM_OWNER_ROLE = 'Postmortem owner';
export const PostmortemOwnerSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  email: z.string(),
  role: z.literal(POSTMORTEM_OWNER_ROLE),
  /** The postmortems this user owns on the incident. */
  postmortemIds: z.array(IdSchema),
});
export type PostmortemOwner = z.infer<typeof PostmortemOwnerSchema>;
