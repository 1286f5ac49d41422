import { isIP } from 'node:net';
import { forbiddenRange } from './address.js';
import { NetGuardError } from './errors.js';
import { loopbackAllowed, systemResolver, type NetGuardOptions, type ResolvedAddress } from './options.js';

/** A URL without user:password, safe to put in an error message or a log. */
export function redactUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

/** Parses `raw` and refuses anything but http(s). */
export function parseHttpUrl(raw: string | URL): URL {
  let url: URL;
  try {
    url = typeof raw === 'string' ? new URL(raw) : new URL(raw.href);
  } catch {
    throw new NetGuardError('URL_INVALID', 'not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NetGuardError(
      'URL_SCHEME_NOT_ALLOWED',
      `scheme ${url.protocol} is not allowed; only http and https`,
      redactUrl(url),
    );
  }
  return url;
}

/** Host of a URL without IPv6 brackets (`[::1]` → `::1`). */
export function bareHost(url: URL): string {
  const h = url.hostname;
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

/**
 * Refuses the resolved addresses of `host` if ANY of them is not public: a name with one public and one private
 * address could be connected to the private one.
 */
export function assertAddressesAllowed(
  host: string,
  addresses: readonly ResolvedAddress[],
  allowLoopback: boolean,
  target: string,
): void {
  if (addresses.length === 0) throw new NetGuardError('URL_UNRESOLVABLE', `${host} has no address`, target);
  for (const a of addresses) {
    const range = forbiddenRange(a.address, allowLoopback);
    if (range !== null) {
      throw new NetGuardError(
        'URL_ADDRESS_FORBIDDEN',
        `${host} resolves to ${a.address} (${range}); only public addresses may be reached`,
        target,
      );
    }
  }
}

/**
 * Validates a URL the server is about to connect to: http(s) only; a literal IP must be public; a name must
 * resolve, and every address it resolves to must be public. WHATWG URL parsing has already normalised
 * `http://2130706433` and `http://0177.0.0.1` to `127.0.0.1`, so those tricks are judged as the address they are.
 * Returns the parsed URL and the addresses checked.
 */
export async function checkUrl(
  raw: string | URL,
  options: NetGuardOptions = {},
): Promise<{ url: URL; addresses: ResolvedAddress[] }> {
  const allowLoopback = loopbackAllowed(options);
  const url = parseHttpUrl(raw);
  const host = bareHost(url);
  const target = redactUrl(url);
  const family = isIP(host);
  if (family !== 0) {
    const addresses: ResolvedAddress[] = [{ address: host, family: family === 6 ? 6 : 4 }];
    assertAddressesAllowed(host, addresses, allowLoopback, target);
    return { url, addresses };
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (options.resolve ?? systemResolver)(host);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new NetGuardError('URL_UNRESOLVABLE', `${host} could not be resolved: ${reason}`, target);
  }
  assertAddressesAllowed(host, addresses, allowLoopback, target);
  return { url, addresses };
}
