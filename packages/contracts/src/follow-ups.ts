import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';
import { PersonSchema } from './incident-team.js';

/** A user as a follow-up references them (assignee, creator, last modifier, completer). */
export const UserRefSchema = PersonSchema;
export type UserRef = z.infer<typeof UserRefSchema>;

export const FOLLOW_UP_STATUSES = ['open', 'done'] as const;
export const FollowUpStatusSchema = z.enum(FOLLOW_UP_STATUSES);
export type FollowUpStatus = z.infer<typeof FollowUpStatusSchema>;

/** Limits shared by the API validation and the UI (the UI shows them before the server refuses). */
export const FOLLOW_UP_CONTENT_MAX = 2000;
export const FOLLOW_UP_ASSIGNEES_MAX = 20;

export const TrackerKindSchema = z.enum(['jira', 'github']);
export type TrackerKind = z.infer<typeof TrackerKindSchema>;

/**
 * Where the follow-up's outside issue stands: `exporting` while the export job runs (no key yet), `linked` once the
 * issue exists, `failed` when the export gave up (see `error`), `deleted` when the tracker reports the issue gone.
 */
export const TrackerStateSchema = z.enum(['linked', 'exporting', 'failed', 'deleted']);
export type TrackerState = z.infer<typeof TrackerStateSchema>;

/** The outside issue (Jira / GitHub) a follow-up was exported to. */
export const FollowUpTrackerSchema = z.object({
  kind: TrackerKindSchema,
  /** `PROJ-12` or `owner/repo#34`; null until the export created the issue. */
  key: z.string().nullable(),
  url: z.string().nullable(),
  state: TrackerStateSchema,
  /** Why the last export / sync failed (shown on the item). */
  error: z.string().nullish(),
});
export type FollowUpTracker = z.infer<typeof FollowUpTrackerSchema>;

/** Calendar due date (`YYYY-MM-DD`): a follow-up is due on a day, not at an instant. */
export const DueDateSchema = z.iso.date();

/** One follow-up (remediation item) of an incident. */
export const FollowUpSchema = z.object({
  id: IdSchema,
  incidentId: IdSchema,
  content: z.string(),
  assignees: z.array(UserRefSchema),
  dueDate: DueDateSchema.nullable(),
  status: FollowUpStatusSchema,
  /** Set when marked done, cleared when reopened. */
  completedAt: IsoDateSchema.nullable(),
  completedBy: UserRefSchema.nullable(),
  createdAt: IsoDateSchema,
  createdBy: UserRefSchema.nullable(),
  modifiedAt: IsoDateSchema,
  modifiedBy: UserRefSchema.nullable(),
  /** Order within the incident (ascending). */
  position: z.number().int(),
  tracker: FollowUpTrackerSchema.nullish(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const FollowUpListSchema = z.object({ items: z.array(FollowUpSchema) });
export type FollowUpList = z.infer<typeof FollowUpListSchema>;

const content = z.string().trim().min(1).max(FOLLOW_UP_CONTENT_MAX);
const assigneeIds = z.array(IdSchema).max(FOLLOW_UP_ASSIGNEES_MAX);

/** POST /incidents/:id/follow-ups — new items are open and go last. */
export const CreateFollowUpSchema = z
  .object({
    content,
    assigneeIds: assigneeIds.default([]),
    dueDate: DueDateSchema.nullable().optional(),
  })
  .strict();
export type CreateFollowUpInput = z.infer<typeof CreateFollowUpSchema>;

/** PATCH /follow-ups/:id — every field optional, at least one. `status: 'done'` completes, `'open'` reopens. */
export const UpdateFollowUpSchema = z
  .object({
    content,
    assigneeIds,
    dueDate: DueDateSchema.nullable(),
    status: FollowUpStatusSchema,
    position: z.number().int().min(0).max(1_000_000),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateFollowUpInput = z.infer<typeof UpdateFollowUpSchema>;

/** GET /incidents/:id/follow-ups — `mine=true` keeps items assigned to the caller. */
export const FollowUpListQuerySchema = z.object({
  status: z.enum(['open', 'done', 'all']).default('all'),
  mine: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type FollowUpListQuery = z.infer<typeof FollowUpListQuerySchema>;
