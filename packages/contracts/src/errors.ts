import { z } from 'zod';

/**
 * The one catalog of stable error codes. The API maps each code to its HTTP status; the UI switches on `code`,
 * never on the message text.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INCIDENT_NOT_FOUND: 404,
  TEMPLATE_NOT_FOUND: 404,
  POSTMORTEM_NOT_FOUND: 404,
  DOCUMENT_NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TEMPLATE_INVALID: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  QUEUE_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  /** An attached URL with a scheme other than http(s) (javascript:, data:, file:, …) or no host. */
  URL_NOT_ALLOWED: 400,
  USER_NOT_FOUND: 404,
  // Incidents, people and access
  INVALID_STATUS_TRANSITION: 409,
  TIMESTAMPS_INCONSISTENT: 422,
  TIMELINE_ENTRY_NOT_FOUND: 404,
  TIMELINE_ENTRY_NOT_AUTHOR: 403,
  TIMELINE_ENTRY_NOT_EDITABLE: 409,
  IMPACT_NOT_FOUND: 404,
  RESPONDER_NOT_FOUND: 404,
  RESPONDER_NOT_REMOVABLE: 409,
  RESPONDER_TYPE_NOT_FOUND: 404,
  RESPONDER_TYPE_NAME_RESERVED: 422,
  INCIDENT_TYPE_NOT_FOUND: 404,
  FIELD_NOT_FOUND: 404,
  FIELD_NAME_TAKEN: 409,
  FIELD_VALUE_INVALID: 422,
  API_TOKEN_NOT_FOUND: 404,
  FOLLOW_UP_NOT_FOUND: 404,
  // Review process
  REVIEW_STEP_NOT_FOUND: 404,
  /** Skipping a step the process requires for the incident's severity. */
  REVIEW_STEP_REQUIRED: 409,
  /** No review meeting was scheduled for this postmortem yet. */
  REVIEW_MEETING_NOT_FOUND: 404,
  // Tracker export and webhooks
  /** The incident type has no tracker configured (or its account is gone). */
  TRACKER_NOT_CONFIGURED: 409,
  /** A tracker webhook with a missing / wrong signature, a replayed delivery id or a stale timestamp. */
  WEBHOOK_REJECTED: 401,
  // Collaboration: version history
  VERSION_NOT_FOUND: 404,
  /** The collab server did not answer a request the API had to route through it (retry later). */
  COLLAB_UNAVAILABLE: 503,
  // Exports and destinations
  EXPORT_NOT_FOUND: 404,
  /** The export has no file (still running, failed, or a destination export). */
  EXPORT_NOT_READY: 409,
  /** Only notebook postmortems with a document can be exported. */
  EXPORT_NOT_EXPORTABLE: 422,
  /** A destination export without an account / space / folder and no template default to take them from. */
  EXPORT_DESTINATION_REQUIRED: 422,
  /** The rendered file is over the stored-file limit. */
  EXPORT_TOO_LARGE: 413,
  /** The export was refused for the requester (lost access since it was queued). */
  EXPORT_FORBIDDEN: 403,
  /** The destination refused the account's credentials. */
  DESTINATION_AUTH_FAILED: 502,
  /** The space, parent page, folder or page does not exist at the destination. */
  DESTINATION_NOT_FOUND: 502,
  DESTINATION_CONFLICT: 409,
  DESTINATION_TOO_LARGE: 413,
  DESTINATION_REJECTED: 502,
  /** The destination's URL points at a loopback, private or link-local address (refused before connecting). */
  DESTINATION_URL_FORBIDDEN: 400,
  DESTINATION_RATE_LIMITED: 429,
  DESTINATION_UNAVAILABLE: 503,
  // Connected accounts
  CONNECTED_ACCOUNT_NOT_FOUND: 404,
  WEBHOOK_ENDPOINT_NOT_FOUND: 404,
  WEBHOOK_DELIVERY_NOT_FOUND: 404,
  CONNECTED_ACCOUNT_NAME_TAKEN: 409,
  /** Deleting an account a template still uses; `details.templates` names them. */
  CONNECTED_ACCOUNT_IN_USE: 409,
  /** A PATCH whose credentials name another kind than the account's. */
  CONNECTED_ACCOUNT_KIND_MISMATCH: 422,
  /** A service URL that resolves to loopback, a private or link-local range, or cannot be resolved. */
  URL_ADDRESS_FORBIDDEN: 422,
  /** A service URL whose host name has no address. */
  URL_UNRESOLVABLE: 422,
  /** A template destination naming no connected account, or one of the wrong kind. */
  TEMPLATE_ACCOUNT_INVALID: 422,
  // Notifications
  NOTIFICATION_NOT_FOUND: 404,
  /** The unsubscribe link's token is malformed or was not signed by this installation. */
  UNSUBSCRIBE_TOKEN_INVALID: 400,
  /** A status change to In Review / Completed refused by blocking quality checks; `details.failed` lists them. */
  QUALITY_CHECKS_FAILED: 409,
  // Review and approval (issue 15.1)
  /** Completed refused: `details` = { missing: [{ userId, name }], approvalsNeeded, approvalsHave, changesRequested }. */
  REVIEW_INCOMPLETE: 409,
  /** The owner approving their own postmortem while the rule forbids it. */
  REVIEW_SELF_APPROVAL: 403,
  /** The same decision again on an unchanged document (approving twice). */
  REVIEW_ALREADY_DECIDED: 409,
  /** Deciding on a postmortem that is not In Review. */
  REVIEW_NOT_OPEN: 409,
  /** The user is not one of the postmortem's reviewers. */
  NOT_A_REVIEWER: 403,
  /** A Completed postmortem is read-only: only a status change (reopen) is accepted. */
  POSTMORTEM_FROZEN: 409,
  // Structured learnings (issue 15.5)
  /** A contributing factor's category is not in the organisation's current list (`details.categories`). */
  CONTRIBUTING_FACTOR_CATEGORY_UNKNOWN: 422,
  CONTRIBUTING_FACTOR_NOT_FOUND: 404,
  // Public postmortems (issue 16.5)
  /** Publishing a postmortem that is not Completed. */
  POSTMORTEM_NOT_COMPLETED: 409,
  /** A chosen section id the document does not have (it changed since the preview); `details.unknown` lists them. */
  PUBLIC_SECTION_UNKNOWN: 422,
  /** The public link is unknown or was revoked (unpublished, re-published, postmortem removed). */
  PUBLIC_POSTMORTEM_NOT_FOUND: 404,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ErrorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

/** Body of every non-2xx answer of the API. */
export const ErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/**
 * One field problem inside `details.issues` of a VALIDATION_FAILED answer: `in` says where the value was (path
 * parameter, query string, body or header) and `path` which value (`id`, `status`, `confluence.spaceKey`).
 */
export const FieldIssueSchema = z.object({
  in: z.enum(['path', 'query', 'body', 'header']).optional(),
  path: z.string(),
  message: z.string(),
  code: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;
