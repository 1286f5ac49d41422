import type { LookupAddress, LookupOptions } from 'node:dns';
import { Agent, Headers, fetch as undiciFetch, type RequestInit, type Response } from 'undici';
import { assertAddressesAllowed, checkUrl, redactUrl } from './check-url.js';
import { NetGuardError } from './errors.js';
import { loopbackAllowed, systemResolver, type NetGuardOptions } from './options.js';

/** How many redirects a guarded fetch follows, each re-validated, before giving up. */
export const DEFAULT_MAX_REDIRECTS = 5;

/** Options of {@link createGuardedFetch}. */
export interface GuardedFetchOptions extends NetGuardOptions {
  /** Redirect hops to follow (each Location is validated before connecting); default 5. */
  maxRedirects?: number;
  /** Socket connect timeout in ms (default 10 000). */
  connectTimeoutMs?: number;
}

/** A fetch whose every connection, including each redirect hop, goes only to public addresses. */
export type GuardedFetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for `net.connect` that resolves with the guard's resolver and refuses if any address is private.
 * Checking at connect time (not only before the request) closes the DNS-rebinding gap: the addresses connected
 * to are the addresses that were checked.
 */
export function createGuardedLookup(options: NetGuardOptions = {}) {
  const allowLoopback = loopbackAllowed(options);
  const resolve = options.resolve ?? systemResolver;
  return (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        try {
          assertAddressesAllowed(hostname, addresses, allowLoopback, hostname);
        } catch (e) {
          callback(e instanceof Error ? e : new Error(String(e)), '');
          return;
        }
        const wanted = lookupOptions.family;
        const usable =
          wanted === 4 || wanted === 6 ? addresses.filter((a) => a.family === wanted) : addresses;
        if (lookupOptions.all) callback(null, usable);
        else if (usable[0]) callback(null, usable[0].address, usable[0].family);
        else
          callback(new NetGuardError('URL_UNRESOLVABLE', `${hostname} has no usable address`, hostname), '');
      },
      (e: unknown) => callback(e instanceof Error ? e : new Error(String(e)), ''),
    );
  };
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Creates a fetch for URLs that come from users (a Confluence base URL, an attached link): every hop is checked
 * with {@link checkUrl} before connecting, the socket's own DNS lookup is guarded too, and redirects are followed
 * by hand (`redirect: 'manual'`) so a redirect to a private address is refused before any connection to it.
 * Credentials (`authorization`, `cookie`) are dropped when a redirect leaves the original origin.
 */
export function createGuardedFetch(options: GuardedFetchOptions = {}): GuardedFetch {
  loopbackAllowed(options); // fail at construction, not at first use
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const dispatcher = new Agent({
    connect: { lookup: createGuardedLookup(options), timeout: options.connectTimeoutMs ?? 10_000 },
  });
  return async (input, init = {}) => {
    let url = (await checkUrl(input, options)).url;
    const origin = url.origin;
    let current: RequestInit = { ...init };
    for (let hop = 0; ; hop++) {
      const res = await undiciFetch(url, { ...current, redirect: 'manual', dispatcher });
      const location = res.headers.get('location');
      if (!REDIRECT_STATUSES.has(res.status) || location === null) return res;
      await res.body?.cancel();
      if (hop >= maxRedirects) {
        throw new NetGuardError(
          'URL_TOO_MANY_REDIRECTS',
          `more than ${maxRedirects} redirects`,
          redactUrl(url),
        );
      }
      url = (await checkUrl(new URL(location, url), options)).url;
      current = nextHopInit(current, res.status, url.origin !== origin);
    }
  };
}

/** Request options for the next hop: 303 (and 301/302 after POST) become a GET without body, as browsers do. */
function nextHopInit(init: RequestInit, status: number, crossOrigin: boolean): RequestInit {
  const method = (init.method ?? 'GET').toUpperCase();
  const toGet = status === 303 || ((status === 301 || status === 302) && method === 'POST');
  const headers = new Headers(init.headers);
  if (crossOrigin) {
    headers.delete('authorization');
    headers.delete('cookie');
  }
  if (toGet) {
    headers.delete('content-type');
    headers.delete('content-length');
    return { ...init, method: 'GET', body: undefined, headers };
  }
  return { ...init, headers };
}
