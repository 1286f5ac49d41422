import { lookup } from 'node:dns/promises';
import { NetGuardError } from './errors.js';

/** One resolved address, as `dns.lookup(…, { all: true })` returns it. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has. Injectable so tests can make a name resolve to a private IP. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** Options shared by every guard entry point. */
export interface NetGuardOptions {
  /**
   * Lets loopback (127.0.0.0/8, ::1) through — and nothing else — so tests can reach fake servers on 127.0.0.1.
   * Refused (throws `TEST_ALLOWANCE_REFUSED`) unless `NODE_ENV` is `test`, so a production process cannot be
   * configured into it by accident: production config must never set it, and this check backs that up.
   */
  allowLoopbackForTests?: boolean;
  /** Name resolution; defaults to `dns.lookup` with `all: true` (what the OS would use to connect). */
  resolve?: Resolver;
}

/** The system resolver: every address (`all: true`), in the order the OS returns them. */
export const systemResolver: Resolver = async (hostname) => {
  const rows = await lookup(hostname, { all: true, order: 'verbatim' });
  return rows.map((r) => ({ address: r.address, family: r.family === 6 ? 6 : 4 }));
};

/** Validates the options once; returns whether loopback is allowed. */
export function loopbackAllowed(options: NetGuardOptions): boolean {
  if (!options.allowLoopbackForTests) return false;
  if (process.env.NODE_ENV !== 'test') {
    throw new NetGuardError(
      'TEST_ALLOWANCE_REFUSED',
      'allowLoopbackForTests is only accepted when NODE_ENV=test; production config must not set it',
    );
  }
  return true;
}
