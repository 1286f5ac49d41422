import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';
import { PersonSchema } from './incident-team.js';
import { SEVERITIES, SeveritySchema, type Severity } from './incidents.js';

/**
 * Review process (issue 15.4): per incident type, a list of steps a postmortem goes through after the incident.
 * Each step names who owns it by incident role and how many business days (in the owner's time zone) it gets,
 * counted from the incident's resolution (or the postmortem's creation while the incident is unresolved).
 * `appliesTo` decides which severities get the step at all; `requiredFor` which of those may not skip it.
 */
export const REVIEW_OWNER_ROLES = ['commander', 'postmortem_owner'] as const;
/** `commander`, `postmortem_owner`, or `responder_type:<responder type id>` (a custom incident role). */
export const ReviewOwnerRoleSchema = z.union([
  z.enum(REVIEW_OWNER_ROLES),
  z.string().regex(/^responder_type:[0-9a-f-]{36}$/i, 'responder_type:<uuid>'),
]);
export type ReviewOwnerRole = z.infer<typeof ReviewOwnerRoleSchema>;

export const ReviewStepDefinitionSchema = z
  .object({
    /** Stable key (unique in the process), e.g. `schedule_review`. */
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _'),
    name: z.string().trim().min(1).max(200),
    ownerRole: ReviewOwnerRoleSchema,
    dueBusinessDays: z.number().int().min(0).max(120),
    appliesTo: z.array(SeveritySchema).max(SEVERITIES.length),
    requiredFor: z.array(SeveritySchema).max(SEVERITIES.length),
  })
  .strict();
export type ReviewStepDefinition = z.infer<typeof ReviewStepDefinitionSchema>;

export const ReviewProcessStepsSchema = z
  .array(ReviewStepDefinitionSchema)
  .max(30)
  .refine((s) => new Set(s.map((x) => x.key)).size === s.length, 'step keys must be unique');

export const UpdateReviewProcessDefinitionSchema = z.object({ steps: ReviewProcessStepsSchema }).strict();
export type UpdateReviewProcessDefinitionInput = z.infer<typeof UpdateReviewProcessDefinitionSchema>;

export const ReviewProcessDefinitionSchema = z.object({
  incidentTypeId: IdSchema,
  incidentTypeName: z.string(),
  /** False while the type uses the built-in default (nothing stored yet). */
  customized: z.boolean(),
  steps: z.array(ReviewStepDefinitionSchema),
});
export type ReviewProcessDefinition = z.infer<typeof ReviewProcessDefinitionSchema>;

const ALL_BUT_5: Severity[] = ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4', 'UNKNOWN'];
const HIGH: Severity[] = ['SEV-1', 'SEV-2'];
/** The built-in process: SEV-1/2 get (and must do) all of it, SEV-3/4 a shorter optional one, SEV-5 none. */
export const DEFAULT_REVIEW_PROCESS: ReviewStepDefinition[] = [
  {
    key: 'draft_timeline',
    name: 'Draft the timeline',
    ownerRole: 'postmortem_owner',
    dueBusinessDays: 2,
    appliesTo: ALL_BUT_5,
    requiredFor: HIGH,
  },
  {
    key: 'schedule_review',
    name: 'Schedule the review meeting',
    ownerRole: 'commander',
    dueBusinessDays: 3,
    appliesTo: ['SEV-1', 'SEV-2', 'SEV-3'],
    requiredFor: HIGH,
  },
  {
    key: 'contributing_factors',
    name: 'Write contributing factors',
    ownerRole: 'postmortem_owner',
    dueBusinessDays: 5,
    appliesTo: ALL_BUT_5,
    requiredFor: HIGH,
  },
  {
    key: 'agree_follow_ups',
    name: 'Agree the follow-ups',
    ownerRole: 'commander',
    dueBusinessDays: 7,
    appliesTo: HIGH,
    requiredFor: HIGH,
  },
  {
    key: 'publish',
    name: 'Publish',
    ownerRole: 'postmortem_owner',
    dueBusinessDays: 10,
    appliesTo: ALL_BUT_5,
    requiredFor: HIGH,
  },
];

export const REVIEW_STEP_STATUSES = ['open', 'done', 'skipped'] as const;
export const ReviewStepStatusSchema = z.enum(REVIEW_STEP_STATUSES);
export type ReviewStepStatus = z.infer<typeof ReviewStepStatusSchema>;

export const ReviewStepSchema = z.object({
  id: IdSchema,
  key: z.string(),
  name: z.string(),
  ownerRole: z.string(),
  /** Null when nobody holds the role on the incident. */
  owner: PersonSchema.nullable(),
  required: z.boolean(),
  /** The business day it is due, `YYYY-MM-DD` in `timeZone` (the owner's). */
  dueDate: z.iso.date(),
  timeZone: z.string(),
  /** The end of `dueDate` in `timeZone`: overdue once this has passed and the step is still open. */
  dueAt: IsoDateSchema,
  status: ReviewStepStatusSchema,
  changedAt: IsoDateSchema.nullable(),
  changedBy: PersonSchema.nullable(),
  position: z.number().int(),
});
export type ReviewStep = z.infer<typeof ReviewStepSchema>;

export const ReviewMeetingSchema = z.object({
  uid: z.string(),
  startAt: IsoDateSchema,
  endAt: IsoDateSchema,
  location: z.string().nullable(),
  organizer: PersonSchema.nullable(),
  /** How many times it was (re)scheduled minus one (the .ics SEQUENCE). */
  sequence: z.number().int(),
  attendeeCount: z.number().int(),
});
export type ReviewMeeting = z.infer<typeof ReviewMeetingSchema>;

export const ReviewProcessSchema = z.object({
  postmortemId: IdSchema,
  severity: SeveritySchema,
  steps: z.array(ReviewStepSchema),
  meeting: ReviewMeetingSchema.nullable(),
});
export type ReviewProcess = z.infer<typeof ReviewProcessSchema>;

export const UpdateReviewStepSchema = z.object({ status: ReviewStepStatusSchema }).strict();
export type UpdateReviewStepInput = z.infer<typeof UpdateReviewStepSchema>;

export const ScheduleReviewMeetingSchema = z
  .object({
    startAt: IsoDateSchema,
    durationMinutes: z
      .number()
      .int()
      .min(5)
      .max(8 * 60),
    /** A room or a video-call URL. */
    location: z.string().trim().max(500).optional(),
  })
  .strict();
export type ScheduleReviewMeetingInput = z.infer<typeof ScheduleReviewMeetingSchema>;

/** An IANA time zone name this runtime knows (`Intl` throws a RangeError for others). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
export const TimeZoneSchema = z.string().min(1).max(64).refine(isTimeZone, 'unknown time zone');

export const UserTimeZoneSchema = z.object({ timeZone: TimeZoneSchema }).strict();
export type UserTimeZone = z.infer<typeof UserTimeZoneSchema>;
