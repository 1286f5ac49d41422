import { describe, expect, it } from 'vitest';
import { forbiddenRange, isAllowedAddress } from './address.js';

describe('forbiddenRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.10', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'linkLocal'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['::7f00:1', 'ipv4Compatible'],
    ['224.0.0.1', 'multicast'],
    ['not-an-ip', 'invalid'],
  ])('%s is refused as %s', (ip, range) => {
    expect(forbiddenRange(ip)).toBe(range);
    expect(isAllowedAddress(ip)).toBe(false);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '[2606:4700:4700::1111]'])(
    '%s (public unicast) is allowed',
    (ip) => {
      expect(forbiddenRange(ip)).toBeNull();
    },
  );

  it('the loopback allowance lets loopback through and nothing else', () => {
    expect(isAllowedAddress('127.0.0.1', true)).toBe(true);
    expect(isAllowedAddress('::1', true)).toBe(true);
    expect(isAllowedAddress('::ffff:127.0.0.1', true)).toBe(true);
    expect(isAllowedAddress('169.254.169.254', true)).toBe(false);
    expect(isAllowedAddress('10.0.0.1', true)).toBe(false);
  });
});
