import { z } from 'zod';
import { IdSchema } from './common.js';
import { TrackerKindSchema } from './follow-ups.js';

/** A Jira field id (`summary`, `description`, `labels`, `customfield_10042`). */
const JiraFieldId = z.string().regex(/^(?:[a-z][a-zA-Z]*|customfield_\d+)$/, 'not a Jira field id');

/** Where an incident type's follow-ups go in Jira. */
export const JiraTrackerSettingsSchema = z
  .object({
    projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,49}$/, 'a Jira project key such as OPS'),
    issueType: z.string().trim().min(1).max(100),
    /**
     * Field id → Liquid template rendered as plain text with the export variables (`follow_up_title`,
     * `follow_up_description`, `follow_up_due_date`, `incident_title`, `incident_public_id`, `incident_severity`).
     */
    fields: z.record(JiraFieldId, z.string().max(2000)).default({}),
    /** Status names to move to when the workflow has several in the wanted category. */
    statuses: z
      .object({ done: z.string().min(1).max(100).optional(), open: z.string().min(1).max(100).optional() })
      .strict()
      .default({}),
  })
  .strict();
export type JiraTrackerSettings = z.infer<typeof JiraTrackerSettingsSchema>;

/** Where an incident type's follow-ups go on GitHub. */
export const GitHubTrackerSettingsSchema = z
  .object({
    owner: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'a GitHub user or organization'),
    repo: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'a GitHub repository name'),
    /** Extra labels on every exported issue (the export label is always added). */
    labels: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
  })
  .strict();
export type GitHubTrackerSettings = z.infer<typeof GitHubTrackerSettingsSchema>;

/**
 * User id → tracker user (Jira Cloud accountId, Jira Data Center user name, GitHub login). A follow-up's first
 * assignee is sent to the tracker only when mapped here; unmapped users leave the issue unassigned.
 */
export const AssigneeMapSchema = z.record(IdSchema, z.string().trim().min(1).max(200));

/** Tracker settings of one incident type, as the API answers them. */
export const TrackerSettingsSchema = z.object({
  incidentTypeId: IdSchema,
  /** Null while no tracker is configured for the type. */
  accountId: IdSchema.nullable(),
  kind: TrackerKindSchema.nullable(),
  jira: JiraTrackerSettingsSchema.nullable(),
  github: GitHubTrackerSettingsSchema.nullable(),
  /** New follow-ups of incidents of this type are exported automatically. */
  autoExport: z.boolean(),
  assignees: AssigneeMapSchema,
});
export type TrackerSettings = z.infer<typeof TrackerSettingsSchema>;

/** Body of `PUT /incident-types/{id}/tracker-settings`: the kind decides which block is required. */
export const PutTrackerSettingsSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('jira'),
      accountId: IdSchema,
      jira: JiraTrackerSettingsSchema,
      autoExport: z.boolean().default(false),
      assignees: AssigneeMapSchema.default({}),
    })
    .strict(),
  z
    .object({
      kind: z.literal('github'),
      accountId: IdSchema,
      github: GitHubTrackerSettingsSchema,
      autoExport: z.boolean().default(false),
      assignees: AssigneeMapSchema.default({}),
    })
    .strict(),
]);
export type PutTrackerSettingsInput = z.infer<typeof PutTrackerSettingsSchema>;

/** Answer of the webhook endpoints when a delivery was accepted (also for issues we do not know). */
export const WebhookAcceptedSchema = z.object({ accepted: z.literal(true) });

/** Answer of `POST /connected-accounts/{id}/webhook-secret`: the secret, shown this once, and where to send. */
export const WebhookSecretSchema = z.object({
  secret: z.string(),
  /** Path on the API to register as the webhook URL (prefix it with the API's public origin). */
  path: z.string(),
});
export type WebhookSecret = z.infer<typeof WebhookSecretSchema>;
