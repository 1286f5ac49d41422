import { z } from 'zod';
import { IdSchema } from './common.js';
import { FollowUpSchema } from './follow-ups.js';

/*
 * The collab protocol between the collab server and the tab's editor: why a document connection is refused or
 * closed, the WebSocket close codes that carry it, and what the person at the keyboard is told. Clients switch
 * on these reasons, never on log or message text.
 */

/** Stable reasons the collab server refuses a document connection (the `reason` of authentication-failed). */
export const REFUSAL = {
  TOKEN_MISSING: 'TOKEN_MISSING',
  TOKEN_INVALID: 'TOKEN_INVALID',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  /** The token was issued for another document. */
  DOCUMENT_MISMATCH: 'DOCUMENT_MISMATCH',
  /** The name is not `postmortem:<uuid>` or no such document row exists. */
  DOCUMENT_NOT_FOUND: 'DOCUMENT_NOT_FOUND',
  /** The client's editor schema version differs from the server's: reload the page. */
  SCHEMA_MISMATCH: 'SCHEMA_MISMATCH',
  /** Loading failed; retry later (nothing was stored). */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  ORIGIN_FORBIDDEN: 'ORIGIN_FORBIDDEN',
  /** The user may not see the document's incident (private, or access revoked). */
  ACCESS_DENIED: 'ACCESS_DENIED',
  /** The edit would push the document (or one message) past its size cap; nothing of it was applied. */
  DOCUMENT_TOO_LARGE: 'DOCUMENT_TOO_LARGE',
} as const;

/** One of {@link REFUSAL}. */
export type RefusalReason = (typeof REFUSAL)[keyof typeof REFUSAL];

/** Reasons the server closes a document that was already open. */
export const CLOSE_REASON = {
  /** The user lost access to the document's incident while it was open. */
  ACCESS_REVOKED: 'ACCESS_REVOKED',
  /** An edit would push the document past its size cap; it was not applied. */
  DOCUMENT_TOO_LARGE: REFUSAL.DOCUMENT_TOO_LARGE,
  /**
   * An edit broke the comment rules (another user's comment edited or deleted, a comment in someone else's name, a
   * read-only user touching comments). Nothing of it was applied; the client drops its local copy and resyncs.
   */
  COMMENT_REJECTED: 'COMMENT_REJECTED',
} as const;

/** One of {@link CLOSE_REASON}. */
export type CloseReason = (typeof CLOSE_REASON)[keyof typeof CLOSE_REASON];

/** Every reason a client may be shown: a refusal at connect or a close of an open document. */
export type CollabReason = RefusalReason | CloseReason;

/**
 * Close codes of the collab server. 4000–4999 are free for applications; the last three digits follow the HTTP
 * status of the same meaning. The server closes one document of a shared socket with them (they reach its close
 * hooks and logs); Hocuspocus sends the client only the reason of such a close, so clients switch on the reason.
 * 1009 ("message too big") is different: ws closes the whole socket with it for a frame above the server's
 * maximum payload, before anything of the frame is buffered, and the client sees that code with no reason.
 */
export const COLLAB_CLOSE_CODE = {
  ACCESS_REVOKED: 4403,
  DOCUMENT_TOO_LARGE: 4413,
  COMMENT_REJECTED: 4422,
  MESSAGE_TOO_BIG: 1009,
} as const;

/** The close reason a close event stands for: its own reason when known, 1009 meaning the document grew too large. */
export function closeReasonOf(event: { code: number; reason: string }): CloseReason | null {
  const known = Object.values(CLOSE_REASON).find((r) => r === event.reason);
  if (known) return known;
  return event.code === COLLAB_CLOSE_CODE.MESSAGE_TOO_BIG ? CLOSE_REASON.DOCUMENT_TOO_LARGE : null;
}

/**
 * What each reason means for the person at the keyboard. A full record: a new reason does not compile until it
 * has a message.
 */
export const COLLAB_REFUSAL_MESSAGES: Record<CollabReason, string> = {
  TOKEN_MISSING: 'Your permission to open this document is missing. Reload the page to open it again.',
  TOKEN_INVALID: 'Your permission to open this document was not accepted. Reload the page to open it again.',
  TOKEN_EXPIRED: 'Your permission to open this document expired. Reload the page to open it again.',
  DOCUMENT_MISMATCH: 'This page asked for a different document than it may open. Reload the page.',
  DOCUMENT_NOT_FOUND: 'This document does not exist any more.',
  SCHEMA_MISMATCH: 'This editor is out of date. Please reload the page to keep editing.',
  DATABASE_UNAVAILABLE: 'The document could not be loaded right now. Try again in a moment.',
  ORIGIN_FORBIDDEN: 'This page is not allowed to open documents on this server.',
  ACCESS_DENIED: 'You do not have access to this incident.',
  ACCESS_REVOKED: 'You no longer have access to this incident, so the document was closed.',
  DOCUMENT_TOO_LARGE:
    'Your last change was too large for this document and was not saved. Reload the page and paste less at once.',
  COMMENT_REJECTED:
    'A change to comments was refused (you can edit or delete only your own comments) and was not saved. Reload the page to continue with the saved document.',
};

