import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Classifies an IP address for outbound use. Returns `null` for a public unicast address, otherwise the name of
 * the special range it belongs to (`loopback`, `private`, `linkLocal`, `carrierGradeNat`, `uniqueLocal`, …).
 *
 * It is an allow-list: only ipaddr.js's `unicast` range passes, so every special range (including ones added to
 * the library later, 6to4/Teredo/NAT64 prefixes that can embed a private IPv4, multicast, reserved) is refused.
 * IPv4-mapped IPv6 (`::ffff:127.0.0.1`, `::ffff:7f00:1`) is unwrapped to its IPv4 first, so it is judged as the
 * IPv4 it reaches.
 */
export function forbiddenRange(ip: string, allowLoopback = false): string | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (isIP(bare) === 0) return 'invalid';
  const addr = ipaddr.process(bare);
  const range = addr.range();
  if (range === 'unicast') {
    // IPv4-compatible IPv6 (::a.b.c.d, deprecated) is still routed to the embedded IPv4 by some stacks.
    if (addr.kind() === 'ipv6' && addr.match(ipaddr.IPv6.parse('::'), 96)) return 'ipv4Compatible';
    return null;
  }
  if (range === 'loopback' && allowLoopback) return null;
  return range;
}

/** True when the address may be connected to (public unicast, or loopback under the test allowance). */
export function isAllowedAddress(ip: string, allowLoopback = false): boolean {
  return forbiddenRange(ip, allowLoopback) === null;
}
