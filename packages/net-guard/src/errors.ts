/** Why a URL or address was refused; stable codes the API and worker can map to user messages. */
export type NetGuardErrorCode =
  | 'URL_INVALID'
  | 'URL_SCHEME_NOT_ALLOWED'
  | 'URL_ADDRESS_FORBIDDEN'
  | 'URL_UNRESOLVABLE'
  | 'URL_TOO_MANY_REDIRECTS'
  | 'TEST_ALLOWANCE_REFUSED';

/** A refusal by the guard, raised before any connection to the refused address is opened. */
export class NetGuardError extends Error {
  override readonly name = 'NetGuardError';
  constructor(
    readonly code: NetGuardErrorCode,
    message: string,
    /** The URL or host that was refused (never contains credentials: URLs are stripped of userinfo). */
    readonly target?: string,
  ) {
    super(message);
  }
}
