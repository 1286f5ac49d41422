/**
 * Stable reasons the collab server gives when it refuses a document connection. The client receives one as the
 * `reason` of its authentication-failed event and switches on it (never on log text).
 */
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

export type RefusalReason = (typeof REFUSAL)[keyof typeof REFUSAL];

/** The error shape Hocuspocus turns into a permission-denied message carrying `reason` to the client. */
export class Refusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly detail?: string,
  ) {
    // An empty message keeps Hocuspocus from console.error-ing every refusal; our logger records it instead.
    super('');
    this.name = 'Refusal';
  }
}