/** True for a string (e.g. off the wire) that is one of the known reasons. */
export const isCollabReason = (s: string): s is CollabReason => Object.hasOwn(COLLAB_REFUSAL_MESSAGES, s);

/** The message for a reason the client received, or the reason itself when the server sent an unknown one. */
export const collabReasonMessage = (reason: string): string =>
  isCollabReason(reason) ? COLLAB_REFUSAL_MESSAGES[reason] : reason;

/**
 * Prefix of the browser IndexedDB databases in which the tab keeps each open document's edits across a lost
 * connection or a closed tab (one database per document and user: `<prefix><documentName>:<userId>`). The host
 * deletes every database with this prefix when the user signs out.
 */
export const OFFLINE_DB_PREFIX = 'pm-offline:';

/** The IndexedDB name of one user's offline copy of one document. */
export const offlineDbName = (documentName: string, userId: string): string =>
  `${OFFLINE_DB_PREFIX}${documentName}:${userId}`;

/** Close and refusal reasons after which the offline copy is dropped: resending it could never succeed. */
export const DISCARD_OFFLINE_REASONS: readonly CollabReason[] = [
  'ACCESS_DENIED',
  'ACCESS_REVOKED',
  'DOCUMENT_NOT_FOUND',
  'DOCUMENT_TOO_LARGE',
  'COMMENT_REJECTED',
];

/** Collab's answer to the API's internal version calls: the version row written and the document's store counter. */
export const CollabVersionResultSchema = z.object({
  versionId: IdSchema,
  documentVersion: z.number().int(),
});
export type CollabVersionResult = z.infer<typeof CollabVersionResultSchema>;

/** Path of collab's internal endpoint that takes a named snapshot of a live document (called by the API). */
export const collabVersionsPath = (documentId: string) => `/internal/documents/${documentId}/versions`;

/** Path of collab's internal endpoint that restores a version into the live document (called by the API). */
export const collabRestorePath = (documentId: string, versionId: string) =>
  `${collabVersionsPath(documentId)}/${versionId}/restore`;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const VERSIONS_ROUTE = new RegExp(`^/internal/documents/(${UUID})/versions(?:/(${UUID})/restore)?$`, 'i');

/** Reads `{ documentId, versionId? }` out of a path built by {@link collabVersionsPath} / {@link collabRestorePath}. */
export function matchCollabVersionsPath(path: string): { documentId: string; versionId?: string } | null {
  const m = VERSIONS_ROUTE.exec(path);
  const documentId = m?.[1];
  if (!documentId) return null;
  const versionId = m[2];
  return versionId ? { documentId, versionId } : { documentId };
}

// ---- follow-ups push ----------------------------------------------------------------------------------------------

/** Redis channel (after `<prefix>:`) on which the API announces `{ incidentId }` after its follow-ups changed. */
export const FOLLOW_UPS_CHANNEL = 'follow-ups';

/** The full channel name for a Redis key prefix (`pm` → `pm:follow-ups`). */
export const followUpsChannel = (prefix = 'pm'): string => `${prefix}:${FOLLOW_UPS_CHANNEL}`;

/** What the API publishes on {@link followUpsChannel}: ids only, collab reads the current list itself. */
export const FollowUpsChangedEventSchema = z.object({ incidentId: IdSchema });
export type FollowUpsChangedEvent = z.infer<typeof FollowUpsChangedEventSchema>;

/**
 * Stateless message collab sends to every open document of an incident when its follow-ups changed: the whole
 * current list (not a diff), so a client that missed a message is right again with the next one.
 */
export const FollowUpsStatelessSchema = z.object({
  type: z.literal('follow-ups'),
  incidentId: IdSchema,
  items: z.array(FollowUpSchema),
});
export type FollowUpsStateless = z.infer<typeof FollowUpsStatelessSchema>;

// ---- postmortem / export progress push ----------------------------------------------------------------------------

/** Redis channel (after `<prefix>:`) announcing that a postmortem or export row changed (state, progress, list). */
export const PM_CHANGES_CHANNEL = 'pm-changes';

/** The full channel name for a Redis key prefix (`pm` → `pm:pm-changes`). */
export const pmChangesChannel = (prefix = 'pm'): string => `${prefix}:${PM_CHANGES_CHANNEL}`;

/**
 * What the worker and the API publish on {@link pmChangesChannel} after committing a change: ids only (the row
 * stays the truth, open SSE streams re-read it). At least one id; `origin` lets a process skip its own echo.
 */
export const PmChangedEventSchema = z
  .object({
    incidentId: IdSchema.optional(),
    postmortemId: IdSchema.optional(),
    exportId: IdSchema.optional(),
    origin: z.string().max(100).optional(),
  })
  .refine((e) => e.incidentId || e.postmortemId || e.exportId, { message: 'needs at least one id' });
export type PmChangedEvent = z.infer<typeof PmChangedEventSchema>;
