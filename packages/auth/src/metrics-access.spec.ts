import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, metricsAccess } from './metrics-access.js';

const TOKEN = 'metrics-token-0123456789';

describe('metricsAccess', () => {
  it('with a token: the right bearer token is allowed from anywhere', () => {
    const authorization = `Bearer ${TOKEN}`;
    expect(metricsAccess({ authorization, remoteAddress: '10.1.2.3' }, TOKEN)).toBe('allowed');
    expect(metricsAccess({ authorization: `bearer ${TOKEN}`, remoteAddress: '::1' }, TOKEN)).toBe('allowed');
  });

  it('with a token: missing or malformed credentials are 401, a wrong token 403, even from loopback', () => {
    expect(metricsAccess({ remoteAddress: '127.0.0.1' }, TOKEN)).toBe('unauthenticated');
    expect(metricsAccess({ authorization: TOKEN, remoteAddress: '127.0.0.1' }, TOKEN)).toBe(
      'unauthenticated',
    );
    expect(metricsAccess({ authorization: 'Basic abc', remoteAddress: '127.0.0.1' }, TOKEN)).toBe(
      'unauthenticated',
    );
    expect(metricsAccess({ authorization: `Bearer ${TOKEN}x` }, TOKEN)).toBe('forbidden');
    expect(metricsAccess({ authorization: 'Bearer short' }, TOKEN)).toBe('forbidden');
  });

  it('without a token: loopback callers only', () => {
    for (const a of ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1'])
      expect(metricsAccess({ remoteAddress: a }, undefined)).toBe('allowed');
    for (const a of ['10.0.0.1', '192.168.1.5', '::ffff:10.0.0.1', 'fe80::1', '', undefined])
      expect(metricsAccess({ remoteAddress: a }, undefined)).toBe('forbidden');
  });

  it('loopback detection does not trust look-alikes', () => {
    expect(isLoopbackAddress('1127.0.0.1')).toBe(false);
    expect(isLoopbackAddress('::ffff:128.0.0.1')).toBe(false);
  });
});
