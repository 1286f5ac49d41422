/**
 * @pm/net-guard — server-only SSRF guard for every URL the server itself connects to (destination base URLs,
 * "Test connection", attached links). Use {@link createGuardedFetch} to connect, {@link checkUrl} to validate a
 * URL at save time.
 */
export { NetGuardError, type NetGuardErrorCode } from './errors.js';
export { forbiddenRange, isAllowedAddress } from './address.js';
export {
  systemResolver,
  loopbackAllowed,
  type NetGuardOptions,
  type Resolver,
  type ResolvedAddress,
} from './options.js';
export { checkUrl, parseHttpUrl, redactUrl } from './check-url.js';
export {
  createGuardedFetch,
  createGuardedLookup,
  DEFAULT_MAX_REDIRECTS,
  type GuardedFetch,
  type GuardedFetchOptions,
} from './guarded-fetch.js';
