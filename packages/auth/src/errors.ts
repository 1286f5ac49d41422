/** Why a collab token was refused. Stable codes: callers switch on `code`, never on the message. */
export type AuthTokenErrorCode = 'TOKEN_MISSING' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';

/** Thrown by {@link verifyCollabToken} for any token that must not open a document. */
export class AuthTokenError extends Error {
  override readonly name = 'AuthTokenError';

  constructor(
    readonly code: AuthTokenErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
